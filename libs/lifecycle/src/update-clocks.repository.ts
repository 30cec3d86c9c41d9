// update_clocks: the update cadence while a qualified lead stays open — one row per cycle, started by the
// verdict or the last update and met by the next; its misses are breaches of kind 'update'.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatInstant } from '@leadgate/common';
import { MissedClockLine, TimelineRepository } from './timeline.repository';

/*
 * Running cycles past due without a breach for that due time. An assignment keeps one update breach row
 * (breaches_once_per_clock): a new miss reopens it with the new due time, while every missed cycle counts
 * in the score through sla_clocks. The row lock (SKIP LOCKED) keeps an update logged in the same instant
 * from leaving an uncured breach behind: renew() meets the cycle before it cures.
 */
const MISSED_UPDATES_SQL = `
  WITH due AS (
    SELECT u.id, u.assignment_id, u.lead_id, u.partner_id, u.due_at
      FROM update_clocks u JOIN assignments a ON a.id = u.assignment_id
     WHERE sla_clock_open('update', a.status, u.met_at) AND u.due_at < $1
       AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.assignment_id = u.assignment_id AND b.kind = 'update' AND b.due_at = u.due_at)
     ORDER BY u.due_at
     LIMIT $2
       FOR NO KEY UPDATE OF u SKIP LOCKED
  ), breach AS (
    INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
    SELECT assignment_id, lead_id, partner_id, 'update', due_at, $1 FROM due
    ON CONFLICT (assignment_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at, detected_at = EXCLUDED.detected_at, cured_at = NULL
       WHERE breaches.due_at <> EXCLUDED.due_at
    RETURNING assignment_id, lead_id, partner_id, due_at
  )
  SELECT (SELECT count(*) FROM due)::int AS candidates,
         COALESCE((SELECT json_agg(json_build_object('assignment_id', b.assignment_id, 'lead_id', b.lead_id, 'partner_id', b.partner_id,
                                                     'partner_name', p.name, 'due_at', b.due_at) ORDER BY b.lead_id)
                     FROM breach b JOIN partners p ON p.id = b.partner_id), '[]'::json) AS breaches`;

@Injectable()
export class UpdateClocksRepository {
  constructor(private readonly timeline: TimelineRepository) {}

  /**
   * An update (activity or verdict) on the assignment: meets its running cycle and cures its open update
   * breach; with `startNext`, starts the next cycle, due the lead type's cadence later (calendar time;
   * none when the lead type has no cadence).
   */
  async renew(tx: EntityManager, assignmentId: string, at: Date, startNext: boolean): Promise<void> {
    await tx.query(`UPDATE update_clocks SET met_at = $2 WHERE assignment_id = $1 AND met_at IS NULL`, [assignmentId, at]);
    await tx.query(`UPDATE breaches SET cured_at = $2 WHERE assignment_id = $1 AND kind = 'update' AND cured_at IS NULL`, [assignmentId, at]);
    if (!startNext) return;
    await tx.query(
      `INSERT INTO update_clocks (assignment_id, lead_id, partner_id, started_at, due_at)
       SELECT a.id, a.lead_id, a.partner_id, $2, $2::timestamptz + make_interval(mins => t.sla_update_cadence_minutes)
         FROM assignments a JOIN leads l ON l.id = a.lead_id JOIN lead_types t ON t.id = l.lead_type_id
        WHERE a.id = $1 AND t.sla_update_cadence_minutes IS NOT NULL`,
      [assignmentId, at],
    );
  }

  /** One batch of update cycles that ran out: each miss recorded once, with its timeline line. */
  async recordMissed(tx: EntityManager, asOf: Date, limit: number, actor: string): Promise<{ candidates: number; breaches: MissedClockLine[] }> {
    const [row]: { candidates: number; breaches: MissedClockLine[] }[] = await tx.query(MISSED_UPDATES_SQL, [asOf, limit]);
    await this.timeline.recordMissed(tx, asOf, actor, 'update', row.breaches, (breach) =>
      `No update from ${breach.partner_name} within the agreed cadence (due ${formatInstant(new Date(breach.due_at))})`);
    return { candidates: row.candidates, breaches: row.breaches };
  }
}
