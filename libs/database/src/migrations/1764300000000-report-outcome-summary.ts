import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outcomes and quality reports' sums per whole day, week and month, for the program ('none') and per
 * partner (weeks and months only), lead type, country and source — each kept apart per campaign (its cost is spread over its leads
 * when a report is read, so a cost edit shows at once) and per currency (amounts are never added across).
 * At 1,000,000 leads report_daily holds ~660,000 rows (one per day × campaign × partner × lead type × country
 * × currency × source): a year's outcomes or quality report took 460–720 ms over them; these summaries answer
 * from a few thousand rows.
 * report_reason_summary does the same for the reason codes. The rollup state is cleared, so the next
 * `reports-rollup` run is a full one that fills them.
 */
export class ReportOutcomeSummary1764300000000 implements MigrationInterface {
  name = 'ReportOutcomeSummary1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const shape = `
        granularity text NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
        dimension text NOT NULL CHECK (dimension IN ('none', 'partner', 'leadType', 'country', 'source')),
        period date NOT NULL,
        group_id text,
        campaign_id uuid`;
    await q.query(`
      CREATE TABLE report_outcome_summary (${shape},
        currency char(3),
        leads integer NOT NULL,
        accepted integer NOT NULL,
        contacted integer NOT NULL,
        qualified integer NOT NULL,
        disqualified integer NOT NULL,
        recycled integer NOT NULL,
        opportunities integer NOT NULL,
        pipeline_minor bigint NOT NULL,
        won integer NOT NULL,
        won_minor bigint NOT NULL,
        CONSTRAINT report_outcome_summary_key UNIQUE NULLS NOT DISTINCT (granularity, dimension, period, group_id, campaign_id, currency)
      )`);
    await q.query(`
      CREATE TABLE report_reason_summary (${shape},
        outcome text NOT NULL,
        reason_code text NOT NULL,
        leads integer NOT NULL,
        CONSTRAINT report_reason_summary_key UNIQUE NULLS NOT DISTINCT (granularity, dimension, period, group_id, campaign_id, outcome, reason_code)
      )`);
    await q.query(`DELETE FROM report_rollup_state`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_reason_summary`);
    await q.query(`DROP TABLE report_outcome_summary`);
  }
}
