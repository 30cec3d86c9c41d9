import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { ACTIVITY_TYPES, ActivityType } from '@leadgate/lifecycle';

export class LogActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES, description: 'call, email and meeting count as contact with the buyer; note does not' })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @ApiPropertyOptional({ description: 'When it happened (default: now); never in the future' })
  @IsOptional() @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ example: 'Spoke with the IT director, demo booked for Tuesday' })
  @IsOptional() @IsString() @Length(1, 4000)
  notes?: string;
}
