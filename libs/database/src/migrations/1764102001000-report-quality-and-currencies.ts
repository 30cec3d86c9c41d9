import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lead quality and currencies in the report rollups:
 * - report_daily counts disqualified and recycled leads, and keeps amounts apart per currency (a lead's
 *   currency is that of its amounts; null while it has none), so no report adds two currencies;
 * - report_reasons: per arrival day and dimensions, how many leads were disqualified or recycled for each reason code.
 * The rollup state is cleared, so the next `reports-rollup` run recomputes every day.
 */
export class ReportQualityAndCurrencies1764102001000 implements MigrationInterface {
  name = 'ReportQualityAndCurrencies1764102001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily`);
    await q.query(`ALTER TABLE report_daily DROP CONSTRAINT report_daily_key`);
    await q.query(`
      ALTER TABLE report_daily
        ADD COLUMN currency char(3),
        ADD COLUMN disqualified integer NOT NULL DEFAULT 0,
        ADD COLUMN recycled integer NOT NULL DEFAULT 0,
        ADD CONSTRAINT report_daily_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, currency)`);
    await q.query(`
      CREATE TABLE report_reasons (
        day date NOT NULL,
        campaign_id uuid,
        partner_id uuid,
        lead_type_id uuid NOT NULL,
        country char(2) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('disqualified', 'recycled')),
        reason_code text NOT NULL,
        leads integer NOT NULL,
        CONSTRAINT report_reasons_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country, outcome, reason_code)
      )`);
    await q.query(`CREATE INDEX report_reasons_day_idx ON report_reasons (day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_reasons`);
    await q.query(`DELETE FROM report_rollup_state`);
    await q.query(`TRUNCATE report_daily`);
    await q.query(`ALTER TABLE report_daily DROP CONSTRAINT report_daily_key`);
    await q.query(`ALTER TABLE report_daily DROP COLUMN currency, DROP COLUMN disqualified, DROP COLUMN recycled`);
    await q.query(`ALTER TABLE report_daily ADD CONSTRAINT report_daily_key UNIQUE NULLS NOT DISTINCT (day, campaign_id, partner_id, lead_type_id, country)`);
  }
}
