import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA report's figures per whole day, week and month, for the program ('none') and per partner,
 * campaign, lead type and country: medians and 90th percentiles cannot be added up from smaller
 * periods, so the `reports-rollup` job computes them once per period and a report reads a few rows.
 * Each percentile column holds {median, 90th percentile} in minutes.
 */
export class ReportSlaSummary1763900009000 implements MigrationInterface {
  name = 'ReportSlaSummary1763900009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_sla_summary (
        granularity text NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
        dimension text NOT NULL CHECK (dimension IN ('none', 'partner', 'campaign', 'leadType', 'country')),
        period date NOT NULL,
        group_id text,
        first_offers integer NOT NULL,
        handoff float8[],
        accept float8[],
        contact float8[],
        feedback float8[],
        accept_clocks integer NOT NULL,
        accept_met integer NOT NULL,
        contact_clocks integer NOT NULL,
        contact_met integer NOT NULL,
        feedback_clocks integer NOT NULL,
        feedback_met integer NOT NULL,
        CONSTRAINT report_sla_summary_key UNIQUE NULLS NOT DISTINCT (granularity, dimension, period, group_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_sla_summary`);
  }
}
