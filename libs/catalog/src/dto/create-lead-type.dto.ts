import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Deduplicated, Omittable, SLUG_PATTERN, Tier, TIERS } from '@leadgate/common';

/**
 * 60 days (86,400 minutes): no SLA is longer, in business or calendar time. With partners' weeks of at
 * least an hour of business time, every due time stays within decades and is computed in milliseconds.
 */
export const MAX_SLA_MINUTES = 86_400;

export class CreateLeadTypeDto {
  @ApiProperty({ example: 'demo-request', description: 'Stable slug that intake systems send; cannot be changed later' })
  @IsString() @Length(1, 100) @Matches(SLUG_PATTERN, { message: 'key must be a lower-case slug such as "demo-request"' })
  key: string;

  @ApiProperty({ example: 'Demo request' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'A buyer asked for a product demo through a web form.', description: 'The agreed plain-English definition' })
  @IsString() @Length(1, 5000)
  definition: string;

  @ApiPropertyOptional({ enum: TIERS, isArray: true, description: 'Tiers that may receive this type; default all' })
  @Omittable() @IsArray() @ArrayNotEmpty() @Deduplicated() @IsIn(TIERS, { each: true })
  allowedTiers?: Tier[];

  @ApiProperty({ minimum: 1, maximum: MAX_SLA_MINUTES, example: 240, description: 'Accept within (minutes)' })
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES)
  slaAcceptMinutes: number;

  @ApiProperty({ minimum: 1, maximum: MAX_SLA_MINUTES, example: 480, description: 'First contact within (minutes)' })
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES)
  slaContactMinutes: number;

  @ApiProperty({ minimum: 1, maximum: MAX_SLA_MINUTES, example: 4800, description: 'Qualified/disqualified verdict within (minutes)' })
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES)
  slaFeedbackMinutes: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: MAX_SLA_MINUTES, description: 'Status update every (minutes) while the lead is open' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_SLA_MINUTES)
  slaUpdateCadenceMinutes?: number | null;

  @ApiPropertyOptional({ default: true, description: "Count SLA minutes in the partner's business hours (false: calendar time)" })
  @Omittable() @IsBoolean()
  businessTime?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Inactive types are refused at intake' })
  @Omittable() @IsBoolean()
  active?: boolean;
}
