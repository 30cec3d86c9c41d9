import type { Deal, DealConflict } from '../deal';
import { partnerConflictNotice } from '../policy';

/** What every reader of a registration sees: the partner's own facts and the decision. */
export interface DealView {
  id: string;
  status: Deal['status'];
  company: string;
  contactName: string | null;
  email: string;
  phone: string | null;
  country: string;
  postalCode: string | null;
  productInterest: string | null;
  amountMinor: number | null;
  currency: string | null;
  expectedCloseOn: string | null;
  notes: string | null;
  submittedAt: Date;
  decidedAt: Date | null;
  reasonCode: string | null;
  reasonText: string | null;
  leadId: string | null;
  protectedUntil: Date | null;
  extensionRequestedAt: Date | null;
  /** For the partner: only whether its registration conflicts, never with whom. */
  conflict: { found: boolean; message: string | null };
}

/** The channel manager's (and admin's) view: both sides of every conflict. */
export interface ManagedDealView extends DealView {
  partner: { id: string; name: string };
  conflicts: DealConflict[];
  extensionNote: string | null;
  extendedCount: number;
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
