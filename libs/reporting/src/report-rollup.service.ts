// Keeps the report rollups current: recomputes only the arrival days of leads changed since the last run.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { openClocksDue } from '@leadgate/lifecycle';
import { GRANULARITIES, Granularity, wholePeriods } from './report-figures';
import { SLA_AGGREGATES, slaAggregateColumns } from './sla-aggregates';

export interface RollupSummary {
  /** 'full' on the first run (no state yet), 'incremental' after. */
  mode: 'full' | 'incremental';
  days: number;
  dailyRows: number;
  slaRows: number;
  /** report_sla_summary rows written: the SLA figures per whole day, week and month. */
  summaryRows: number;
}

// One rollup at a time: a second run waits, then finds nothing new to do.
const ROLLUP_LOCK = 7_063_001;
const UTC_DAY = `(l.created_at AT TIME ZONE 'UTC')::date`;
const minutes = (from: string, to: string) => `(extract(epoch FROM (${to} - ${from})) / 60)::real`;

/*
 * Staleness: a lead's figures are re-rolled by the first run after it changes, so reports lag the
 * live data by at most the job's schedule (REPORTS_ROLLUP_SCHEDULE) plus the run time. Every change
 * that moves a figure (status, partner, amounts, and the accept/contact/feedback that come with a
 * status change) sets leads.updated_at, which is the high-water mark. Campaign costs are read live.
 */
