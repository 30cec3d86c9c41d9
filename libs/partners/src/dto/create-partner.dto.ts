import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { Deduplicated, IsTimeZone, Omittable, SLUG_PATTERN, Tier, TIERS } from '@leadgate/common';
import { BusinessHoursDto } from './business-hours.dto';

/** A partner's week must hold at least this much business time (unless it works around the clock), so no SLA runs for decades. */
export const MIN_WEEKLY_BUSINESS_MINUTES = 60;

/** A country ("DE") or a country and postal prefix ("DE-80"). */
export const TERRITORY_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,10})?$/;

/** The partner's first admin, invited by email with the partner: a one-time link to set a password. */
export class FirstAdminDto {
  @ApiProperty({ example: 'anna@acme.example' })
  @IsString() @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({ example: 'Anna Berg' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName: string;
}

export class CreatePartnerDto {
  @ApiProperty({ example: 'Acme Networks GmbH' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS)
  tier: Tier;

  @ApiPropertyOptional({ type: [String], example: ['DE', 'AT-10'], description: 'Country codes or country + postal prefix; repeats are dropped' })
  @Omittable() @IsArray() @ArrayMaxSize(1000) @Deduplicated()
  @Matches(TERRITORY_PATTERN, { each: true, message: 'each territory must be a country code ("DE") or country and postal prefix ("DE-80")' })
  territories?: string[];

  @ApiPropertyOptional({ type: [String], example: ['networking', 'security'], description: 'Lower-case product-line slugs; repeats are dropped' })
  @Omittable() @IsArray() @ArrayMaxSize(200) @Deduplicated()
  @Matches(SLUG_PATTERN, { each: true, message: 'each specialty must be a lower-case slug such as "cloud-security"' })
  specialties?: string[];

  @ApiProperty({ minimum: 0, description: 'Maximum number of open (offered or accepted) leads' })
  @IsInt() @Min(0) @Max(1_000_000)
  capacity: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1, description: 'Relative share of leads among equal candidates' })
  @Omittable() @IsInt() @Min(1) @Max(1000)
  weight?: number;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone of the partner calendar' })
  @IsTimeZone()
  timezone: string;

  @ApiPropertyOptional({
    type: [BusinessHoursDto],
    description: `Weekly windows; default Monday to Friday 09:00-17:00. At least ${MIN_WEEKLY_BUSINESS_MINUTES / 60} hour a week, unless aroundTheClock`,
  })
  @Omittable() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto[];

  @ApiPropertyOptional({ default: false, description: 'True: SLA clocks run in calendar time, around the clock; businessHours are then not used' })
  @Omittable() @IsBoolean()
  aroundTheClock?: boolean;

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Id of the holiday calendar whose days off its clocks skip (GET /api/v1/holiday-calendars); null: none' })
  @IsOptional() @IsUUID()
  holidayCalendarId?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Inactive partners receive no leads' })
  @Omittable() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true, example: 'leads@acme.example' })
  @IsOptional() @IsEmail() @MaxLength(320)
  contactEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Id of an active user with role channel_manager' })
  @IsOptional() @IsUUID()
  channelManagerId?: string | null;

  @ApiPropertyOptional({ type: FirstAdminDto, description: 'Create only: invite the partner\'s first admin in the same transaction' })
  @IsOptional() @ValidateNested() @Type(() => FirstAdminDto)
  firstAdmin?: FirstAdminDto;
}
