import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RenderedEmail } from './template-renderer';
import { TemplateName } from './templates/messages';

type Tx = EntityManager;

export interface OutboxRow extends RenderedEmail {
  dedupeKey: string;
  template: TemplateName;
  toAddress: string;
  toUserId: string | null;
  oneTimeLinkId: string | null;
}

/** A message claimed for sending. */
export interface ClaimedEmail {
  id: string;
  dedupeKey: string;
  toAddress: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  oneTimeLinkId: string | null;
  /** When it joined the queue: created, or resent by an admin. Delivery gives up by this age. */
  queuedAt: Date;
}

/** A message the worker gave up on. */
export interface FailedEmail {
  id: string;
  toAddress: string;
  subject: string;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

interface EmailRow {
  id: string;
  dedupe_key: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  one_time_link_id: string | null;
  queued_at: Date;
}

const toClaimed = (row: EmailRow): ClaimedEmail => ({
  id: row.id,
  dedupeKey: row.dedupe_key,
  toAddress: row.to_address,
  subject: row.subject,
  html: row.html,
  text: row.text,
  attempts: row.attempts,
  oneTimeLinkId: row.one_time_link_id,
  queuedAt: row.queued_at,
});

const toFailed = (row: EmailRow): FailedEmail => ({
  id: row.id,
  toAddress: row.to_address,
  subject: row.subject,
  template: row.template,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
});

/** The only SQL on `outbound_emails`: the outbox written in business transactions, and its delivery. */
/** NOTIFY channel: an email was queued. Sent inside the queuing transaction, so listeners hear of it only once it commits. */
export const EMAIL_QUEUED = 'leadgate_email_queued';

@Injectable()
export class OutboundEmailsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement for the whole set; a key already in the outbox is skipped, so enqueueing twice sends once. Returns rows added. */
  async insertMany(tx: Tx, rows: OutboxRow[], now: Date): Promise<number> {
    if (rows.length === 0) return 0;
    // The same statement wakes the delivery job once it commits (a rolled-back change notifies nobody):
    // pg_notify runs once when anything was queued. The schedule stays the backstop.
    const [{ inserted }]: { inserted: number }[] = await tx.query(
      `WITH queued AS (
         INSERT INTO outbound_emails (dedupe_key, template, to_address, to_user_id, subject, html, text, one_time_link_id, next_attempt_at, created_at)
         SELECT v.k, v.t, v.a, v.u, v.s, v.h, v.x, v.l, $9, $9
           FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::uuid[]) AS v(k, t, a, u, s, h, x, l)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id
       )
       SELECT (SELECT count(*) FROM queued)::int AS inserted,
              (SELECT pg_notify($10, '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued) AS woken`,
      [
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.template),
        rows.map((r) => r.toAddress),
        rows.map((r) => r.toUserId),
        rows.map((r) => r.subject),
        rows.map((r) => r.html),
        rows.map((r) => r.text),
        rows.map((r) => r.oneTimeLinkId),
        now,
        EMAIL_QUEUED,
      ],
    );
    return inserted;
  }

  /** Claims up to `limit` due messages, counting the attempt and leasing them until `leaseUntil`; skips rows another worker is claiming. */
  async claimDue(tx: Tx, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedEmail[]> {
    const rows: EmailRow[] = await tx.query(
      // Wrapped in a CTE so the driver hands back the rows (a bare UPDATE answers [rows, count]).
      `WITH claimed AS (
         UPDATE outbound_emails o
            SET attempts = o.attempts + 1, next_attempt_at = $3
           FROM (SELECT id FROM outbound_emails
                  WHERE status = 'queued' AND next_attempt_at <= $1
                  ORDER BY next_attempt_at
                  LIMIT $2
                    FOR UPDATE SKIP LOCKED) due
          WHERE o.id = due.id
        RETURNING o.id, o.dedupe_key, o.to_address, o.subject, o.html, o.text, o.attempts, o.one_time_link_id, COALESCE(o.resent_at, o.created_at) AS queued_at
       )
       SELECT * FROM claimed`,
      [now, limit, leaseUntil],
    );
    return rows.map(toClaimed);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_emails SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [id, at]);
  }

  async markFailed(id: string, lastError: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_emails SET status = 'failed', last_error = $2 WHERE id = $1`, [id, lastError]);
  }

  async scheduleRetry(id: string, retryAt: Date, lastError: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_emails SET next_attempt_at = $2, last_error = $3 WHERE id = $1`, [id, retryAt, lastError]);
  }

  /** Failed messages, newest first. */
  async listFailed(limit: number, offset: number): Promise<{ emails: FailedEmail[]; total: number }> {
    const rows: (EmailRow & { total: number })[] = await this.dataSource.query(
      `SELECT id, to_address, subject, template, attempts, last_error, created_at, count(*) OVER ()::int AS total
         FROM outbound_emails WHERE status = 'failed'
        ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    // Past the last page the window count is missing, so count separately.
    const total = rows[0]?.total ?? (await this.countFailed());
    return { emails: rows.map(toFailed), total };
  }

  async countFailed(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status = 'failed'`);
    return n;
  }

  /** Back to the queue with a fresh set of attempts; false when the message is unknown or not failed. */
  async requeueFailed(id: string, at: Date, by: string): Promise<boolean> {
    const [updated]: unknown[][] = await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'queued', attempts = 0, next_attempt_at = $2, resent_by = $3, resent_at = $2
        WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id, at, by],
    );
    return updated.length > 0;
  }
}
