// Writes rendered messages to the outbox table in the caller's transaction.
import { EntityManager } from 'typeorm';
import { RenderedEmail } from './template-renderer';
import { TemplateName } from './templates/messages';

export interface OutboxRow extends RenderedEmail {
  dedupeKey: string;
  template: TemplateName;
  toAddress: string;
  toUserId: string | null;
}

/** One statement for the whole set; a key already in the outbox is skipped, so enqueueing twice sends once. Returns rows added. */
export async function insertOutboxRows(manager: EntityManager, rows: OutboxRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO outbound_emails (dedupe_key, template, to_address, to_user_id, subject, html, text, next_attempt_at, created_at)
     SELECT v.k, v.t, v.a, v.u, v.s, v.h, v.x, $8, $8
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS v(k, t, a, u, s, h, x)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [
      rows.map((r) => r.dedupeKey),
      rows.map((r) => r.template),
      rows.map((r) => r.toAddress),
      rows.map((r) => r.toUserId),
      rows.map((r) => r.subject),
      rows.map((r) => r.html),
      rows.map((r) => r.text),
      now,
    ],
  );
  return inserted.length;
}
