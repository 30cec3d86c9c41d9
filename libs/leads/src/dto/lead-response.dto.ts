import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Lead, LEAD_SOURCES, type LeadSource, LEAD_STATUSES, LeadStatus, type ListedLead } from '@leadgate/lifecycle';

/** A lead as the API shows it. */
export class LeadResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LEAD_STATUSES, example: 'new' }) status: LeadStatus;
  @ApiProperty({ format: 'uuid' }) leadTypeId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) campaignId: string | null;
  @ApiProperty({ example: 'jane.doe@example.com', nullable: true, type: String, description: 'Null only for a registered deal whose contact was given by phone or name' })
  email: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Jane' }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Doe' }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ example: 'Example GmbH' }) company: string;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) productInterest: string | null;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-06', description: 'The day the partner plans its next step' }) nextStepOn: string | null;
  @ApiProperty({ nullable: true, type: String }) nextStep: string | null;
  @ApiProperty({ enum: LEAD_SOURCES, description: 'marketing: from intake; registered_deal: a partner’s approved deal registration' }) source: LeadSource;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The partner holding the lead now' }) currentPartnerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user of that partner who works the lead (null: unowned)' }) ownerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Minor units (cents)' }) opportunityAmountMinor: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Minor units (cents)' }) wonAmountMinor: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeReasonCode: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeReasonText: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
}

export function toLeadResponse(lead: Lead): LeadResponseDto {
  return {
    id: lead.id,
    status: lead.status,
    leadTypeId: lead.leadTypeId,
    campaignId: lead.campaignId,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    phone: lead.phone,
    jobTitle: lead.jobTitle,
    company: lead.company,
    country: lead.country,
    postalCode: lead.postalCode,
    productInterest: lead.productInterest,
    score: lead.score,
    externalId: lead.externalId,
    notes: lead.notes,
    nextStepOn: lead.nextStepOn,
    nextStep: lead.nextStep,
    source: lead.source,
    currentPartnerId: lead.currentPartnerId,
    ownerId: lead.ownerId,
    opportunityAmountMinor: lead.opportunityAmountMinor,
    wonAmountMinor: lead.wonAmountMinor,
    currency: lead.currency,
    outcomeReasonCode: lead.outcomeReasonCode,
    outcomeReasonText: lead.outcomeReasonText,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
    closedAt: lead.closedAt,
  };
}

export class LeadTypeRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'demo-request' }) key: string;
  @ApiProperty({ example: 'Demo request' }) name: string;
}

export class OwnerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Rita Rep' }) name: string;
}

export class NextDeadlineDto {
  @ApiProperty({ enum: ['accept', 'contact', 'feedback', 'update'] }) clock: 'accept' | 'contact' | 'feedback' | 'update';
  @ApiProperty() dueAt: Date;
}

/** A lead in a list: with its lead type and the SLA deadline that comes next (null when no clock runs). */
export class ListedLeadDto extends LeadResponseDto {
  @ApiProperty({ type: LeadTypeRefDto }) leadType: LeadTypeRefDto;
  @ApiProperty({ type: NextDeadlineDto, nullable: true }) nextDeadline: NextDeadlineDto | null;
  @ApiProperty({ type: OwnerRefDto, nullable: true, description: 'Who works the lead inside the partner' }) owner: OwnerRefDto | null;
}

export function toListedLead({ lead, leadType, nextClock, owner }: ListedLead): ListedLeadDto {
  return { ...toLeadResponse(lead), leadType, nextDeadline: nextClock && { clock: nextClock.kind, dueAt: nextClock.dueAt }, owner };
}

export class LeadPageDto {
  @ApiProperty({ type: [ListedLeadDto] }) items: ListedLeadDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
