// The partner's scorecard put in plain words, with the configured thresholds spelled out.
import { ClockKind, ComplianceConfig, CountedClocksPageDto, PartnerComplianceDto, StandingHistoryPageDto } from '@leadgate/compliance';
import { formatInstant } from '@leadgate/common';
import { localTime } from './lead-times';
import { pagerView, viewQueryString } from './view-address';
const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;
const hours = (n: number): string => (n === 24 ? 'a day' : n % 24 === 0 ? `${n / 24} days` : `${n} hours`);

const STANDING_MEANING: Record<string, string> = {
  good: 'You are in good standing and receive new leads as usual.',
  warning: 'You are on warning: you still receive leads, but a further drop would suspend you.',
  suspended: 'You are suspended: you receive no new leads until your standing is good again.',
};

/** How a score and open breaches set a standing, in one sentence, for channel managers' tables. */
export function standingRuleText(config: ComplianceConfig): string {
  return (
    `Score: the share of SLA deadlines met in the last ${config.windowDays} days. Below ${percent(config.warningBelow)} puts a partner on warning ` +
    `and below ${percent(config.suspendBelow)} suspends it, once at least ${config.minClocksForScore} deadlines came due; ` +
    `${config.suspendOpenBreaches} or more breaches open for more than ${hours(config.breachGraceHours)} also suspend.`
  );
}

/** "3 of 4 deadlines met in the last 90 days": what a score is made of, for partners and channel managers alike. */
export function deadlinesMetText(card: PartnerComplianceDto): string {
  return `${card.counts.clocksMet} of ${card.counts.clocksDue} deadlines met in the last ${card.windowDays} days`;
}

const KIND_WORDS: Record<ClockKind, string> = { accept: 'accept', contact: 'first contact', feedback: 'feedback', update: 'status update' };
const SOURCE_WORDS: Record<string, string> = { policy: 'compliance check', override: 'channel manager override', override_ended: 'override ended' };

/** Where the standing page is: the deadlines filter and the page of each list. */
export interface StandingAddress {
  outcome?: 'met' | 'missed';
  deadlinesPage: number;
  historyPage: number;
}

const addressOf = (at: StandingAddress, changes: Partial<StandingAddress>): string =>
  `/standing${viewQueryString({ ...at, ...changes }, { deadlinesPage: 1, historyPage: 1 })}`;

const pager = (at: StandingAddress, page: { page: number; pageSize: number; total: number }, key: 'deadlinesPage' | 'historyPage', anchor: string) =>
  pagerView(page, (n) => `${addressOf(at, { [key]: n })}#${anchor}`);

/** The deadlines the score counts, each with its lead and outcome, in the viewer's zone. */
export function deadlinesView(clocks: CountedClocksPageDto, at: StandingAddress, now: Date, zone: string) {
  const when = (instant: Date | string) => localTime(new Date(instant), now, zone);
  const filters = [
    { label: 'All', outcome: undefined },
    { label: 'Met', outcome: 'met' as const },
    { label: 'Missed', outcome: 'missed' as const },
  ];
  return {
    total: clocks.total,
    filters: filters.map((f) => ({ label: f.label, href: `${addressOf(at, { outcome: f.outcome, deadlinesPage: 1 })}#deadlines`, current: f.outcome === at.outcome })),
    rows: clocks.items.map((clock) => ({
      company: clock.company,
      href: clock.held ? `/leads/${clock.leadId}` : null,
      kind: KIND_WORDS[clock.kind],
      due: when(clock.dueAt),
      met: clock.met,
      outcome: clock.met ? `met ${when(clock.metAt!)}` : clock.metAt ? `missed: done ${when(clock.metAt)}` : 'missed: not done',
    })),
    ...pager(at, clocks, 'deadlinesPage', 'deadlines'),
  };
}

/** Every standing change with its reason, newest first. */
export function historyView(history: StandingHistoryPageDto, at: StandingAddress, zone: string) {
  return {
    total: history.total,
    rows: history.items.map((change) => ({
      at: formatInstant(new Date(change.at), zone, 'short'),
      from: change.from,
      to: change.to,
      source: SOURCE_WORDS[change.source] ?? change.source,
      reason: change.reason,
    })),
    ...pager(at, history, 'historyPage', 'history'),
  };
}

export function standingView(card: PartnerComplianceDto, config: ComplianceConfig, now: Date, zone: string) {
  const grace = hours(config.breachGraceHours);
  return {
    partnerName: card.partnerName,
    standing: card.standing,
    meaning: STANDING_MEANING[card.standing] ?? '',
    scoreText: card.score === null ? 'not scored yet' : percent(card.score),
    clocksText: deadlinesMetText(card),
    why: card.standingReason,
    wayBack: card.wayBack.summary,
    zone,
    override: card.override && { reason: card.override.reason, ends: formatInstant(new Date(card.override.endsAt), zone) },
    overdue: card.openBreaches.map((b) => ({ ...b, kind: KIND_WORDS[b.kind], due: localTime(new Date(b.dueAt), now, zone) })),
    openText: `${card.counts.openBreaches} ${card.counts.openBreaches === 1 ? 'breach' : 'breaches'} open, ${card.counts.openBreachesOlderThanGrace} of them past the grace period.`,
    rules: [
      `${config.suspendOpenBreaches} or more breaches open for more than ${grace} suspend your partner: you would get no new leads.`,
      `A score below ${percent(config.warningBelow)} puts you on warning; below ${percent(config.suspendBelow)} suspends you (scored once at least ${config.minClocksForScore} deadlines came due in ${config.windowDays} days).`,
      `Back to good standing takes a score of ${percent(config.warningBelow)} or more and no breach open for more than ${grace}.`,
    ],
  };
}
