import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO4217CurrencyCode, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, SLUG_PATTERN } from '@leadgate/common';

export class CreateCampaignDto {
  @ApiProperty({ example: 'spring-webinar-2026', description: 'Stable slug that intake systems send; cannot be changed later' })
  @IsString() @Length(1, 100) @Matches(SLUG_PATTERN, { message: 'key must be a lower-case slug such as "spring-webinar-2026"' })
  key: string;

  @ApiProperty({ example: 'Spring webinar 2026' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'webinar', description: 'Marketing channel: webinar, paid-search, event, ...' })
  @IsString() @Length(1, 100)
  channel: string;

  @ApiProperty({ minimum: 0, example: 250000, description: 'Total cost in minor units of the currency (cents)' })
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  costMinor: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code, upper case' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be three upper-case letters such as "EUR"' })
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 currency code such as "EUR"' })
  currency: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-03-01', description: 'yyyy-mm-dd' })
  @IsOptional() @IsCalendarDate()
  startsOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-05-31', description: 'yyyy-mm-dd, on or after startsOn' })
  @IsOptional() @IsCalendarDate()
  endsOn?: string | null;
}
