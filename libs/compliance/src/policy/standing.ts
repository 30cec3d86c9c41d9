/** A partner's standing (good, warning, suspended) from its compliance, with hysteresis, overrides and plain-English reasons. */
import type { Standing } from '@leadgate/common';
import { formatInstant } from '@leadgate/common/format';
import type { ComplianceSummary } from './compliance-score';

export type { Standing };

export interface ComplianceConfig {
  /** Rolling window the score is taken over. */
  windowDays: number;
  /** Below this share of SLAs met a good partner is warned; back to good (or reinstated) takes at least this. */
  warningBelow: number;
  /** Below this share a partner is suspended. */
  suspendBelow: number;
  /** This many breaches open for longer than the grace period suspend a partner, whatever its score. */
  suspendOpenBreaches: number;
  breachGraceHours: number;
  /** With fewer clocks than this the score is too thin to demote anyone on. */
  minClocksForScore: number;
  /** What one update clock weighs in the score against any other clock's 1 (0: update clocks do not count). */
  updateWeight: number;
}

export const DEFAULT_COMPLIANCE_CONFIG: Readonly<ComplianceConfig> = Object.freeze({
  windowDays: 90,
  warningBelow: 0.9,
  suspendBelow: 0.75,
  suspendOpenBreaches: 3,
  breachGraceHours: 24,
  minClocksForScore: 5,
  updateWeight: 1,
});

export interface StandingOverride {
  standing: Standing;
  endsAt: Date;
  /** The channel manager's stated reason, quoted to the partner. */
  reason?: string;
}

export interface StandingInput {
  current: Standing;
  summary: ComplianceSummary;
  /** The partner's latest override that has not been ended by hand; it applies until endsAt. */
  override: StandingOverride | null;
  now: Date;
  config: ComplianceConfig;
  /** The zone the reason writes instants in: the reader's for a live reason, UTC (the default) for a stored one. */
  timeZone?: string;
}

/** Matches standing_changes.source: who decided. */
export type StandingSource = 'policy' | 'override' | 'override_ended';

export interface StandingDecision {
  standing: Standing;
  changed: boolean;
  /** Plain English for the partner, built from the counted facts. */
  reason: string;
  source: StandingSource;
}

/**
 * The standing a partner should have now. Hysteresis keeps partners from flapping around one line:
 * good → warning below warningBelow; good or warning → suspended below suspendBelow or with
 * suspendOpenBreaches breaches open past the grace period; warning → good and suspended → good (straight
 * to good: the bar for reinstatement is already the warning line) only at warningBelow or above with no
 * breach open past the grace period. With fewer than minClocksForScore clocks the score neither demotes
 * nor holds a partner back; the breach rule still applies. An active override (endsAt > now) wins.
 */
export function nextStanding(input: StandingInput): StandingDecision {
  const { current, summary, override, now, config, timeZone = 'UTC' } = input;
  assertConfig(config);
  if (override && override.endsAt.getTime() > now.getTime()) {
    const why = override.reason?.trim() ? ` (${override.reason.trim()})` : '';
    return {
      standing: override.standing,
      changed: override.standing !== current,
      reason: `Override by a channel manager: ${LABELS[override.standing]} until ${formatInstant(override.endsAt, timeZone)}${why}`,
      source: 'override',
    };
  }
  const policy = policyStanding(current, summary, config);
  return {
    standing: policy.standing,
    changed: policy.standing !== current,
    reason: override ? `Channel manager override ended on ${formatInstant(override.endsAt, timeZone)}. ${policy.reason}` : policy.reason,
    source: override ? 'override_ended' : 'policy',
  };
}

const LABELS: Record<Standing, string> = { good: 'good standing', warning: 'warning', suspended: 'suspended' };

