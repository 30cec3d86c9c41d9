import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { Standing, STANDINGS } from '@leadgate/common';

export class SetOverrideDto {
  @ApiProperty({ enum: STANDINGS, example: 'good' })
  @IsIn(STANDINGS, { message: `standing must be one of: ${STANDINGS.join(', ')}` })
  standing: Standing;

  @ApiProperty({ example: 'New partner, onboarding until the end of the quarter' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty({ message: 'reason must say why the standing is overridden' }) @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-04-01T00:00:00Z', description: 'When the override ends (ISO 8601 date-time); must be in the future' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time such as 2026-04-01T00:00:00Z' })
  @Matches(/T/, { message: 'endsAt must include a time of day, such as 2026-04-01T00:00:00Z' })
  endsAt: string;
}
