// A deal registration as the library hands it around (rows are mapped in deals.repository.ts).
import type { MatchReason } from './policy';

export const DEAL_STATUSES = ['submitted', 'approved', 'rejected', 'expired'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** What a registration collided with, as the channel manager sees it (the partner never does). */
export interface DealConflict {
  /** An open lead, a lead won within the look-back, or another partner's live registration. */
  kind: 'lead' | 'won_lead' | 'registration';
  id: string;
  reasons: MatchReason[];
  partnerId: string | null;
  partnerName: string | null;
  company: string;
  email: string | null;
  country: string;
  status: string;
  at: string;
}

export interface Deal {
  id: string;
  partnerId: string;
  partnerName: string;
  submittedBy: string;
  status: DealStatus;
  company: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  country: string;
  postalCode: string | null;
  productInterest: string | null;
  amountMinor: number | null;
  currency: string | null;
  expectedCloseOn: string | null;
  notes: string | null;
  conflicts: DealConflict[];
  submittedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  leadId: string | null;
  protectedUntil: Date | null;
  remindedAt: Date | null;
  extensionRequestedAt: Date | null;
  extensionNote: string | null;
  extendedCount: number;
  endedAt: Date | null;
}
