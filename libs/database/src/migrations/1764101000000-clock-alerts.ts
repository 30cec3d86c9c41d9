import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * clock_alerts: the warnings and escalations sent about SLA clocks, one row per clock (assignment, kind,
 * due time) and stage, so each is sent once however often and wherever the sweep runs.
 * - `warning`: the clock is open at CLOCK_WARNING_AT of its window; the lead's owner (or team) hears of it.
 * - `escalation`: its breach is still open CLOCK_ESCALATION_GRACE_MINUTES after the due time; the partner's
 *   channel manager hears of it.
 * (The breach itself is told to the partner's admins by the sweep that records it, in its transaction.)
 * Replaces assignments.accept_reminded_at: the accept reminder is the accept clock's warning.
 */
export class ClockAlerts1764101000000 implements MigrationInterface {
  name = 'ClockAlerts1764101000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clock_alerts (
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('accept', 'contact', 'feedback', 'update')),
        due_at timestamptz NOT NULL,
        stage text NOT NULL CHECK (stage IN ('warning', 'escalation')),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (assignment_id, kind, due_at, stage)
      )`);
    // The warning sweep needs only the warnings of clocks not due yet; older rows are never read again.
    await q.query(`CREATE INDEX clock_alerts_warning_due_idx ON clock_alerts (due_at) WHERE stage = 'warning'`);
    await q.query(`
      INSERT INTO clock_alerts (assignment_id, kind, due_at, stage, sent_at)
      SELECT id, 'accept', accept_due_at, 'warning', accept_reminded_at FROM assignments WHERE accept_reminded_at IS NOT NULL`);
    await q.query(`ALTER TABLE assignments DROP COLUMN accept_reminded_at`);
    // The accept reminder's opt-out now turns off every clock's warning.
    await q.query(`UPDATE users SET email_opt_outs = array_replace(email_opt_outs, 'accept-reminder', 'clock-warning')
                    WHERE 'accept-reminder' = ANY (email_opt_outs)`);
    // The escalation sweep reads open breaches by due time, across partners.
    await q.query(`CREATE INDEX breaches_open_due_idx ON breaches (due_at) WHERE cured_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX breaches_open_due_idx`);
    await q.query(`UPDATE users SET email_opt_outs = array_replace(email_opt_outs, 'clock-warning', 'accept-reminder')
                    WHERE 'clock-warning' = ANY (email_opt_outs)`);
    await q.query(`ALTER TABLE assignments ADD COLUMN accept_reminded_at timestamptz`);
    await q.query(`
      UPDATE assignments a SET accept_reminded_at = c.sent_at
        FROM clock_alerts c WHERE c.assignment_id = a.id AND c.kind = 'accept' AND c.stage = 'warning' AND c.due_at = a.accept_due_at`);
    await q.query(`DROP TABLE clock_alerts`);
  }
}
