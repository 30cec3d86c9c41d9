import type { Candidate, EligiblePartner, PolicyConfig } from './types';

/**
 * Weighted fair share by highest quotient (D'Hondt): the partner with the most weight per lead
 * already received is the one furthest behind its share. Repeated with the winner's count
 * incremented, each partner's share converges to effectiveWeight / sum of effectiveWeights.
 */
export function rankEligible(candidates: readonly Candidate[], config: PolicyConfig): EligiblePartner[] {
  return candidates
    .map((candidate) => {
      const effectiveWeight = candidate.weight * (candidate.standing === 'warning' ? config.warningWeightFactor : 1);
      return {
        partnerId: candidate.id,
        name: candidate.name,
        score: effectiveWeight / (candidate.allocatedInWindow + 1),
        effectiveWeight,
      };
    })
    .sort(bestFirst);
}

// Ties go to the smaller id so the same facts always give the same winner, whatever the input order.
function bestFirst(a: EligiblePartner, b: EligiblePartner): number {
  if (a.score !== b.score) return b.score - a.score;
  return compareText(a.partnerId, b.partnerId);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
