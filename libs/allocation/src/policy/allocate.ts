import { formatInstant } from '@leadgate/common/format';
import { exclusionReasons } from './eligibility';
import type { ExclusionReason } from './reasons';
import { territoryKeys } from './territory';
import { compareText, rankEligible } from './fair-share';
import { countLabel } from './reasons';
import { summarize } from './summary';
import type { Candidate, Decision, ExcludedPartner, LeadFacts, PolicyConfig } from './types';

/** Stored with every decision; bump it whenever the rules below change meaning. */
export const POLICY_VERSION = 'dhondt-4';

export const DEFAULT_POLICY_CONFIG: Readonly<PolicyConfig> = Object.freeze({
  warningWeightFactor: 0.5,
  requireSpecialtyMatch: true,
});

// A registered deal is the partner's own buyer: where the buyer sits and what it wants do not exclude that partner.
const WAIVED_FOR_REGISTERED_DEAL: readonly ExclusionReason[] = ['outside_territory', 'lacks_specialty', 'tier_not_allowed'];

/**
 * Picks the eligible partner furthest behind its weighted fair share, and records why every other one was not
 * picked. A partner whose approved deal registration protects the buyer gets the lead while its window lasts,
 * if it may take leads at all (not suspended, paused, inactive or full); otherwise the decision says so.
 */
export function allocate(lead: LeadFacts, candidates: Candidate[], config: PolicyConfig): Decision {
  const deal = lead.registeredDeal && lead.decidedAt.getTime() < lead.registeredDeal.protectedUntil.getTime() ? lead.registeredDeal : null;
  const eligibleCandidates: Candidate[] = [];
  const excluded: ExcludedPartner[] = [];
  const leadKeys = new Set(territoryKeys(lead.country, lead.postalCode));
  for (const candidate of candidates) {
    const all = exclusionReasons(lead, leadKeys, candidate, config);
    const reasons = candidate.id === deal?.partnerId ? all.filter((reason) => !WAIVED_FOR_REGISTERED_DEAL.includes(reason)) : all;
    if (reasons.length === 0) eligibleCandidates.push(candidate);
    else excluded.push({ partnerId: candidate.id, name: candidate.name, reasons });
  }
  excluded.sort((a, b) => compareText(a.name, b.name) || compareText(a.partnerId, b.partnerId));

  const ranked = rankEligible(eligibleCandidates, lead.decidedAt, config);
  const holder = deal ? ranked.find((partner) => partner.partnerId === deal.partnerId) : undefined;
  const eligible = holder ? [holder, ...ranked.filter((partner) => partner !== holder)] : ranked;
  let summary: string;
  if (holder) {
    summary = `Offered to ${holder.name}: registered deal — its approved registration protects this buyer until ${formatInstant(deal!.protectedUntil)}`;
  } else {
    summary = summarize(eligible, excluded);
    const blocked = deal ? excluded.find((partner) => partner.partnerId === deal.partnerId) : undefined;
    if (blocked) summary += `; ${blocked.name} holds a registered deal for this buyer but is ${blocked.reasons.map(countLabel).join(', ')}`;
  }
  return { policyVersion: POLICY_VERSION, winnerId: eligible[0]?.partnerId ?? null, eligible, excluded, summary };
}
