import { ApiProperty } from '@nestjs/swagger';
import { DEAL_STATUSES, type Deal, type DealConflict } from '../deal';
import { MATCH_REASONS, type MatchReason, partnerConflictNotice } from '../policy';

/** One record that names the same buyer, and every reason it matched (channel managers and admins only). */
export class DealConflictDto implements DealConflict {
  @ApiProperty({ enum: ['lead', 'won_lead', 'registration'], description: 'An open lead, a lead won within the look-back, or another partner’s live registration' })
  kind: DealConflict['kind'];
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MATCH_REASONS, isArray: true }) reasons: MatchReason[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) partnerId: string | null;
  @ApiProperty({ type: String, nullable: true }) partnerName: string | null;
  @ApiProperty() company: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() country: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'When the other record arrived, was won or was submitted (ISO 8601)' }) at: string;
}

export class DealConflictNoticeDto {
  @ApiProperty() found: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'conflicts with an existing lead or registration' }) message: string | null;
}

/** What every reader of a registration sees: the partner's own facts and the decision. */
export class DealView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DEAL_STATUSES }) status: Deal['status'];
  @ApiProperty() company: string;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the contact was given by phone or name only' }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) productInterest: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Expected amount in minor units of `currency`' }) amountMinor: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'EUR' }) currency: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expectedCloseOn: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonText: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The lead an approval created' }) leadId: string | null;
  @ApiProperty({ type: Date, nullable: true }) protectedUntil: Date | null;
  @ApiProperty({ type: Date, nullable: true }) extensionRequestedAt: Date | null;
  /** For the partner: only whether its registration conflicts, never with whom. */
  @ApiProperty({ type: DealConflictNoticeDto }) conflict: DealConflictNoticeDto;
}

export class DealPartnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** The channel manager's (and admin's) view: both sides of every conflict. */
export class ManagedDealView extends DealView {
  @ApiProperty({ type: DealPartnerDto }) partner: DealPartnerDto;
  @ApiProperty({ type: [DealConflictDto] }) conflicts: DealConflict[];
  @ApiProperty({ type: String, nullable: true }) extensionNote: string | null;
  @ApiProperty() extendedCount: number;
}

export class DealPageDto {
  @ApiProperty({ type: [ManagedDealView], description: 'Partners get each item without `partner`, `conflicts`, `extensionNote` and `extendedCount`' })
  items: (DealView | ManagedDealView)[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function partnerViewOf(deal: Deal): DealView {
  return {
    id: deal.id, status: deal.status, company: deal.company, contactName: deal.contactName, email: deal.email, phone: deal.phone,
    country: deal.country, postalCode: deal.postalCode, productInterest: deal.productInterest, amountMinor: deal.amountMinor,
    currency: deal.currency, expectedCloseOn: deal.expectedCloseOn, notes: deal.notes, submittedAt: deal.submittedAt,
    decidedAt: deal.decidedAt, reasonCode: deal.reasonCode, reasonText: deal.reasonText, leadId: deal.leadId,
    protectedUntil: deal.protectedUntil, extensionRequestedAt: deal.extensionRequestedAt,
    conflict: { found: deal.conflicts.length > 0, message: partnerConflictNotice(deal.conflicts.length) },
  };
}

export function managedViewOf(deal: Deal): ManagedDealView {
  return {
    ...partnerViewOf(deal),
    partner: { id: deal.partnerId, name: deal.partnerName },
    conflicts: deal.conflicts,
    extensionNote: deal.extensionNote,
    extendedCount: deal.extendedCount,
  };
}
