// The daily digest email to channel managers (their partners) and admins (every partner).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock, Standing } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { NotificationsService, OutboundMessage, TemplateData } from '@leadgate/notifications';

const DAY_MS = 24 * 3_600_000;
// An email lists this many breaches and gives the total; the portal has the rest.
const BREACHES_LISTED = 50;

interface ReaderRow {
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'channel_manager';
}

interface BreachRow {
  channel_manager_id: string | null;
  partner_name: string;
  lead_id: string;
  company: string;
  kind: 'accept' | 'contact' | 'feedback';
  due_at: Date;
}

interface AtRiskRow {
  channel_manager_id: string | null;
  partner_id: string;
  partner_name: string;
  standing: Standing;
  reason: string;
}

const READERS_SQL = `
  SELECT id, email, display_name, role FROM users
   WHERE active AND role IN ('admin', 'channel_manager') AND NOT 'channel-digest' = ANY(email_opt_outs)
   ORDER BY id`;

const BREACHES_SQL = `
  SELECT p.channel_manager_id, p.name AS partner_name, b.lead_id, l.company, b.kind, b.due_at
    FROM breaches b
    JOIN partners p ON p.id = b.partner_id
    JOIN leads l ON l.id = b.lead_id
   WHERE p.active AND b.detected_at > $1 AND b.detected_at <= $2
   ORDER BY p.name, p.id, b.detected_at, b.id`;

const AT_RISK_SQL = `
  SELECT p.channel_manager_id, p.id AS partner_id, p.name AS partner_name, p.standing,
         COALESCE(sc.reason, 'no reason recorded') AS reason
    FROM partners p
    LEFT JOIN LATERAL (
      SELECT reason FROM standing_changes WHERE partner_id = p.id ORDER BY at DESC, id LIMIT 1
    ) sc ON true
   WHERE p.active AND p.standing <> 'good'
   ORDER BY p.standing = 'suspended' DESC, p.name, p.id`;

@Injectable()
export class ChannelDigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Queues one digest per active channel manager and admin, keyed by UTC date: a second run the same
   * day queues nothing. Four reads for everyone together, split per reader in memory, then one insert.
   */
  async sendDaily(): Promise<{ recipients: number; queued: number }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DAY_MS);
    const day = DateTime.fromJSDate(now, { zone: 'utc' }).toISODate();
    return inTransaction(this.dataSource, async (m) => {
      const readers: ReaderRow[] = await m.query(READERS_SQL);
      if (readers.length === 0) return { recipients: 0, queued: 0 };
      const breaches: BreachRow[] = await m.query(BREACHES_SQL, [since, now]);
      const atRisk: AtRiskRow[] = await m.query(AT_RISK_SQL);
      const [{ count: unallocated }]: { count: number }[] = await m.query(`SELECT count(*)::int AS count FROM leads WHERE status = 'unallocated'`);
      const messages: OutboundMessage<'channel-digest'>[] = readers.map((reader) => {
        const forAdmin = reader.role === 'admin';
        const mine = <T extends { channel_manager_id: string | null }>(rows: T[]) =>
          forAdmin ? rows : rows.filter((row) => row.channel_manager_id === reader.id);
        const ownBreaches = mine(breaches);
        const data: TemplateData['channel-digest'] = {
          forAdmin,
          since,
          breachCount: ownBreaches.length,
          breaches: ownBreaches.slice(0, BREACHES_LISTED).map((b) => ({
            partnerName: b.partner_name,
            leadId: b.lead_id,
            company: b.company,
            kind: b.kind,
            dueAt: b.due_at,
          })),
          partnersAtRisk: mine(atRisk).map((p) => ({ partnerId: p.partner_id, partnerName: p.partner_name, standing: p.standing, reason: p.reason })),
          unallocated,
        };
        return {
          template: 'channel-digest' as const,
          dedupeKey: `digest:${reader.id}:${day}`,
          to: { address: reader.email, userId: reader.id, name: reader.display_name, audience: 'channel_manager' as const },
          data,
        };
      });
      return { recipients: readers.length, queued: await this.notifications.enqueue(m, messages) };
    });
  }
}
