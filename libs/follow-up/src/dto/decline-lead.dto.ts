import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class DeclineLeadDto {
  @ApiProperty({ example: 'no_capacity', description: 'One of the configured decline reasons (DECLINE_REASONS)' })
  @IsString() @Matches(/^[a-z][a-z0-9_]*$/, { message: 'reasonCode must be a reason code such as no_capacity' })
  reasonCode: string;

  @ApiPropertyOptional({ example: 'Team is fully booked until March' })
  @IsOptional() @IsString() @Length(1, 2000)
  reasonText?: string;
}
