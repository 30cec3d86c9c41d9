import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** The rep's planned next step on a lead: a day (null clears it) and, optionally, what. */
export class NextStepDto {
  @ApiProperty({ nullable: true, type: String, example: '2026-03-06', description: 'A calendar day (yyyy-mm-dd); null clears the next step' })
  @ValidateIf((dto: NextStepDto) => dto.on !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a day such as 2026-03-06, or null to clear the next step' })
  @IsISO8601({ strict: true }, { message: 'on must be a real calendar day such as 2026-03-06' })
  on: string | null;

  @ApiPropertyOptional({ example: 'Send the offer after the demo' })
  @IsOptional() @IsString() @MaxLength(200)
  note?: string;
}

export class NextStepAnswerDto {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-06' }) nextStepOn: string | null;
  @ApiProperty({ nullable: true, type: String }) nextStep: string | null;
}
