import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report rollups, kept current by the `reports-rollup` job:
 * - report_daily: per UTC day of lead arrival × campaign × current partner × lead type × country,
 *   the counts and sums behind the volume, effectiveness, pipeline and closed-business figures;
 * - report_sla: one row per assignment (its clocks, denormalised with the lead's dimensions),
 *   because medians and 90th percentiles cannot be summed from daily totals;
 * - report_campaign_leads: each campaign's lead count, to spread its cost evenly over its leads;
 * - report_rollup_state: the high-water mark of the last run.
 */
export class Reporting1763900006000 implements MigrationInterface {
  name = 'Reporting1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_daily (
        day date NOT NULL,
        campaign_id uuid,
        partner_id uuid,
        lead_type_id uuid NOT NULL,
        country char(2) NOT NULL,
        leads integer NOT NULL,
        accepted integer NOT NULL,
        contacted integer NOT NULL,
        qualified integer NOT NULL,
        opportunities integer NOT NULL,
        pipeline_minor bigint NOT NULL,
        won integer NOT NULL,
        won_minor bigint NOT NULL,
        CONSTRAINT report_daily_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country)
      )`);
    await q.query(`CREATE INDEX report_daily_partner_idx ON report_daily (partner_id, day)`);
    await q.query(`
      CREATE TABLE report_sla (
        assignment_id uuid PRIMARY KEY,
        day date NOT NULL,
        partner_id uuid NOT NULL,
        campaign_id uuid,
        lead_type_id uuid NOT NULL,
        country char(2) NOT NULL,
        handoff_minutes real,
        accepted boolean NOT NULL,
        ended_at timestamptz,
        accept_due_at timestamptz NOT NULL,
        accept_met_at timestamptz,
        accept_minutes real,
        contact_due_at timestamptz NOT NULL,
        contact_at timestamptz,
        contact_minutes real,
        feedback_due_at timestamptz NOT NULL,
        feedback_at timestamptz,
        feedback_minutes real
      )`);
    await q.query(`CREATE INDEX report_sla_day_idx ON report_sla (day)`);
    await q.query(`CREATE INDEX report_sla_partner_idx ON report_sla (partner_id, day)`);
    await q.query(`CREATE TABLE report_campaign_leads (campaign_id uuid PRIMARY KEY, leads integer NOT NULL)`);
    await q.query(`
      CREATE TABLE report_rollup_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        leads_updated_before timestamptz NOT NULL,
        ran_at timestamptz NOT NULL
      )`);
    // The incremental rollup finds the leads changed since its last run through this index.
    await q.query(`CREATE INDEX leads_updated_idx ON leads (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leads_updated_idx`);
    await q.query(`DROP TABLE report_rollup_state, report_campaign_leads, report_sla, report_daily`);
  }
}
