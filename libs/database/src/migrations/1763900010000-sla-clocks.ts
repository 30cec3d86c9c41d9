import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sla_clocks: THE one definition of an SLA clock's state — due, met (in time or late), still open,
 * answered by a decline. The sweep, compliance, the overdue filter and the reports read it (or, for
 * report_sla rows, the same functions); the pure policy (scoreCompliance) is tested against it on
 * random data (test/sla-clock-definition.e2e-spec.ts), so the two cannot drift.
 *
 * One row per assignment × clock kind. Three UNION ALL branches, each with a constant kind, so
 * `sla_clock_open` folds to exactly the partial due-time index of its clock (assignments_accept_due_idx,
 * _contact_due_idx, _feedback_due_idx) and `open AND due_at < $1` is read through those indexes.
 */
export class SlaClocks1763900010000 implements MigrationInterface {
  name = 'SlaClocks1763900010000';

  async up(q: QueryRunner): Promise<void> {
    // A decline answers the offer: the accept clock is met by accepting, or by declining (at ended_at).
    await q.query(`
      CREATE FUNCTION sla_accept_met_at(status text, accepted_at timestamptz, ended_at timestamptz)
      RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT COALESCE(accepted_at, CASE WHEN status = 'declined' THEN ended_at END) $$`);
    // Still running: the assignment holds the clock and it is unmet. The sweep calls this on the rows it
    // locks (a view's columns would not be re-checked after a concurrent change); the view uses it too.
    await q.query(`
      CREATE FUNCTION sla_clock_open(kind text, status text, met_at timestamptz)
      RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN kind = 'accept' THEN status = 'offered' ELSE status = 'accepted' AND met_at IS NULL END $$`);
    await q.query(`
      CREATE VIEW sla_clocks AS
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
        FROM assignments a`);
    /*
     * Whether a clock counts as of an instant: once met (in time or late), or once its due time has
     * passed unmet — unless the assignment ended before the due time (declined, reassigned, closed
     * early: never the partner's to miss). Contact and feedback clocks are the partner's only once it
     * accepted. A clock due exactly at as_of can still be met, so it does not count yet.
     * SQL-bodied and IMMUTABLE so the planner inlines them into each query.
     */
    await q.query(`
      CREATE FUNCTION sla_clock_counts(kind text, due_at timestamptz, met_at timestamptz, ended_at timestamptz,
                                       accepted boolean, as_of timestamptz)
      RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (kind = 'accept' OR accepted)
               AND (met_at IS NOT NULL OR (due_at < as_of AND (ended_at IS NULL OR ended_at > due_at))) $$`);
    // Met in time: on or before the due time.
    await q.query(`
      CREATE FUNCTION sla_clock_met(due_at timestamptz, met_at timestamptz)
      RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT met_at IS NOT NULL AND met_at <= due_at $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sla_clock_met(timestamptz, timestamptz)`);
    await q.query(`DROP FUNCTION sla_clock_counts(text, timestamptz, timestamptz, timestamptz, boolean, timestamptz)`);
    await q.query(`DROP VIEW sla_clocks`);
    await q.query(`DROP FUNCTION sla_clock_open(text, text, timestamptz)`);
    await q.query(`DROP FUNCTION sla_accept_met_at(text, timestamptz, timestamptz)`);
  }
}
