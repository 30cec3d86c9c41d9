import { countLabel, EXCLUSION_REASONS } from './reasons';
import type { EligiblePartner, ExcludedPartner } from './types';

/** One plain-English line a channel manager can read to see why a lead went where it went. */
export function summarize(eligible: readonly EligiblePartner[], excluded: readonly ExcludedPartner[]): string {
  const exclusions = describeExclusions(excluded);
  const [winner] = eligible;
  if (winner === undefined) {
    return excluded.length === 0 ? 'No eligible partner: no partners to consider' : `No eligible partner: ${exclusions}`;
  }
  const best =
    eligible.length === 1 ? 'the only eligible partner' : `best fair-share score among ${eligible.length} eligible partners`;
  const why = winner.countedAllocations > winner.allocatedInWindow ? `${best} (${describeLevel(winner)})` : best;
  return excluded.length === 0 ? `Offered to ${winner.name}: ${why}` : `Offered to ${winner.name}: ${why}; ${exclusions}`;
}

// A partner may be excluded for several reasons, so the reason counts can add up to more than the total.
function describeExclusions(excluded: readonly ExcludedPartner[]): string {
  const counts = EXCLUSION_REASONS.map((reason) => ({
    reason,
    count: excluded.filter((partner) => partner.reasons.includes(reason)).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ reason, count }) => `${count} ${countLabel(reason)}`);
  return `${excluded.length} excluded (${counts.join(', ')})`;
}

// Said in the decision so a channel manager sees why a returning partner did not get a burst of leads.
function describeLevel(winner: EligiblePartner): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  return `re-entered level with its peers: its recent allocations counted as ${round(winner.countedAllocations)}, not ${round(winner.allocatedInWindow)}`;
}
