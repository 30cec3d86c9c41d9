/** A partner's compliance over the rolling window: the share of SLA clocks met in time, plus open breaches. */
import type { ClockKind, OfferClockKind } from './sla-clock';
import type { ComplianceConfig } from './standing';

/**
 * One SLA clock of one assignment. An assignment held from its start (a registered deal) has no accept clock at
 * all, so no accept fact: the sla_clocks view has no accept row for it either.
 */
export interface ClockFact {
  kind: ClockKind;
  dueAt: Date;
  /** When the partner met the clock (accepted / first contact / feedback), or null while it has not. */
  metAt: Date | null;
  /** Whether the partner accepted the offer: contact, feedback and update clocks are its to meet only then. */
  accepted: boolean;
  /** When the assignment ended (declined, recalled, reassigned, closed), or null while it holds the lead. */
  endedAt: Date | null;
  /** Whether it ended by the partner declining: a decline answers the offer, so it meets the accept clock. */
  declined: boolean;
}

export interface OpenBreachFact {
  kind: ClockKind;
  dueAt: Date;
  detectedAt: Date;
}

export interface ComplianceCounts {
  /** Clocks that were met, or whose due time has passed. */
  clocksDue: number;
  /** Of those, met on or before the due time. */
  clocksMet: number;
  openBreaches: number;
  /** Open breaches detected longer ago than the grace period. */
  openBreachesOlderThanGrace: number;
  /** clocksDue − clocksMet, split by kind (update absent: none missed). */
  missedByKind: Record<OfferClockKind, number> & { update?: number };
  /** Of clocksDue, update clocks (absent: none); they weigh updateWeight each in the score. */
  updateClocksDue?: number;
}

export interface ComplianceSummary extends ComplianceCounts {
  /** clocksMet / clocksDue, 0..1; null when no clock has come due. */
  score: number | null;
}

/**
 * The score from counts — the one place the formula lives; the service counts in SQL and calls this.
 * Throws RangeError for counts that cannot come from real data, so a wrong query fails loudly.
 */
export function scoreFromCounts(counts: ComplianceCounts, updateWeight = 1): ComplianceSummary {
  const { clocksDue, clocksMet, openBreaches, openBreachesOlderThanGrace, missedByKind } = counts;
  const updateDue = counts.updateClocksDue ?? 0;
  const updateMissed = missedByKind.update ?? 0;
  const numbers = { clocksDue, clocksMet, openBreaches, openBreachesOlderThanGrace, updateDue, ...missedByKind };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
  }
  if (clocksMet > clocksDue) throw new RangeError(`clocksMet (${clocksMet}) cannot exceed clocksDue (${clocksDue})`);
  const missed = missedByKind.accept + missedByKind.contact + missedByKind.feedback + updateMissed;
  if (missed !== clocksDue - clocksMet) {
    throw new RangeError(`missedByKind adds up to ${missed}, but clocksDue − clocksMet is ${clocksDue - clocksMet}`);
  }
  if (openBreachesOlderThanGrace > openBreaches) {
    throw new RangeError(`openBreachesOlderThanGrace (${openBreachesOlderThanGrace}) cannot exceed openBreaches (${openBreaches})`);
  }
  if (updateMissed > updateDue) throw new RangeError(`missedByKind.update (${updateMissed}) cannot exceed updateClocksDue (${updateDue})`);
  // Each update clock weighs updateWeight (UPDATE_CLOCK_WEIGHT; 0 leaves them out), every other clock 1.
  const weightedDue = clocksDue - updateDue + updateWeight * updateDue;
  const weightedMet = clocksMet - (updateDue - updateMissed) + updateWeight * (updateDue - updateMissed);
  return {
    score: weightedDue === 0 ? null : weightedMet / weightedDue,
    clocksDue,
    clocksMet,
    openBreaches,
    openBreachesOlderThanGrace,
    missedByKind: { ...missedByKind },
    ...(counts.updateClocksDue === undefined ? {} : { updateClocksDue: counts.updateClocksDue }),
  };
}

export interface ComplianceFacts {
  /** The clocks that came due or were met within the window; the caller picks the window. */
  clocks: ClockFact[];
  openBreaches: OpenBreachFact[];
  now: Date;
  config: Pick<ComplianceConfig, 'breachGraceHours'> & { updateWeight?: number };
}

/**
 * The rule for one clock, as of `now`: whether it counts, and if so whether it was met in time.
 * - Contact, feedback and update clocks are the partner's only once it accepted the offer.
 * - The accept clock is met by accepting, or by declining (at the decline).
 * - A clock counts once met (on or before due: met; later: missed), or once its due time is past
 *   unmet — unless the assignment ended before the due time (then it was never the partner's to miss).
 *   A clock due exactly now can still be met, so it does not count yet.
 * The SQL states the same rule once (view sla_clocks, functions sla_clock_counts / sla_clock_met);
 * test/sla-clock-definition.e2e-spec.ts checks the two agree on random data.
 */
export function clockState(clock: ClockFact, now: Date): 'not-counted' | 'met' | 'missed' {
  if (clock.kind !== 'accept' && !clock.accepted) return 'not-counted';
  const metAt = clock.metAt ?? (clock.kind === 'accept' && clock.declined ? clock.endedAt : null);
  const due = clock.dueAt.getTime();
  if (metAt !== null) return metAt.getTime() <= due ? 'met' : 'missed';
  const endedBeforeDue = clock.endedAt !== null && clock.endedAt.getTime() <= due;
  return due < now.getTime() && !endedBeforeDue ? 'missed' : 'not-counted';
}

/**
 * Counts the facts by clockState, then scores them with scoreFromCounts. A breach's grace runs from
 * its detection, when the partner was told, so a late sweep never makes a breach "old" the moment it is found.
 */
export function scoreCompliance(facts: ComplianceFacts): ComplianceSummary {
  const now = facts.now.getTime();
  const missedByKind: Record<ClockKind, number> = { accept: 0, contact: 0, feedback: 0, update: 0 };
  let clocksDue = 0;
  let clocksMet = 0;
  let updateClocksDue = 0;
  for (const clock of facts.clocks) {
    const state = clockState(clock, facts.now);
    if (state === 'not-counted') continue;
    clocksDue++;
    if (clock.kind === 'update') updateClocksDue++;
    if (state === 'met') clocksMet++;
    else missedByKind[clock.kind]++;
  }
  const graceEnd = now - facts.config.breachGraceHours * 3_600_000;
  return scoreFromCounts({
    clocksDue,
    clocksMet,
    openBreaches: facts.openBreaches.length,
    openBreachesOlderThanGrace: facts.openBreaches.filter((b) => b.detectedAt.getTime() < graceEnd).length,
    missedByKind,
    updateClocksDue,
  }, facts.config.updateWeight);
}
