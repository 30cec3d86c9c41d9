import { MigrationInterface, QueryRunner } from 'typeorm';

/** The view's contact, feedback and update branches, unchanged since 1764000502000-update-cadence. */
const OTHER_BRANCHES = `
      UNION ALL
      SELECT a.id, a.lead_id, a.partner_id, a.offered_at, 'contact'::text,
             a.contact_due_at, a.first_contact_at,
             a.ended_at, a.accepted_at IS NOT NULL,
             sla_clock_open('contact', a.status, a.first_contact_at)
        FROM assignments a
      UNION ALL
      SELECT a.id, a.lead_id, a.partner_id, a.offered_at, 'feedback'::text,
             a.feedback_due_at, a.feedback_at,
             a.ended_at, a.accepted_at IS NOT NULL,
             sla_clock_open('feedback', a.status, a.feedback_at)
        FROM assignments a
      UNION ALL
      SELECT u.assignment_id, u.lead_id, u.partner_id, u.started_at, 'update'::text,
             u.due_at, u.met_at,
             a.ended_at, a.accepted_at IS NOT NULL,
             sla_clock_open('update', a.status, u.met_at)
        FROM update_clocks u JOIN assignments a ON a.id = u.assignment_id`;

const ACCEPT_BRANCH = (where: string) => `
      SELECT a.id AS assignment_id, a.lead_id, a.partner_id, a.offered_at, 'accept'::text AS kind,
             a.accept_due_at AS due_at, sla_accept_met_at(a.status, a.accepted_at, a.ended_at) AS met_at,
             a.ended_at, a.accepted_at IS NOT NULL AS accepted,
             sla_clock_open('accept', a.status, a.accepted_at) AS open
        FROM assignments a ${where}`;

/**
 * No accept clock for a registered deal: the partner brought the buyer itself, so there is no offer to
 * accept. An assignment without an accept clock has no accept due time (accept_due_at NULL), and only an
 * assignment held from its start (accepted when offered — the transition table's `register`) may lack one.
 * The sla_clocks view leaves it out of the accept branch, so compliance, the team's clocks, the standing
 * page, clock alerts and the overdue filter never see it; report_sla keeps no accept (nor hand-off) figure
 * for it. Registrations approved before this migration lose the always-met accept clock they were given
 * (due = accepted = approval), and the report rollups are recomputed by the next `reports-rollup` run.
 */
export class RegisteredDealsWithoutAcceptClock1764200000000 implements MigrationInterface {
  name = 'RegisteredDealsWithoutAcceptClock1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments ALTER COLUMN accept_due_at DROP NOT NULL`);
    await q.query(`
      UPDATE assignments a SET accept_due_at = NULL
        FROM leads l
       WHERE l.id = a.lead_id AND l.source = 'registered_deal' AND a.decision_id IS NULL
         AND a.accepted_at = a.offered_at AND a.accept_due_at = a.offered_at`);
    await q.query(`
      ALTER TABLE assignments ADD CONSTRAINT assignments_accept_clock
        CHECK (accept_due_at IS NOT NULL OR accepted_at = offered_at)`);
    await q.query(`CREATE OR REPLACE VIEW sla_clocks AS ${ACCEPT_BRANCH('WHERE a.accept_due_at IS NOT NULL')} ${OTHER_BRANCHES}`);
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily, report_sla, report_reasons, report_sla_summary`);
    await q.query(`ALTER TABLE report_sla ALTER COLUMN accept_due_at DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily, report_sla, report_reasons, report_sla_summary`);
    await q.query(`ALTER TABLE report_sla ALTER COLUMN accept_due_at SET NOT NULL`);
    await q.query(`CREATE OR REPLACE VIEW sla_clocks AS ${ACCEPT_BRANCH('')} ${OTHER_BRANCHES}`);
    await q.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_accept_clock`);
    await q.query(`UPDATE assignments SET accept_due_at = offered_at WHERE accept_due_at IS NULL`);
    await q.query(`ALTER TABLE assignments ALTER COLUMN accept_due_at SET NOT NULL`);
  }
}
