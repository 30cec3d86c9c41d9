import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Deduplicated, IsCalendarDate, Omittable, Page, PageQuery } from '@leadgate/common';
import type { HolidayCalendar } from '../holiday-calendars.repository';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value);

export class CreateHolidayCalendarDto {
  @ApiProperty({ example: 'Germany – Bavaria' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiPropertyOptional({ nullable: true, example: 'DE', description: 'ISO country code whose public holidays are generated each year; null: custom dates only' })
  @IsOptional() @Transform(upper) @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO code such as "DE"' })
  country?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'BY', description: 'Region (state, province) code of the country with its own holidays' })
  @IsOptional() @Transform(upper) @IsString() @Matches(/^[A-Z0-9]{1,10}$/, { message: 'region must be a region code such as "BY"' })
  region?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['2026-12-24'], description: 'Extra days off (yyyy-mm-dd); repeats are dropped' })
  @Omittable() @IsArray() @ArrayMaxSize(1000) @Deduplicated() @IsCalendarDate({ each: true })
  customDates?: string[];
}

/** Every field optional; null clears country or region. */
export class UpdateHolidayCalendarDto extends PartialType(CreateHolidayCalendarDto, { skipNullProperties: false }) {}

export class HolidayCalendarQuery {
  @ApiPropertyOptional({ description: 'The year whose holidays to list; default this year' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1970) @Max(2200)
  year?: number;
}

export class ListHolidayCalendarsQuery extends PageQuery {}

export class HolidayDto {
  @ApiProperty({ example: '2026-12-25' }) date: string;
  @ApiProperty({ example: 'Christmas Day' }) name: string;
}

export class HolidayCalendarDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: [String] }) customDates: string[];
  @ApiProperty({ description: 'Partners using it' }) partnerCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static from(calendar: HolidayCalendar): HolidayCalendarDto {
    return Object.assign(new HolidayCalendarDto(), calendar);
  }
}

export class HolidayCalendarDetailDto extends HolidayCalendarDto {
  @ApiProperty({ description: 'The year listed' }) year: number;
  @ApiProperty({ type: [HolidayDto], description: 'Its days off that year: generated public holidays and custom dates' }) holidays: HolidayDto[];
}

export class HolidayCalendarPageDto implements Page<HolidayCalendarDto> {
  @ApiProperty({ type: [HolidayCalendarDto] }) items: HolidayCalendarDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
