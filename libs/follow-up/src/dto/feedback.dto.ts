import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { LeadStatus, Verdict, VERDICTS } from '@leadgate/lifecycle';

const NEEDS_AMOUNT: Verdict[] = [LeadStatus.Opportunity, LeadStatus.Won];
const NEEDS_REASON: Verdict[] = [LeadStatus.Lost, LeadStatus.Disqualified, LeadStatus.Recycled];

export class FeedbackDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiPropertyOptional({ description: 'Required for opportunity and won: the amount in minor units (cents)', example: 2500000 })
  @ValidateIf((o: FeedbackDto) => NEEDS_AMOUNT.includes(o.verdict) || o.amountMinor !== undefined)
  @IsInt({ message: 'amountMinor is required for opportunity and won, as a whole number of minor units (cents)' })
  @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountMinor?: number;

  @ApiPropertyOptional({ description: 'Required with amountMinor: ISO 4217 currency', example: 'EUR' })
  @ValidateIf((o: FeedbackDto) => NEEDS_AMOUNT.includes(o.verdict) || o.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'currency is required for opportunity and won, as an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ description: 'Required for lost, disqualified and recycled (not sales-ready): one of the configured reason codes (GET /reason-codes)', example: 'no_budget' })
  @ValidateIf((o: FeedbackDto) => NEEDS_REASON.includes(o.verdict) || o.reasonCode !== undefined)
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'reasonCode is required for lost, disqualified and recycled, as a reason code such as no_budget' })
  reasonCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 2000)
  reasonText?: string;
}
