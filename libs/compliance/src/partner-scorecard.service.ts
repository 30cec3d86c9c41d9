// The weekly scorecard email: each active partner's standing, score, deadlines met and missed, and overdue leads.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { ClockTally, NotificationsService, OutboundMessage, RecipientsRepository, TemplateData } from '@leadgate/notifications';
import { complianceConfigFrom } from './compliance.config';
import { ComplianceRepository, OpenBreach, PartnerComplianceRow } from './compliance.repository';
import { scoreFromCounts } from './policy';

const WEEK_DAYS = 7;
// An email lists the oldest overdue leads up to this many and says how many there are in all.
const BREACHES_LISTED = 20;

function tally(row: PartnerComplianceRow | undefined): ClockTally {
  if (!row) return { met: 0, missed: 0 };
  return { met: row.counts.clocksMet, missed: row.counts.clocksDue - row.counts.clocksMet };
}

// Listed by due time, then lead.
const byDueThenLead = (a: OpenBreach, b: OpenBreach) =>
  a.dueAt.getTime() - b.dueAt.getTime() || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0);

@Injectable()
export class PartnerScorecardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ComplianceRepository,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly recipients: RecipientsRepository,
  ) {}

  /**
   * Queues one scorecard per active partner and recipient, keyed by ISO week: a second run in the
   * same week queues nothing. Five reads for all partners together, then one insert.
   */
  async sendWeekly(): Promise<{ partners: number; queued: number }> {
    const now = this.clock.now();
    const week = DateTime.fromJSDate(now, { zone: 'utc' }).toFormat("kkkk-'W'WW");
    const compliance = complianceConfigFrom(this.config);
    return inTransaction(this.dataSource, async (tx) => {
      const partnerIds = await this.repository.activePartnerIds(tx);
      if (partnerIds.length === 0) return { partners: 0, queued: 0 };
      const inWindow = await this.repository.loadCounts(tx, now, compliance, partnerIds);
      const lastWeek = await this.repository.loadCounts(tx, now, { ...compliance, windowDays: WEEK_DAYS }, partnerIds);
      const breaches = await this.repository.openBreaches(tx, partnerIds, BREACHES_LISTED);
      const recipients = await this.recipients.forPartners(tx, partnerIds, 'admins');
      const weekByPartner = new Map(lastWeek.map((row) => [row.partnerId, row]));
      const messages: OutboundMessage<'partner-scorecard'>[] = inWindow.flatMap((row) => {
        const score = scoreFromCounts(row.counts, compliance.updateWeight).score;
        const open = breaches.filter((b) => b.partnerId === row.partnerId).sort(byDueThenLead);
        const data: TemplateData['partner-scorecard'] = {
          partnerId: row.partnerId,
          partnerName: row.name,
          standing: row.standing,
          score: score === null ? null : `${Math.round(score * 100)}%`,
          windowDays: compliance.windowDays,
          lastWeek: tally(weekByPartner.get(row.partnerId)),
          window: tally(row),
          openBreachCount: open[0]?.total ?? 0,
          openBreaches: open.map((b) => ({ leadId: b.leadId, company: b.company, kind: b.kind, dueAt: b.dueAt })),
        };
        return (recipients.get(row.partnerId) ?? []).map((to) => ({
          template: 'partner-scorecard' as const,
          dedupeKey: `scorecard:${row.partnerId}:${week}`,
          to,
          data,
        }));
      });
      return { partners: partnerIds.length, queued: await this.notifications.enqueue(tx, messages) };
    });
  }
}
