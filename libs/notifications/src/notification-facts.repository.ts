import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AssignmentFacts } from './notifications.service';

type Tx = EntityManager;

/*
 * The reminder point is that share of the time between offer and accept deadline, in wall-clock
 * time (for business-time SLAs a close enough "about half way"). SKIP LOCKED keeps this off rows a
 * partner is accepting right now: two runs never remind the same offer twice.
 */
const REMIND_BATCH_SQL = `
  WITH due AS (
    SELECT a.id
      FROM assignments a
     WHERE a.status = 'offered' AND a.accept_reminded_at IS NULL AND a.accept_due_at > $1
       AND a.offered_at + (a.accept_due_at - a.offered_at) * $2::float8 <= $1
     ORDER BY a.accept_due_at
     LIMIT $3
       FOR UPDATE OF a SKIP LOCKED
  ), marked AS (
    UPDATE assignments a SET accept_reminded_at = $1 FROM due WHERE a.id = due.id RETURNING a.id
  )
  SELECT id FROM marked`;

/** What emails say about partners and assignments, read in the caller's transaction. */
@Injectable()
export class NotificationFactsRepository {
  async partnerName(tx: Tx, partnerId: string): Promise<string | null> {
    const [partner]: { name: string }[] = await tx.query(`SELECT name FROM partners WHERE id = $1`, [partnerId]);
    return partner?.name ?? null;
  }

  async assignmentFacts(tx: Tx, assignmentIds: string[]): Promise<AssignmentFacts[]> {
    return tx.query(
      `SELECT a.id AS assignment_id, a.partner_id, p.name AS partner_name, l.id AS lead_id, l.company, l.country,
              t.name AS lead_type_name, a.accept_due_at, a.contact_due_at, a.feedback_due_at
         FROM assignments a
         JOIN partners p ON p.id = a.partner_id
         JOIN leads l ON l.id = a.lead_id
         JOIN lead_types t ON t.id = l.lead_type_id
        WHERE a.id = ANY($1::uuid[])`,
      [assignmentIds],
    );
  }

  /**
   * Marks up to `limit` open offers past the reminder point as reminded and returns their ids.
   * It writes `assignments.accept_reminded_at`, a lifecycle column: it belongs in the lifecycle
   * repository once that exists with a method for it.
   */
  async markRemindersDue(tx: Tx, now: Date, share: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(REMIND_BATCH_SQL, [now, share, limit]);
    return rows.map((row) => row.id);
  }
}
