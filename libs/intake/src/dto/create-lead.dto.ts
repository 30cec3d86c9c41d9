import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Marketing tools and CSV files send blanks and padded values; a blank optional field means "not given".
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const optionalText = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? undefined : text;
};
const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
// CSV cells arrive as text: "42" is a score, anything else is left for the validator to reject.
const wholeNumber = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : value;
};

/** A buyer's hand-raise as marketing automation sends it. */
export class CreateLeadDto {
  @ApiProperty({ example: 'jane.doe@example.com', maxLength: 254 })
  @Transform(trimmed) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Jane', maxLength: 100 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Doe', maxLength: 100 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ example: '+49 89 1234567', maxLength: 50 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ example: 'Head of IT', maxLength: 150 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(150)
  jobTitle?: string;

  @ApiProperty({ example: 'Example GmbH', maxLength: 200 })
  @Transform(trimmed) @IsString() @IsNotEmpty() @MaxLength(200)
  company: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2 country code; lower case is accepted', minLength: 2, maxLength: 2 })
  @Transform(upperCase) @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "DE"' })
  country: string;

  @ApiPropertyOptional({ example: '80331', maxLength: 20 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(20)
  postalCode?: string;

  @ApiPropertyOptional({ example: 'networking', maxLength: 100 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(100)
  productInterest?: string;

  @ApiProperty({ example: 'demo-request', description: 'Key of an active lead type', maxLength: 100 })
  @Transform(trimmed) @IsString() @IsNotEmpty() @MaxLength(100)
  leadType: string;

  @ApiPropertyOptional({ example: 'spring-webinar', description: 'Key of the campaign that produced the lead', maxLength: 100 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(100)
  campaign?: string;

  @ApiPropertyOptional({ example: 72, minimum: 0, maximum: 100 })
  @Transform(wholeNumber) @IsOptional() @IsInt() @Min(0) @Max(100)
  score?: number;

  @ApiPropertyOptional({ example: 'MKTO-00012345', description: 'The id of the lead in the sending system', maxLength: 200 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ example: 'Asked for a demo of the 48-port switch', maxLength: 5000 })
  @Transform(optionalText) @IsOptional() @IsString() @MaxLength(5000)
  notes?: string;
}
