// The weekly scorecard email: each active partner's standing, score, deadlines met and missed, and overdue leads.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock } from '@leadgate/common';
import { complianceConfigFrom, loadComplianceCounts, PartnerComplianceRow, scoreFromCounts } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { ClockTally, NotificationsService, OutboundMessage, RecipientsRepository, TemplateData } from '@leadgate/notifications';

const WEEK_DAYS = 7;
// An email lists the oldest overdue leads up to this many and says how many there are in all.
const BREACHES_LISTED = 20;

interface OpenBreachRow {
  partner_id: string;
  lead_id: string;
  company: string;
  kind: 'contact' | 'feedback';
  due_at: Date;
  total: number;
}

/** Open breaches are those the partner can still fix, as the compliance scorecard counts them. */
const OPEN_BREACHES_SQL = `
  SELECT partner_id, lead_id, company, kind, due_at, total
    FROM (SELECT b.partner_id, b.lead_id, l.company, b.kind, b.due_at,
                 row_number() OVER (PARTITION BY b.partner_id ORDER BY b.due_at, b.id) AS rn,
                 count(*) OVER (PARTITION BY b.partner_id)::int AS total
            FROM breaches b
            JOIN assignments a ON a.id = b.assignment_id
            JOIN leads l ON l.id = b.lead_id
           WHERE b.cured_at IS NULL AND b.kind IN ('contact', 'feedback') AND a.status = 'accepted'
             AND b.partner_id = ANY($1::uuid[])) ranked
   WHERE rn <= $2
   ORDER BY partner_id, due_at, lead_id`;

function tally(row: PartnerComplianceRow | undefined): ClockTally {
  if (!row) return { met: 0, missed: 0 };
  return { met: row.counts.clocksMet, missed: row.counts.clocksDue - row.counts.clocksMet };
}

@Injectable()
export class PartnerScorecardService {
  constructor(
    private readonly dataSource: DataSource,
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
    return inTransaction(this.dataSource, async (m) => {
      const partnerIds = (await m.query(`SELECT id FROM partners WHERE active ORDER BY id`)).map((row: { id: string }) => row.id);
      if (partnerIds.length === 0) return { partners: 0, queued: 0 };
      const inWindow = await loadComplianceCounts(m, now, compliance, partnerIds);
      const lastWeek = await loadComplianceCounts(m, now, { ...compliance, windowDays: WEEK_DAYS }, partnerIds);
      const breaches = await this.openBreaches(m, partnerIds);
      const recipients = await this.recipients.forPartners(m, partnerIds, 'admins');
      const weekByPartner = new Map(lastWeek.map((row) => [row.partnerId, row]));
      const messages: OutboundMessage<'partner-scorecard'>[] = inWindow.flatMap((row) => {
        const score = scoreFromCounts(row.counts).score;
        const open = breaches.get(row.partnerId) ?? [];
        const data: TemplateData['partner-scorecard'] = {
          partnerId: row.partnerId,
          partnerName: row.name,
          standing: row.standing,
          score: score === null ? null : `${Math.round(score * 100)}%`,
          windowDays: compliance.windowDays,
          lastWeek: tally(weekByPartner.get(row.partnerId)),
          window: tally(row),
          openBreachCount: open[0]?.total ?? 0,
          openBreaches: open.map((b) => ({ leadId: b.lead_id, company: b.company, kind: b.kind, dueAt: b.due_at })),
        };
        return (recipients.get(row.partnerId) ?? []).map((to) => ({
          template: 'partner-scorecard' as const,
          dedupeKey: `scorecard:${row.partnerId}:${week}`,
          to,
          data,
        }));
      });
      return { partners: partnerIds.length, queued: await this.notifications.enqueue(m, messages) };
    });
  }

  private async openBreaches(m: EntityManager, partnerIds: string[]): Promise<Map<string, OpenBreachRow[]>> {
    const rows: OpenBreachRow[] = await m.query(OPEN_BREACHES_SQL, [partnerIds, BREACHES_LISTED]);
    const byPartner = new Map<string, OpenBreachRow[]>();
    for (const row of rows) byPartner.set(row.partner_id, [...(byPartner.get(row.partner_id) ?? []), row]);
    return byPartner;
  }
}