function policyStanding(current: Standing, summary: ComplianceSummary, config: ComplianceConfig): { standing: Standing; reason: string } {
  const scored = summary.score !== null && summary.clocksDue >= config.minClocksForScore;
  const score = summary.score ?? 1;
  const belowSuspend = scored && score < config.suspendBelow;
  const belowWarning = scored && score < config.warningBelow;
  const oldBreaches = summary.openBreachesOlderThanGrace;
  const atBreachLimit = oldBreaches >= config.suspendOpenBreaches;
  const facts = factsOf(summary, config);

  if (current === 'suspended') {
    if (!belowWarning && oldBreaches === 0) {
      return { standing: 'good', reason: `Reinstated: ${facts.score} and ${facts.noOldBreach}` };
    }
    return {
      standing: 'suspended',
      reason: `Still suspended: ${join([
        belowWarning && `${facts.score}, below the ${percent(config.warningBelow)} needed for reinstatement`,
        oldBreaches > 0 && `${facts.oldBreaches} ${oldBreaches === 1 ? 'needs' : 'need'} resolving first`,
      ])}`,
    };
  }

  if (belowSuspend || atBreachLimit) {
    return {
      standing: 'suspended',
      reason: join([
        ...facts.missed,
        belowSuspend && `${facts.score}, below the ${percent(config.suspendBelow)} needed`,
        atBreachLimit && `${facts.oldBreaches} (suspension at ${config.suspendOpenBreaches} or more)`,
      ]),
    };
  }

  if (current === 'warning') {
    if (!belowWarning && oldBreaches === 0) {
      return { standing: 'good', reason: `Back to good standing: ${facts.score} and ${facts.noOldBreach}` };
    }
    return {
      standing: 'warning',
      reason: `Still on warning: ${join([
        belowWarning && `${facts.score}, below the ${percent(config.warningBelow)} needed to return to good standing`,
        oldBreaches > 0 && `${facts.oldBreaches} ${oldBreaches === 1 ? 'needs' : 'need'} resolving first`,
      ])}`,
    };
  }

  if (belowWarning) {
    return {
      standing: 'warning',
      reason: join([...facts.missed, `${facts.score}, below the ${percent(config.warningBelow)} expected`]),
    };
  }
  return { standing: 'good', reason: join([facts.score, oldBreaches > 0 && facts.oldBreaches]) };
}

function factsOf(summary: ComplianceSummary, config: ComplianceConfig) {
  const window = config.windowDays === 1 ? 'the last day' : `the last ${config.windowDays} days`;
  const grace = spanOfHours(config.breachGraceHours);
  const { accept, contact, feedback, update = 0 } = summary.missedByKind;
  let score: string;
  if (summary.score === null || summary.clocksDue === 0) score = `no SLA came due in ${window}`;
  else if (summary.clocksDue < config.minClocksForScore) {
    score = `only ${count(summary.clocksDue, 'SLA')} came due in ${window}, too few to score (${config.minClocksForScore} needed)`;
  } else {
    score = `${percent(summary.score)} of SLAs met in ${window} (${summary.clocksMet} of ${summary.clocksDue})`;
  }
  return {
    score,
    missed: [
      accept > 0 && `${count(accept, 'lead')} not accepted within the agreed time`,
      contact > 0 && `${count(contact, 'lead')} not contacted within the agreed time`,
      feedback > 0 && `${count(feedback, 'lead')} without feedback within the agreed time`,
      update > 0 && `${count(update, 'update')} not given within the agreed cadence`,
    ],
    oldBreaches: `${count(summary.openBreachesOlderThanGrace, 'SLA breach', 'SLA breaches')} open for more than ${grace}`,
    noOldBreach: `no breach open for more than ${grace}`,
  };
}

function join(parts: Array<string | false>): string {
  return parts.filter((p): p is string => typeof p === 'string').join('; ');
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function spanOfHours(hours: number): string {
  if (hours === 1) return 'an hour';
  if (hours === 24) return 'a day';
  return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

/** Truncated, not rounded, to one decimal: 89.96% must never read as "90%, below the 90% needed". */
function percent(share: number): string {
  const tenths = Math.floor(share * 1000 + 1e-6);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}

function assertConfig(config: ComplianceConfig): void {
  const ok =
    config.suspendBelow >= 0 &&
    config.suspendBelow <= config.warningBelow &&
    config.warningBelow <= 1 &&
    Number.isInteger(config.suspendOpenBreaches) &&
    config.suspendOpenBreaches >= 1 &&
    config.breachGraceHours >= 0 &&
    config.windowDays >= 1 &&
    config.minClocksForScore >= 0;
  if (!ok) {
    throw new RangeError(
      `Compliance config is inconsistent (need 0 ≤ suspendBelow ≤ warningBelow ≤ 1, suspendOpenBreaches ≥ 1, windowDays ≥ 1): ${JSON.stringify(config)}`,
    );
  }
}
