import { standingAt } from './eligibility';
import type { Candidate, EligiblePartner, PolicyConfig } from './types';

/**
 * Weighted fair share by highest quotient (D'Hondt): the partner with the most weight per lead
 * already received is the one furthest behind its share. Repeated with the winner's count
 * incremented, each partner's share converges to effectiveWeight / sum of effectiveWeights.
 *
 * Fair re-entry: a partner's memory (allocatedInWindow) does not grow while it is excluded
 * (suspended, at capacity, inactive, overridden), so on its return it would be "owed" every lead
 * its peers got meanwhile. Its memory is therefore counted as at least its level: its weight times
 * the most leads per unit of weight any eligible peer received, less one lead —
 *
 *   level(i) = effectiveWeight(i) × max_j (allocated(j) / effectiveWeight(j)) − 1
 *
 * D'Hondt alone keeps every partner at or above that line (no partner is ever more than one lead
 * behind another, per unit of weight), so the level changes nothing while the same partners stay
 * eligible; it only lifts a partner that fell behind while it was away. The returning partner then
 * gets about one lead early, and its weight share from then on. The service stores the winner's
 * lifted memory, so the lift is paid for once. One pass over the candidates: cheap at thousands.
 */
export function rankEligible(candidates: readonly Candidate[], at: Date, config: PolicyConfig): EligiblePartner[] {
  const weighed = candidates.map((candidate) => ({
    candidate,
    effectiveWeight: candidate.weight * (standingAt(candidate, at) === 'warning' ? config.warningWeightFactor : 1),
  }));
  const perWeight = Math.max(0, ...weighed.map(({ candidate, effectiveWeight }) => candidate.allocatedInWindow / effectiveWeight));
  return weighed
    .map(({ candidate, effectiveWeight }) => {
      const countedAllocations = Math.max(candidate.allocatedInWindow, roundMemory(effectiveWeight * perWeight - 1));
      return {
        partnerId: candidate.id,
        name: candidate.name,
        score: effectiveWeight / (countedAllocations + 1),
        effectiveWeight,
        allocatedInWindow: candidate.allocatedInWindow,
        countedAllocations,
      };
    })
    .sort(bestFirst);
}

/** The winner's memory once its offer is stored (the offer statement writes GREATEST(memory, counted) + 1). */
export function memoryAfterOffer(winner: EligiblePartner): number {
  return roundMemory(Math.max(winner.allocatedInWindow, winner.countedAllocations) + 1);
}

// partners.allocations_recent is numeric(12, 4): the level is kept at the precision it is stored in.
function roundMemory(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

// Ties go to the smaller id so the same facts always give the same winner, whatever the input order.
function bestFirst(a: EligiblePartner, b: EligiblePartner): number {
  if (a.score !== b.score) return b.score - a.score;
  return compareText(a.partnerId, b.partnerId);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
