// The partner's scorecard put in plain words, with the configured thresholds spelled out.
import { ComplianceConfig, PartnerComplianceDto } from '@leadgate/compliance';
import { formatInstant } from '@leadgate/common';

const minuteOf = (at: Date): string => formatInstant(at, 'UTC', 'compact');
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

export function standingView(card: PartnerComplianceDto, config: ComplianceConfig) {
  const grace = hours(config.breachGraceHours);
  return {
    partnerName: card.partnerName,
    standing: card.standing,
    meaning: STANDING_MEANING[card.standing] ?? '',
    scoreText: card.score === null ? 'not scored yet' : percent(card.score),
    clocksText: deadlinesMetText(card),
    why: card.standingReason,
    wayBack: card.wayBack.summary,
    override: card.override && { reason: card.override.reason, ends: minuteOf(new Date(card.override.endsAt)) },
    overdue: card.openBreaches.map((b) => ({ ...b, due: minuteOf(b.dueAt) })),
    openCount: card.counts.openBreaches,
    olderThanGrace: card.counts.openBreachesOlderThanGrace,
    rules: [
      `${config.suspendOpenBreaches} or more breaches open for more than ${grace} suspend your partner: you would get no new leads.`,
      `A score below ${percent(config.warningBelow)} puts you on warning; below ${percent(config.suspendBelow)} suspends you (scored once at least ${config.minClocksForScore} deadlines came due in ${config.windowDays} days).`,
      `Back to good standing takes a score of ${percent(config.warningBelow)} or more and no breach open for more than ${grace}.`,
    ],
  };
}
