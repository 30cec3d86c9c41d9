import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@leadgate/common';
import { LEAD_STATUSES, VERDICTS } from '@leadgate/lifecycle';

export class SentLeadsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the lead(s) you sent with this externalId' })
  @IsOptional() @IsString() @MaxLength(200)
  externalId?: string;
}

export class SentLeadVerdictDto {
  @ApiProperty({ enum: VERDICTS }) status: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String, description: 'The coded reason of a disqualification, a loss or a recycle (not sales-ready)' }) reasonCode: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Opportunity or won amount, minor units' }) amountMinor: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
}

export class SentLeadDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ description: 'The lead type key' }) leadType: string;
  @ApiProperty({ nullable: true, type: String, description: 'The campaign key' }) campaign: string | null;
  @ApiProperty({ enum: LEAD_STATUSES }) status: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ nullable: true, type: Number }) opportunityAmountMinor: number | null;
  @ApiProperty({ nullable: true, type: Number }) wonAmountMinor: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was disqualified, lost or recycled (a code)' }) outcomeReasonCode: string | null;
  @ApiProperty({ type: [SentLeadVerdictDto], description: 'Every verdict a partner gave, oldest first' }) verdicts: SentLeadVerdictDto[];
}

export class SentLeadPageDto {
  @ApiProperty({ type: [SentLeadDto] }) items: SentLeadDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
