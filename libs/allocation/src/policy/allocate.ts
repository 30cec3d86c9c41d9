import { exclusionReasons } from './eligibility';
import { territoryKeys } from './territory';
import { compareText, rankEligible } from './fair-share';
import { summarize } from './summary';
import type { Candidate, Decision, ExcludedPartner, LeadFacts, PolicyConfig } from './types';

/** Stored with every decision; bump it whenever the rules below change meaning. */
export const POLICY_VERSION = 'dhondt-3';

export const DEFAULT_POLICY_CONFIG: Readonly<PolicyConfig> = Object.freeze({
  warningWeightFactor: 0.5,
  requireSpecialtyMatch: true,
});

/** Picks the eligible partner furthest behind its weighted fair share, and records why every other one was not picked. */
export function allocate(lead: LeadFacts, candidates: Candidate[], config: PolicyConfig): Decision {
  const eligibleCandidates: Candidate[] = [];
  const excluded: ExcludedPartner[] = [];
  const leadKeys = new Set(territoryKeys(lead.country, lead.postalCode));
  for (const candidate of candidates) {
    const reasons = exclusionReasons(lead, leadKeys, candidate, config);
    if (reasons.length === 0) eligibleCandidates.push(candidate);
    else excluded.push({ partnerId: candidate.id, name: candidate.name, reasons });
  }
  excluded.sort((a, b) => compareText(a.name, b.name) || compareText(a.partnerId, b.partnerId));

  const eligible = rankEligible(eligibleCandidates, lead.decidedAt, config);
  return {
    policyVersion: POLICY_VERSION,
    winnerId: eligible[0]?.partnerId ?? null,
    eligible,
    excluded,
    summary: summarize(eligible, excluded),
  };
}
