// The reads behind the daily channel digest: its readers, the breaches of the day and the partners at risk.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Standing } from '@leadgate/common';
import { LeadStatus } from '@leadgate/lifecycle';
import type { ClockKind } from './policy';

type Tx = EntityManager;

export interface DigestReader {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'channel_manager';
  timeZone: string;
}

export interface DigestBreach {
  channelManagerId: string | null;
  partnerName: string;
  leadId: string;
  company: string;
  kind: ClockKind;
  dueAt: Date;
}

export interface PartnerAtRisk {
  channelManagerId: string | null;
  partnerId: string;
  partnerName: string;
  standing: Standing;
  reason: string;
}

interface ReaderRow {
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'channel_manager';
  time_zone: string;
}

interface BreachRow {
  channel_manager_id: string | null;
  partner_name: string;
  lead_id: string;
  company: string;
  kind: ClockKind;
  due_at: Date;
}

interface AtRiskRow {
  channel_manager_id: string | null;
  partner_id: string;
  partner_name: string;
  standing: Standing;
  reason: string;
}

const toReader = (row: ReaderRow): DigestReader => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role, timeZone: row.time_zone });

const toBreach = (row: BreachRow): DigestBreach => ({
  channelManagerId: row.channel_manager_id,
  partnerName: row.partner_name,
  leadId: row.lead_id,
  company: row.company,
  kind: row.kind,
  dueAt: row.due_at,
});

const toAtRisk = (row: AtRiskRow): PartnerAtRisk => ({
  channelManagerId: row.channel_manager_id,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  standing: row.standing,
  reason: row.reason,
});

@Injectable()
export class ChannelDigestRepository {
  /** Active admins and channel managers who did not opt out of the digest. */
  async readers(tx: Tx): Promise<DigestReader[]> {
    const rows: ReaderRow[] = await tx.query(
      `SELECT u.id, u.email, u.display_name, u.role, z.time_zone FROM users u JOIN user_time_zones z ON z.user_id = u.id
        WHERE u.active AND u.role IN ('admin', 'channel_manager') AND NOT 'channel-digest' = ANY(u.email_opt_outs)
        ORDER BY u.id`,
    );
    return rows.map(toReader);
  }

  /** Breaches of active partners detected in (since, until]. */
  async breachesDetected(tx: Tx, since: Date, until: Date): Promise<DigestBreach[]> {
    const rows: BreachRow[] = await tx.query(
      `SELECT p.channel_manager_id, p.name AS partner_name, b.lead_id, l.company, b.kind, b.due_at
         FROM breaches b
         JOIN partners p ON p.id = b.partner_id
         JOIN leads l ON l.id = b.lead_id
        WHERE p.active AND b.detected_at > $1 AND b.detected_at <= $2
        ORDER BY p.name, p.id, b.detected_at, b.id`,
      [since, until],
    );
    return rows.map(toBreach);
  }

  /** Active partners not in good standing, suspended first, with the reason of their last change. */
  async partnersAtRisk(tx: Tx): Promise<PartnerAtRisk[]> {
    const rows: AtRiskRow[] = await tx.query(
      `SELECT p.channel_manager_id, p.id AS partner_id, p.name AS partner_name, p.standing,
              COALESCE(sc.reason, 'no reason recorded') AS reason
         FROM partners p
         LEFT JOIN LATERAL (
           SELECT reason FROM standing_changes WHERE partner_id = p.id ORDER BY at DESC, id LIMIT 1
         ) sc ON true
        WHERE p.active AND p.standing <> 'good'
        ORDER BY p.standing = 'suspended' DESC, p.name, p.id`,
    );
    return rows.map(toAtRisk);
  }

  /** Unallocated leads, and how many of them have waited since before `longBefore`. */
  async unallocatedLeads(tx: Tx, longBefore: Date): Promise<{ total: number; waitingLong: number }> {
    const [row]: { total: number; waiting_long: number }[] = await tx.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE unallocated_since <= $2)::int AS waiting_long FROM leads WHERE status = $1`,
      [LeadStatus.Unallocated, longBefore],
    );
    return { total: row.total, waitingLong: row.waiting_long };
  }
}
