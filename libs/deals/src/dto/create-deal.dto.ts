import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '@leadgate/common';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Forms send blanks: a blank optional field means "not given".
const optionalText = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? undefined : text;
};
const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value);
const optionalUpper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value);

/** A deal a partner found itself: the buyer, the contact, and what it expects to sell. */
export class CreateDealDto {
  @ApiProperty({ example: 'Example GmbH', maxLength: 200 })
  @Transform(trimmed) @IsString({ message: 'company is required: the buyer’s company name' })
  @IsNotEmpty({ message: 'company is required: the buyer’s company name' }) @MaxLength(200)
  company: string;

  @ApiPropertyOptional({ example: 'Jane Doe', maxLength: 200 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional({ example: 'jane.doe@example.com', maxLength: 254, description: 'The contact’s email; may be left out when phone or contactName is given' })
  @Transform(optionalText)
  @ValidateIf((o: CreateDealDto) => o.email !== undefined || (o.phone === undefined && o.contactName === undefined))
  // isEmail caps the length at 254 itself; a separate MaxLength would also fire on a left-out email.
  @IsEmail({}, { message: 'email must be the buyer contact’s email address; it may be left out only when a phone number or contact name is given' })
  email?: string;

  @ApiPropertyOptional({ example: '+49 89 1234567', maxLength: 50 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(50)
  phone?: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code of the buyer' })
  @Transform(upperCase) @IsISO31661Alpha2({ message: 'country is required: the buyer’s country as a two-letter code such as DE' })
  country: string;

  @ApiPropertyOptional({ example: '80331', maxLength: 20 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(20)
  postalCode?: string;

  @ApiPropertyOptional({ example: 'networking', maxLength: 100 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(100)
  productInterest?: string;

  @ApiPropertyOptional({ description: 'Expected amount in minor units (cents); needs currency', example: 2500000 })
  @IsOptional() @IsInt({ message: 'amountMinor must be a whole number of minor units (cents)' }) @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  amountMinor?: number;

  @ApiPropertyOptional({ description: 'ISO 4217 currency of the amount; required with amountMinor', example: 'EUR' })
  @Transform(optionalUpper)
  @ValidateIf((o: CreateDealDto) => o.amountMinor !== undefined || o.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'currency is required with an amount, as a three-letter code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ description: 'Expected close date, yyyy-mm-dd', example: '2026-06-30' })
  @Transform(optionalText) @IsOptional() @IsCalendarDate({ message: 'expectedCloseOn must be a date as yyyy-mm-dd' })
  expectedCloseOn?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;
}
