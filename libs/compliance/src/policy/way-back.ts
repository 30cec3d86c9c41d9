/** What brings a partner back to good standing (or what would cost it), from the same facts and thresholds as nextStanding. */
import type { ComplianceSummary } from './compliance-score';
import type { ComplianceConfig, Standing } from './standing';
import type { ClockKind } from './sla-clock';

export interface WayBack {
  /** Plain English, addressed to the partner. */
  summary: string;
  /**
   * More SLA clocks to meet in time, without a miss, to reach the warning line (good standing needs it):
   * 0 when the score is there already or too thin to count; null when no run of met clocks can reach it
   * (a line of 100% with a miss in the window: only time, as the miss leaves the window, helps).
   */
  metClocksNeeded: number | null;
  /** Breaches open longer than the grace period that must be resolved (contact logged, feedback given) first. */
  breachesToResolve: number;
  /** For a partner in good standing: how many missed clocks in a row would put it on warning; null when unscored. */
  missesToWarning: number | null;
}

/** A lead whose breach is open longer than the grace period: the partner must work it. */
export interface OverdueLead {
  company: string;
  kind: ClockKind;
}

const TO_WORK: Record<ClockKind, string> = {
  accept: 'accept it',
  contact: 'log the first contact',
  feedback: 'give the feedback',
  update: 'give a status update',
};
const LEADS_NAMED = 3;

/**
 * `overdue`: the leads behind the breaches open past the grace period, oldest first (their number is in
 * the summary; the first few are named, so the partner knows which leads to work).
 */
export function wayBack(current: Standing, summary: ComplianceSummary, config: ComplianceConfig, overdue: OverdueLead[] = []): WayBack {
  const scored = summary.score !== null && summary.clocksDue >= config.minClocksForScore;
  const breachesToResolve = summary.openBreachesOlderThanGrace;
  const grace = config.breachGraceHours === 24 ? 'a day' : `${config.breachGraceHours} hours`;
  const leads = overdueLeads(breachesToResolve, overdue);

  if (current === 'good') {
    const missesToWarning = scored ? missesUntilBelow(summary.clocksMet, summary.clocksDue, config.warningBelow) : null;
    const room =
      missesToWarning === null
        ? `too few deadlines came due to score yet (${config.minClocksForScore} needed)`
        : `${plural(missesToWarning, 'more missed deadline', 'more missed deadlines')} without a met one would put you on warning`;
    const breaches = breachesToResolve > 0 ? `; work ${leads}: ${config.suspendOpenBreaches} leads overdue for more than ${grace} suspend you` : '';
    return { summary: `You are in good standing: ${room}${breaches}.`, metClocksNeeded: 0, breachesToResolve, missesToWarning };
  }

  const metClocksNeeded = scored ? metUntilAtLeast(summary.clocksMet, summary.clocksDue, config.warningBelow) : 0;
  const steps = [
    metClocksNeeded === null
      ? `wait: your score can reach ${percent(config.warningBelow)} only as the missed deadlines leave the ${config.windowDays}-day window`
      : metClocksNeeded > 0
        ? `${plural(metClocksNeeded, 'more deadline', 'more deadlines')} met in time, without a miss, ${metClocksNeeded === 1 ? 'brings' : 'bring'} your score to ${percent(config.warningBelow)}`
        : null,
    breachesToResolve > 0 ? `work ${leads}` : null,
  ].filter((step): step is string => step !== null);
  const back = current === 'suspended' ? 'New leads resume' : 'Your full share of leads resumes';
  const summaryText =
    steps.length === 0
      ? `${back} with the next compliance check: nothing is holding you back any more.`
      : `What brings you back to good standing: ${steps.join('; and ')}. ${back} then.`;
  return { summary: summaryText, metClocksNeeded, breachesToResolve, missesToWarning: null };
}

/** "the overdue lead at Müller GmbH (log the first contact)", "the overdue leads at A (…), B (…) and 2 more". */
function overdueLeads(total: number, named: OverdueLead[]): string {
  const shown = named.slice(0, Math.min(LEADS_NAMED, total)).map((lead) => `${lead.company} (${TO_WORK[lead.kind]})`);
  if (shown.length === 0) return plural(total, 'overdue lead', 'overdue leads');
  const rest = total - shown.length;
  const list = rest > 0 ? [...shown, `${rest} more`] : shown;
  const words = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `the overdue ${total === 1 ? 'lead' : 'leads'} at ${words}`;
}

/** Smallest n ≥ 0 with (met + n) / (due + n) ≥ line; null when it can never be reached. */
function metUntilAtLeast(met: number, due: number, line: number): number | null {
  if (due === 0 || met / due >= line) return 0;
  if (line >= 1) return null;
  let n = Math.max(0, Math.ceil((line * due - met) / (1 - line)) - 1);
  while ((met + n) / (due + n) < line) n++;
  return n;
}

/** Smallest m ≥ 1 with met / (due + m) < line. */
function missesUntilBelow(met: number, due: number, line: number): number {
  if (line <= 0) return Number.POSITIVE_INFINITY;
  let m = Math.max(1, Math.floor(met / line - due));
  while (m > 1 && met / (due + m - 1) < line) m--;
  while (met / (due + m) >= line) m++;
  return m;
}

function plural(n: number, singular: string, pluralForm: string): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
