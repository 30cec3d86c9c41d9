/** Plain data the allocation policy decides over; the service maps entities to and from these shapes. */
import type { Standing, Tier } from '@leadgate/common';
import type { ExclusionReason } from './reasons';

export type { Standing, Tier };

export interface LeadFacts {
  /** ISO 3166-1 alpha-2, upper case ("DE"). */
  country: string;
  postalCode: string | null;
  /** A specialty slug or free text; compared with partner specialties ignoring case and punctuation. */
  productInterest: string | null;
  leadTypeAllowedTiers: Tier[];
  /** Partners that already had this lead (declined, lost or recalled) and must not get it again. */
  excludedPartnerIds: string[];
  /** When the decision is taken: an override whose end has passed no longer counts. */
  decidedAt: Date;
  /** An approved deal registration protecting this buyer for its partner, if any (libs/deals). */
  registeredDeal?: RegisteredDeal | null;
}

/** A partner's approved registration of the lead's buyer: it gets the lead while the window lasts and it may take it. */
export interface RegisteredDeal {
  partnerId: string;
  protectedUntil: Date;
}

/** A channel manager's override that set the partner's stored standing and that the compliance recompute has not ended yet. */
export interface CandidateOverride {
  endsAt: Date;
  /** The standing the partner had before the override; it applies again from endsAt until the next recompute. */
  standingBefore: Standing;
}

/** A partner's pause not yet over when the candidates were read: no offers from startsAt until endsAt. */
export interface CandidatePause {
  startsAt: Date;
  endsAt: Date;
}

export interface Candidate {
  id: string;
  name: string;
  active: boolean;
  /** As stored; see `override` for when it stops applying. */
  standing: Standing;
  override: CandidateOverride | null;
  /** The partner's current or next pause; the policy compares it with the decision's time. */
  pause: CandidatePause | null;
  tier: Tier;
  /** "DE" covers the whole country; "DE-80" covers German postal codes starting with "80". */
  territories: string[];
  specialties: string[];
  capacity: number;
  openLeads: number;
  /** Relative share of leads, at least 1. */
  weight: number;
  /** Leads this partner received in the fairness window. */
  allocatedInWindow: number;
  /** False when the partner's calendar cannot time this lead's SLAs (settings saved before calendars were bounded). */
  calendarUsable: boolean;
}

export interface PolicyConfig {
  /** Multiplies the weight of a partner in `warning` standing (0.5 halves its share). */
  warningWeightFactor: number;
  /** When the lead names a product interest, only partners with that specialty are eligible. */
  requireSpecialtyMatch: boolean;
}

export interface EligiblePartner {
  partnerId: string;
  name: string;
  /** effectiveWeight / (countedAllocations + 1): higher means further behind its fair share. */
  score: number;
  effectiveWeight: number;
  /** The partner's fair-share memory as stored. */
  allocatedInWindow: number;
  /** The memory counted: lifted to the level of its eligible peers when it fell behind while excluded (fair re-entry). */
  countedAllocations: number;
}

export interface ExcludedPartner {
  partnerId: string;
  name: string;
  /** Every reason that applies, in the order of EXCLUSION_REASONS; never empty. */
  reasons: ExclusionReason[];
}

export interface Decision {
  policyVersion: string;
  winnerId: string | null;
  /** Best first; the winner, if any, is eligible[0]. */
  eligible: EligiblePartner[];
  /** Sorted by name, then id. */
  excluded: ExcludedPartner[];
  summary: string;
}