@Injectable()
export class ReportRollupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RollupSummary> {
    return inTransaction(this.dataSource, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [ROLLUP_LOCK]);
      // The SLA figures count clocks as of this run (report_rollup_state.ran_at).
      const asOf = this.clock.now();
      const [state] = await m.query(`SELECT leads_updated_before, ran_at FROM report_rollup_state`);
      const [{ mark }] = await m.query(`SELECT max(updated_at) AS mark FROM leads`);
      const days = state ? await this.touchedDays(m, state, asOf) : null;
      const [dailyRows, slaRows] = days?.length === 0 ? [0, 0] : await this.rollDays(m, days);
      const summaryRows = days?.length === 0 ? 0 : await this.summarize(m, days, asOf);
      await m.query(
        `INSERT INTO report_rollup_state (id, leads_updated_before, ran_at) VALUES (true, COALESCE($1::timestamptz, '-infinity'), $2::timestamptz)
         ON CONFLICT (id) DO UPDATE SET leads_updated_before = GREATEST(report_rollup_state.leads_updated_before, EXCLUDED.leads_updated_before),
                                        ran_at = EXCLUDED.ran_at`,
        [mark, asOf],
      );
      return { mode: state ? 'incremental' : 'full', days: days?.length ?? (await this.dayCount(m)), dailyRows, slaRows, summaryRows };
    });
  }

  /**
   * Arrival days to re-roll: those of leads changed since the last run, and those of leads with a clock
   * that fell due unmet since then (it now counts as missed). The window is [last run, this run), the
   * same half-open bound as the counting (`due < asOf`), so a clock due exactly at a run is re-rolled once.
   */
  private async touchedDays(m: EntityManager, state: { leads_updated_before: Date; ran_at: Date }, asOf: Date): Promise<string[]> {
    const [{ touched }] = await m.query(
      `SELECT COALESCE(array_agg(DISTINCT day::text), '{}') AS touched FROM (
         SELECT ${UTC_DAY} AS day FROM leads l WHERE l.updated_at >= $1::timestamptz - make_interval(mins => $2::int)
         UNION ALL
         SELECT ${UTC_DAY} FROM assignments a JOIN leads l ON l.id = a.lead_id
          WHERE ${openClocksDue({ dueFrom: '$3::timestamptz', dueBefore: '$4::timestamptz' })}
       ) touched`,
      [state.leads_updated_before, this.config.env.REPORTS_ROLLUP_OVERLAP_MINUTES, state.ran_at, asOf],
    );
    return touched;
  }

  /**
   * Recomputes the SLA summary of every whole day, week and month that holds one of the days (null:
   * all), for the program and per partner, campaign, lead type and country, in one pass per granularity.
   */
  private async summarize(m: EntityManager, days: string[] | null, asOf: Date): Promise<number> {
    let written = 0;
    for (const granularity of GRANULARITIES) written += await this.summarizePeriods(m, granularity, days, asOf);
    return written;
  }

  private async summarizePeriods(m: EntityManager, granularity: Granularity, days: string[] | null, asOf: Date): Promise<number> {
    // The first day of each period that holds a touched day.
    const periods = days === null ? null : [...new Set(days.map((day) => wholePeriods(day, day, granularity).from))];
    await m.query(
      `DELETE FROM report_sla_summary WHERE granularity = $1 ${periods === null ? '' : 'AND period = ANY($2::date[])'}`,
      periods === null ? [granularity] : [granularity, periods],
    );
    // Index-friendly: each period becomes a day range on report_sla_day_idx.
    const rows =
      periods === null
        ? `report_sla r`
        : `unnest($3::date[]) AS p(start) JOIN report_sla r ON r.day >= p.start AND r.day < (p.start + ('1 ' || $1)::interval)::date`;
    const params = periods === null ? [granularity, asOf] : [granularity, asOf, periods];
    const { affected } = await m.queryRunner!.query(
      `INSERT INTO report_sla_summary (granularity, dimension, period, group_id, ${SLA_AGGREGATES})
       SELECT $1,
              CASE WHEN GROUPING(r.partner_id) = 0 THEN 'partner' WHEN GROUPING(r.campaign_id) = 0 THEN 'campaign'
                   WHEN GROUPING(r.lead_type_id) = 0 THEN 'leadType' WHEN GROUPING(r.country) = 0 THEN 'country' ELSE 'none' END,
              r.period,
              -- Only the grouped column is set in each grouping set (a lead without a campaign groups under NULL).
              COALESCE(r.partner_id::text, r.campaign_id::text, r.lead_type_id::text, r.country::text),
              ${slaAggregateColumns('$2::timestamptz')}
         FROM (SELECT date_trunc($1, r.day::timestamp)::date AS period, r.* FROM ${rows}) r
        GROUP BY GROUPING SETS ((r.period), (r.period, r.partner_id), (r.period, r.campaign_id), (r.period, r.lead_type_id), (r.period, r.country))`,
      params,
      true,
    );
    return affected ?? 0;
  }

  /** Replaces the rollup rows of the given days (null: every day); returns the rows written. */
  private async rollDays(m: EntityManager, days: string[] | null): Promise<[number, number]> {
    const dayFilter = days === null ? '' : 'WHERE day = ANY($1::date[])';
    // Index-friendly: each touched day becomes a created_at range on leads_created_idx.
    const leads =
      days === null
        ? `leads l`
        : `unnest($1::date[]) AS t(day)
           JOIN leads l ON l.created_at >= (t.day::timestamp AT TIME ZONE 'UTC') AND l.created_at < ((t.day + 1)::timestamp AT TIME ZONE 'UTC')`;
    const params = days === null ? [] : [days];
    // Whether each lead was ever accepted or contacted: one pass over all assignments for a full run,
    // an index lookup per lead for the few days of an incremental one.
    const stagesOf = 'bool_or(a.accepted_at IS NOT NULL) AS accepted, bool_or(a.first_contact_at IS NOT NULL) AS contacted';
    const [stages, stagesJoin] =
      days === null
        ? [`(SELECT a.lead_id, ${stagesOf} FROM assignments a GROUP BY a.lead_id)`, 'f.lead_id = l.id']
        : [`LATERAL (SELECT ${stagesOf} FROM assignments a WHERE a.lead_id = l.id)`, 'true'];
    // The query runner of the transaction: its structured result carries the row counts.
    const runner = m.queryRunner!;
    await m.query(`DELETE FROM report_daily ${dayFilter}`, params);
    await m.query(`DELETE FROM report_sla ${dayFilter}`, params);
    // Rows are written in day order, so a report's period sits on few pages and the day index can read just those.
    const { affected: dailyRows } = await runner.query(
      `INSERT INTO report_daily (day, campaign_id, partner_id, lead_type_id, country, leads, accepted, contacted, qualified,
                                 opportunities, pipeline_minor, won, won_minor)
       SELECT ${UTC_DAY}, l.campaign_id, l.current_partner_id, l.lead_type_id, l.country,
              count(*),
              count(*) FILTER (WHERE f.accepted),
              count(*) FILTER (WHERE f.contacted),
              count(*) FILTER (WHERE l.status IN ('qualified', 'opportunity', 'won', 'lost')),
              count(l.opportunity_amount_minor),
              COALESCE(sum(l.opportunity_amount_minor), 0),
              count(*) FILTER (WHERE l.status = 'won'),
              COALESCE(sum(l.won_amount_minor) FILTER (WHERE l.status = 'won'), 0)
         FROM ${leads}
         LEFT JOIN ${stages} f ON ${stagesJoin}
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1`,
      params,
      true,
    );
    const { affected: slaRows } = await runner.query(
      `INSERT INTO report_sla (assignment_id, day, partner_id, campaign_id, lead_type_id, country, handoff_minutes, accepted, ended_at,
                               accept_due_at, accept_met_at, accept_minutes, contact_due_at, contact_at, contact_minutes,
                               feedback_due_at, feedback_at, feedback_minutes)
       SELECT a.id, ${UTC_DAY}, a.partner_id, l.campaign_id, l.lead_type_id, l.country,
              CASE WHEN row_number() OVER (PARTITION BY a.lead_id ORDER BY a.offered_at, a.id) = 1 THEN ${minutes('l.created_at', 'a.offered_at')} END,
              a.accepted_at IS NOT NULL, a.ended_at,
              a.accept_due_at, COALESCE(a.accepted_at, CASE WHEN a.status = 'declined' THEN a.ended_at END), ${minutes('a.offered_at', 'a.accepted_at')},
              a.contact_due_at, a.first_contact_at, ${minutes('a.offered_at', 'a.first_contact_at')},
              a.feedback_due_at, a.feedback_at, ${minutes('a.offered_at', 'a.feedback_at')}
         FROM ${leads}
         JOIN assignments a ON a.lead_id = l.id
        ORDER BY 2`,
      params,
      true,
    );
    // Campaign totals over all days: a campaign's cost is spread evenly over all of its leads.
    await m.query(`DELETE FROM report_campaign_leads`);
    await m.query(
      `INSERT INTO report_campaign_leads (campaign_id, leads)
       SELECT campaign_id, sum(leads) FROM report_daily WHERE campaign_id IS NOT NULL GROUP BY campaign_id`,
    );
    return [dailyRows ?? 0, slaRows ?? 0];
  }

  private async dayCount(m: EntityManager): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(DISTINCT day)::int AS n FROM report_daily`);
    return n;
  }
}
