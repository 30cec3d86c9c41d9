import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The update clock: while a lead stays open after the feedback verdict (qualified, opportunity), an update
 * (an activity or a verdict) is due every lead_types.sla_update_cadence_minutes. Each cycle is a row of
 * update_clocks (started by the verdict or the last update, met by the next one), and a row of sla_clocks
 * with kind 'update' — the view stays THE one definition of a clock, with the same sla_clock_open /
 * sla_clock_counts / sla_clock_met rules as the offer's three clocks. A missed cycle is a breach of kind
 * 'update': one row per assignment (breaches_once_per_clock), reopened by each new miss.
 */
export class UpdateCadence1764000502000 implements MigrationInterface {
  name = 'UpdateCadence1764000502000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE update_clocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partners (id),
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        met_at timestamptz,
        CHECK (due_at > started_at)
      )`);
    // At most one running cycle per assignment; the sweep reads the running ones by due time.
    await q.query(`CREATE UNIQUE INDEX update_clocks_running_idx ON update_clocks (assignment_id) WHERE met_at IS NULL`);
    await q.query(`CREATE INDEX update_clocks_due_idx ON update_clocks (due_at) WHERE met_at IS NULL`);
    await q.query(`CREATE INDEX update_clocks_partner_idx ON update_clocks (partner_id, started_at)`);
    await q.query(`ALTER TABLE breaches DROP CONSTRAINT breaches_kind_check`);
    await q.query(`ALTER TABLE breaches ADD CONSTRAINT breaches_kind_check CHECK (kind IN ('accept', 'contact', 'feedback', 'update'))`);
    // The update branch: offered_at is the cycle's start, so the compliance window takes the cycles that began in it.
    await q.query(`
      CREATE OR REPLACE VIEW sla_clocks AS
      SELECT a.id AS assignment_id, a.lead_id, a.partner_id, a.offered_at, 'accept'::text AS kind,
             a.accept_due_at AS due_at, sla_accept_met_at(a.status, a.accepted_at, a.ended_at) AS met_at,
             a.ended_at, a.accepted_at IS NOT NULL AS accepted,
             sla_clock_open('accept', a.status, a.accepted_at) AS open
        FROM assignments a
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
        FROM update_clocks u JOIN assignments a ON a.id = u.assignment_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW sla_clocks AS
      SELECT a.id AS assignment_id, a.lead_id, a.partner_id, a.offered_at, 'accept'::text AS kind,
             a.accept_due_at AS due_at, sla_accept_met_at(a.status, a.accepted_at, a.ended_at) AS met_at,
             a.ended_at, a.accepted_at IS NOT NULL AS accepted,
             sla_clock_open('accept', a.status, a.accepted_at) AS open
        FROM assignments a
      UNION ALL
      SELECT a.id, a.lead_id, a.partner_id, a.offered_at, 'contact'::text, a.contact_due_at, a.first_contact_at,
             a.ended_at, a.accepted_at IS NOT NULL, sla_clock_open('contact', a.status, a.first_contact_at)
        FROM assignments a
      UNION ALL
      SELECT a.id, a.lead_id, a.partner_id, a.offered_at, 'feedback'::text, a.feedback_due_at, a.feedback_at,
             a.ended_at, a.accepted_at IS NOT NULL, sla_clock_open('feedback', a.status, a.feedback_at)
        FROM assignments a`);
    await q.query(`DELETE FROM breaches WHERE kind = 'update'`);
    await q.query(`ALTER TABLE breaches DROP CONSTRAINT breaches_kind_check`);
    await q.query(`ALTER TABLE breaches ADD CONSTRAINT breaches_kind_check CHECK (kind IN ('accept', 'contact', 'feedback'))`);
    await q.query(`DROP TABLE update_clocks`);
  }
}
