// PURE: what makes two records the same buyer, and why. The SQL conflict check applies the same three rules.
import { companyKey } from './company-key';
import { companyDomainOf } from './free-mail';

/** Why a registration matches a lead or another registration. */
export const MATCH_REASONS = ['same_email', 'same_email_domain', 'same_company'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

const DESCRIPTIONS: Record<MatchReason, string> = {
  same_email: 'the same contact email address',
  same_email_domain: 'the same company email domain',
  same_company: 'the same company name in the same country',
};

export function describeMatch(reason: MatchReason): string {
  return DESCRIPTIONS[reason];
}

export interface Buyer {
  email: string | null;
  company: string;
  country: string;
}

/** The keys a buyer is matched by. */
export interface BuyerKeys {
  /** Lower-cased; null without an email. */
  email: string | null;
  /** Null for free-mail domains: a shared gmail.com says nothing about the company. */
  domain: string | null;
  companyKey: string;
  country: string;
}

export function buyerKeys(buyer: Buyer): BuyerKeys {
  const email = buyer.email ? buyer.email.trim().toLowerCase() : null;
  return { email: email || null, domain: companyDomainOf(email), companyKey: companyKey(buyer.company), country: buyer.country.toUpperCase() };
}

/**
 * Every reason the registration (`deal`) matches the other record, in MATCH_REASONS order. The domain rule
 * takes the registration's company domain (free mail never matches) against the other record's domain.
 * A company key that is empty (a name of legal words only) matches nothing.
 */
export function matchReasons(deal: BuyerKeys, other: Buyer): MatchReason[] {
  const otherEmail = other.email ? other.email.trim().toLowerCase() : null;
  const reasons: MatchReason[] = [];
  if (deal.email && otherEmail === deal.email) reasons.push('same_email');
  if (deal.domain && otherEmail && otherEmail.slice(otherEmail.lastIndexOf('@') + 1) === deal.domain) reasons.push('same_email_domain');
  if (deal.companyKey !== '' && companyKey(other.company) === deal.companyKey && other.country.toUpperCase() === deal.country) reasons.push('same_company');
  return reasons;
}

/** What the submitting partner learns about conflicts: that there are some, never with whom. */
export function partnerConflictNotice(conflictCount: number): string | null {
  return conflictCount === 0 ? null : 'This registration conflicts with an existing lead or registration. A channel manager will review it.';
}
