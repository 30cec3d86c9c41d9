// clock_alerts: which SLA clocks were warned of, and which breaches escalated, so each message goes out once.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ClockKind = 'accept' | 'contact' | 'feedback' | 'update';

/** One clock (an assignment's clock of a kind, due at a time) that just reached an alert stage. */
export interface AlertedClock {
  assignmentId: string;
  kind: ClockKind;
  dueAt: Date;
}

/*
 * Open clocks past the warning point (`share` of the way from their start to their due time) and not due
 * yet, not warned of before. The sla_clocks view is the one definition of an open clock; `open AND due_at > $1`
 * reads each branch through its partial due-time index, and only the warnings of clocks not due yet are
 * compared (clock_alerts_warning_due_idx), however many were sent before. No ORDER BY: a merge join on due
 * times crawls when thousands share one (leads offered overnight, all due when business opens).
 * ON CONFLICT keeps two sweeps from warning twice.
 */
const WARNINGS_DUE_SQL = `
  WITH due AS (
    SELECT c.assignment_id, c.kind, c.due_at
      FROM sla_clocks c
     WHERE c.open AND c.due_at > $1
       AND c.offered_at + (c.due_at - c.offered_at) * $2::float8 <= $1
       AND NOT EXISTS (SELECT 1 FROM clock_alerts s
                        WHERE s.assignment_id = c.assignment_id AND s.kind = c.kind AND s.due_at = c.due_at
                          AND s.stage = 'warning' AND s.due_at > $1)
     LIMIT $3
  )
  INSERT INTO clock_alerts (assignment_id, kind, due_at, stage, sent_at)
  SELECT assignment_id, kind, due_at, 'warning', $1 FROM due
  ON CONFLICT DO NOTHING
  RETURNING assignment_id, kind, due_at`;

/*
 * Breaches still open `grace` minutes after their due time whose clock the partner still holds unmet
 * (an accept breach ends the offer at once, so it never escalates), not escalated before. Read through
 * breaches_open_due_idx.
 */
const ESCALATIONS_DUE_SQL = `
  WITH due AS (
    SELECT b.assignment_id, b.kind, b.due_at
      FROM breaches b
      JOIN sla_clocks c ON c.assignment_id = b.assignment_id AND c.kind = b.kind AND c.due_at = b.due_at
     WHERE b.cured_at IS NULL AND b.due_at <= $1::timestamptz - make_interval(mins => $2) AND c.open
       AND NOT EXISTS (SELECT 1 FROM clock_alerts s
                        WHERE s.assignment_id = b.assignment_id AND s.kind = b.kind AND s.due_at = b.due_at AND s.stage = 'escalation')
     LIMIT $3
  )
  INSERT INTO clock_alerts (assignment_id, kind, due_at, stage, sent_at)
  SELECT assignment_id, kind, due_at, 'escalation', $1 FROM due
  ON CONFLICT DO NOTHING
  RETURNING assignment_id, kind, due_at`;

interface AlertRow {
  assignment_id: string;
  kind: ClockKind;
  due_at: Date;
}

const toAlerted = (row: AlertRow): AlertedClock => ({ assignmentId: row.assignment_id, kind: row.kind, dueAt: row.due_at });

@Injectable()
export class ClockAlertsRepository {
  /** Marks up to `limit` open clocks past `share` of their window as warned; returns them. */
  async markWarningsDue(tx: EntityManager, now: Date, share: number, limit: number): Promise<AlertedClock[]> {
    const rows: AlertRow[] = await tx.query(WARNINGS_DUE_SQL, [now, share, limit]);
    return rows.map(toAlerted);
  }

  /** Marks up to `limit` breaches still open `graceMinutes` after their due time as escalated; returns them. */
  async markEscalationsDue(tx: EntityManager, now: Date, graceMinutes: number, limit: number): Promise<AlertedClock[]> {
    const rows: AlertRow[] = await tx.query(ESCALATIONS_DUE_SQL, [now, graceMinutes, limit]);
    return rows.map(toAlerted);
  }
}
