import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports split by source — marketing lead or partner-registered deal (leads.source): report_daily,
 * report_sla and report_reasons keep the lead's source as one more dimension, and report_sla_summary
 * may summarise per source. The rollups are emptied and the state cleared, so the next
 * `reports-rollup` run recomputes every day with the source.
 */
export class ReportSource1764109000000 implements MigrationInterface {
  name = 'ReportSource1764109000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily, report_sla, report_reasons, report_sla_summary`);
    const source = `source text NOT NULL DEFAULT 'marketing' CHECK (source IN ('marketing', 'registered_deal'))`;
    await q.query(`ALTER TABLE report_daily DROP CONSTRAINT report_daily_key`);
    await q.query(`
      ALTER TABLE report_daily
        ADD COLUMN ${source},
        ADD CONSTRAINT report_daily_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, currency, source)`);
    await q.query(`ALTER TABLE report_sla ADD COLUMN ${source}`);
    await q.query(`ALTER TABLE report_reasons DROP CONSTRAINT report_reasons_key`);
    await q.query(`
      ALTER TABLE report_reasons
        ADD COLUMN ${source},
        ADD CONSTRAINT report_reasons_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, outcome, reason_code, source)`);
    await q.query(`ALTER TABLE report_sla_summary DROP CONSTRAINT report_sla_summary_dimension_check`);
    await q.query(`
      ALTER TABLE report_sla_summary ADD CONSTRAINT report_sla_summary_dimension_check
        CHECK (dimension IN ('none', 'partner', 'campaign', 'leadType', 'country', 'source'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily, report_sla, report_reasons, report_sla_summary`);
    await q.query(`ALTER TABLE report_sla_summary DROP CONSTRAINT report_sla_summary_dimension_check`);
    await q.query(`
      ALTER TABLE report_sla_summary ADD CONSTRAINT report_sla_summary_dimension_check
        CHECK (dimension IN ('none', 'partner', 'campaign', 'leadType', 'country'))`);
    await q.query(`ALTER TABLE report_reasons DROP CONSTRAINT report_reasons_key`);
    await q.query(`ALTER TABLE report_reasons DROP COLUMN source`);
    await q.query(`
      ALTER TABLE report_reasons
        ADD CONSTRAINT report_reasons_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, outcome, reason_code)`);
    await q.query(`ALTER TABLE report_sla DROP COLUMN source`);
    await q.query(`ALTER TABLE report_daily DROP CONSTRAINT report_daily_key`);
    await q.query(`ALTER TABLE report_daily DROP COLUMN source`);
    await q.query(`ALTER TABLE report_daily ADD CONSTRAINT report_daily_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, currency)`);
  }
}
