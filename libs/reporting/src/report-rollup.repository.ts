// The rollup tables (report_daily, report_sla, report_reasons, report_sla_summary, report_outcome_summary, report_reason_summary,
// report_campaign_leads, report_rollup_state):
// every write to them, and the reads of leads and assignments that fill them.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LeadStatus, QUALIFIED_OR_BETTER } from '@leadgate/lifecycle';
import { Granularity } from './report-figures';

type Tx = EntityManager;

export interface RollupState {
  leadsUpdatedBefore: Date;
  ranAt: Date;
}

// One rollup at a time: a second run waits, then finds nothing new to do.
const ROLLUP_LOCK = 7_063_001;
const UTC_DAY = `(l.created_at AT TIME ZONE 'UTC')::date`;
const minutes = (from: string, to: string) => `(extract(epoch FROM (${to} - ${from})) / 60)::real`;
const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Aggregate columns over report_sla rows aliased r: first offers, {median, p90} of each time, and the
 * clocks counted and met — counted by sla_clock_counts / sla_clock_met, the functions compliance
 * counts with (migration 1763900010000-sla-clocks), judged at `asOf`, an SQL timestamptz expression.
 * Shared with ReportsRepository (the direct query); report_sla_summary stores them as SLA_AGGREGATES.
 */
export function slaAggregateColumns(asOf: string): string {
  const pct = (column: string) => `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY r.${column})`;
  const clocks = (kind: string, due: string, met: string) => {
    // No due time, no clock: a registered deal has no accept clock (nor an accept time or a hand-off).
    const counts = `r.${due} IS NOT NULL AND sla_clock_counts('${kind}', r.${due}, r.${met}, r.ended_at, r.accepted, ${asOf})`;
    return `count(*) FILTER (WHERE ${counts})::int AS ${kind}_clocks,
          count(*) FILTER (WHERE ${counts} AND sla_clock_met(r.${due}, r.${met}))::int AS ${kind}_met`;
  };
  return `count(r.handoff_minutes)::int AS first_offers,
          ${pct('handoff_minutes')} AS handoff, ${pct('accept_minutes')} AS accept,
          ${pct('contact_minutes')} AS contact, ${pct('feedback_minutes')} AS feedback,
          ${clocks('accept', 'accept_due_at', 'accept_met_at')},
          ${clocks('contact', 'contact_due_at', 'contact_at')},
          ${clocks('feedback', 'feedback_due_at', 'feedback_at')}`;
}

/** The columns slaAggregateColumns() names, in order; report_sla_summary stores them as they are. */
export const SLA_AGGREGATES = [
  'first_offers', 'handoff', 'accept', 'contact', 'feedback',
  'accept_clocks', 'accept_met', 'contact_clocks', 'contact_met', 'feedback_clocks', 'feedback_met',
].join(', ');

@Injectable()
export class ReportRollupRepository {
  /** Waits for any other rollup to finish; held until the transaction ends. */
  async lock(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ROLLUP_LOCK]);
  }

  async state(tx: Tx): Promise<RollupState | null> {
    const [row]: { leads_updated_before: Date; ran_at: Date }[] = await tx.query(`SELECT leads_updated_before, ran_at FROM report_rollup_state`);
    return row ? { leadsUpdatedBefore: row.leads_updated_before, ranAt: row.ran_at } : null;
  }

  /** The latest leads.updated_at: the high-water mark this run reaches. */
  async leadsMark(tx: Tx): Promise<Date | null> {
    const [{ mark }]: { mark: Date | null }[] = await tx.query(`SELECT max(updated_at) AS mark FROM leads`);
    return mark;
  }

  async saveState(tx: Tx, mark: Date | null, ranAt: Date): Promise<void> {
    await tx.query(
      `INSERT INTO report_rollup_state (id, leads_updated_before, ran_at) VALUES (true, COALESCE($1::timestamptz, '-infinity'), $2::timestamptz)
       ON CONFLICT (id) DO UPDATE SET leads_updated_before = GREATEST(report_rollup_state.leads_updated_before, EXCLUDED.leads_updated_before),
                                      ran_at = EXCLUDED.ran_at`,
      [mark, ranAt],
    );
  }

  /**
   * Arrival days (UTC) of leads changed since `state.leadsUpdatedBefore` (less the overlap), and of
   * leads with an open clock that fell due in [state.ranAt, asOf) — read from sla_clocks, whose `open`
   * matches the partial due-time indexes.
   */
  async touchedDays(tx: Tx, state: RollupState, overlapMinutes: number, asOf: Date): Promise<string[]> {
    const [{ touched }]: { touched: string[] }[] = await tx.query(
      `SELECT COALESCE(array_agg(DISTINCT day::text), '{}') AS touched FROM (
         SELECT ${UTC_DAY} AS day FROM leads l WHERE l.updated_at >= $1::timestamptz - make_interval(mins => $2::int)
         UNION ALL
         SELECT ${UTC_DAY} FROM sla_clocks c JOIN leads l ON l.id = c.lead_id
          WHERE c.open AND c.due_at >= $3::timestamptz AND c.due_at < $4::timestamptz
       ) touched`,
      [state.leadsUpdatedBefore, overlapMinutes, state.ranAt, asOf],
    );
    return touched;
  }

  /**
   * Replaces the SLA summary of the periods starting at `periods` (null: every period) for one
   * granularity, for the program and per partner, campaign, lead type, country and source, in one pass.
   * Returns the rows written.
   */
  async summarizePeriods(tx: Tx, granularity: Granularity, periods: string[] | null, asOf: Date): Promise<number> {
    await tx.query(
      `DELETE FROM report_sla_summary WHERE granularity = $1 ${periods === null ? '' : 'AND period = ANY($2::date[])'}`,
      periods === null ? [granularity] : [granularity, periods],
    );
    // Index-friendly: each period becomes a day range on report_sla_day_idx.
    const rows =
      periods === null
        ? `report_sla r`
        : `unnest($3::date[]) AS p(start) JOIN report_sla r ON r.day >= p.start AND r.day < (p.start + ('1 ' || $1)::interval)::date`;
    const params = periods === null ? [granularity, asOf] : [granularity, asOf, periods];
    const { affected } = await tx.queryRunner!.query(
      `INSERT INTO report_sla_summary (granularity, dimension, period, group_id, ${SLA_AGGREGATES})
       SELECT $1,
              CASE WHEN GROUPING(r.partner_id) = 0 THEN 'partner' WHEN GROUPING(r.campaign_id) = 0 THEN 'campaign'
                   WHEN GROUPING(r.lead_type_id) = 0 THEN 'leadType' WHEN GROUPING(r.country) = 0 THEN 'country'
                   WHEN GROUPING(r.source) = 0 THEN 'source' ELSE 'none' END,
              r.period,
              -- Only the grouped column is set in each grouping set (a lead without a campaign groups under NULL).
              COALESCE(r.partner_id::text, r.campaign_id::text, r.lead_type_id::text, r.country::text, r.source),
              ${slaAggregateColumns('$2::timestamptz')}
         FROM (SELECT date_trunc($1, r.day::timestamp)::date AS period, r.* FROM ${rows}) r
        GROUP BY GROUPING SETS ((r.period), (r.period, r.partner_id), (r.period, r.campaign_id), (r.period, r.lead_type_id), (r.period, r.country),
                                (r.period, r.source))`,
      params,
      true,
    );
    return affected ?? 0;
  }

  /**
   * Replaces the outcome and reason summaries of the periods starting at `periods` (null: every period) for one
   * granularity, for the program and per partner, lead type, country and source, each row one campaign and
   * currency (the 'none' rows grouped by campaign answer the campaign grouping). Returns the rows written.
   */
  async summarizeOutcomePeriods(tx: Tx, granularity: Granularity, periods: string[] | null): Promise<number> {
    const filter = periods === null ? '' : 'AND period = ANY($2::date[])';
    const params = periods === null ? [granularity] : [granularity, periods];
    await tx.query(`DELETE FROM report_outcome_summary WHERE granularity = $1 ${filter}`, params);
    await tx.query(`DELETE FROM report_reason_summary WHERE granularity = $1 ${filter}`, params);
    // Index-friendly: each period becomes a day range on the rollup's (day, ...) key.
    const rowsOf = (table: string) =>
      periods === null
        ? `${table} r`
        : `unnest($2::date[]) AS p(start) JOIN ${table} r ON r.day >= p.start AND r.day < (p.start + ('1 ' || $1)::interval)::date`;
    // No day rows per partner: a day × partner × campaign is about one report_daily row already.
    const perPartner = granularity !== 'day';
    const dimension = `CASE ${perPartner ? `WHEN GROUPING(r.partner_id) = 0 THEN 'partner'` : ''} WHEN GROUPING(r.lead_type_id) = 0 THEN 'leadType'
                            WHEN GROUPING(r.country) = 0 THEN 'country' WHEN GROUPING(r.source) = 0 THEN 'source' ELSE 'none' END`;
    // Only the grouped column is set in each grouping set (a lead no partner holds groups under NULL).
    const groupId = `COALESCE(${perPartner ? 'r.partner_id::text, ' : ''}r.lead_type_id::text, r.country::text, r.source)`;
    const sets = (keys: string) =>
      `GROUPING SETS ((r.period, ${keys}), ${perPartner ? `(r.period, r.partner_id, ${keys}),` : ''} (r.period, r.lead_type_id, ${keys}),
                     (r.period, r.country, ${keys}), (r.period, r.source, ${keys}))`;
    const { affected: outcomeRows } = await tx.queryRunner!.query(
      `INSERT INTO report_outcome_summary (granularity, dimension, period, group_id, campaign_id, currency, leads, accepted, contacted, qualified,
                                          disqualified, recycled, opportunities, pipeline_minor, won, won_minor)
       SELECT $1, ${dimension}, r.period, ${groupId}, r.campaign_id, r.currency,
              sum(r.leads), sum(r.accepted), sum(r.contacted), sum(r.qualified), sum(r.disqualified), sum(r.recycled), sum(r.opportunities),
              sum(r.pipeline_minor), sum(r.won), sum(r.won_minor)
         FROM (SELECT date_trunc($1, r.day::timestamp)::date AS period, r.* FROM ${rowsOf('report_daily')}) r
        GROUP BY ${sets('r.campaign_id, r.currency')}`,
      params,
      true,
    );
    const { affected: reasonRows } = await tx.queryRunner!.query(
      `INSERT INTO report_reason_summary (granularity, dimension, period, group_id, campaign_id, outcome, reason_code, leads)
       SELECT $1, ${dimension}, r.period, ${groupId}, r.campaign_id, r.outcome, r.reason_code, sum(r.leads)
         FROM (SELECT date_trunc($1, r.day::timestamp)::date AS period, r.* FROM ${rowsOf('report_reasons')}) r
        GROUP BY ${sets('r.campaign_id, r.outcome, r.reason_code')}`,
      params,
      true,
    );
    return (outcomeRows ?? 0) + (reasonRows ?? 0);
  }

  /** Replaces the rollup rows of the given days (null: every day); returns the report_daily and report_sla rows written. */
  async rollDays(tx: Tx, days: string[] | null): Promise<[number, number]> {
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
    const runner = tx.queryRunner!;
    await tx.query(`DELETE FROM report_daily ${dayFilter}`, params);
    await tx.query(`DELETE FROM report_sla ${dayFilter}`, params);
    await tx.query(`DELETE FROM report_reasons ${dayFilter}`, params);
    // Rows are written in day order, so a report's period sits on few pages and the day index can read just those.
    const { affected: dailyRows } = await runner.query(
      `INSERT INTO report_daily (day, campaign_id, partner_id, lead_type_id, country, currency, source, leads, accepted, contacted, qualified,
                                 disqualified, recycled, opportunities, pipeline_minor, won, won_minor)
       SELECT ${UTC_DAY}, l.campaign_id, l.current_partner_id, l.lead_type_id, l.country,
              -- A lead's amounts are all in its one currency: they are summed per currency, never across.
              CASE WHEN l.opportunity_amount_minor IS NOT NULL OR l.won_amount_minor IS NOT NULL THEN l.currency END,
              l.source,
              count(*),
              count(*) FILTER (WHERE f.accepted),
              count(*) FILTER (WHERE f.contacted),
              count(*) FILTER (WHERE l.status IN (${sqlList(QUALIFIED_OR_BETTER)})),
              count(*) FILTER (WHERE l.status = '${LeadStatus.Disqualified}'),
              count(*) FILTER (WHERE l.status = '${LeadStatus.Recycled}'),
              count(l.opportunity_amount_minor),
              COALESCE(sum(l.opportunity_amount_minor), 0),
              count(*) FILTER (WHERE l.status = '${LeadStatus.Won}'),
              COALESCE(sum(l.won_amount_minor) FILTER (WHERE l.status = '${LeadStatus.Won}'), 0)
         FROM ${leads}
         LEFT JOIN ${stages} f ON ${stagesJoin}
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        ORDER BY 1`,
      params,
      true,
    );
    // Per assignment, its clocks as sla_clocks defines them (the accept clock answered by a decline too). An
    // assignment without an accept clock (a registered deal, held from its start) was never offered: no
    // hand-off, no accept time, no accept clock.
    const offered = 'a.accept_due_at IS NOT NULL';
    const { affected: slaRows } = await runner.query(
      `INSERT INTO report_sla (assignment_id, day, partner_id, campaign_id, lead_type_id, country, source, handoff_minutes, accepted, ended_at,
                               accept_due_at, accept_met_at, accept_minutes, contact_due_at, contact_at, contact_minutes,
                               feedback_due_at, feedback_at, feedback_minutes)
       SELECT a.id, ${UTC_DAY}, a.partner_id, l.campaign_id, l.lead_type_id, l.country, l.source,
              CASE WHEN row_number() OVER (PARTITION BY a.lead_id ORDER BY a.offered_at, a.id) = 1 AND ${offered}
                   THEN ${minutes('l.created_at', 'a.offered_at')} END,
              a.accepted_at IS NOT NULL, a.ended_at,
              a.accept_due_at, CASE WHEN ${offered} THEN sla_accept_met_at(a.status, a.accepted_at, a.ended_at) END,
              CASE WHEN ${offered} THEN ${minutes('a.offered_at', 'a.accepted_at')} END,
              a.contact_due_at, a.first_contact_at, ${minutes('a.offered_at', 'a.first_contact_at')},
              a.feedback_due_at, a.feedback_at, ${minutes('a.offered_at', 'a.feedback_at')}
         FROM ${leads}
         JOIN assignments a ON a.lead_id = l.id
        ORDER BY 2`,
      params,
      true,
    );
    // Disqualified and recycled leads per reason code: the lead quality marketing sees.
    await tx.query(
      `INSERT INTO report_reasons (day, campaign_id, partner_id, lead_type_id, country, source, outcome, reason_code, leads)
       SELECT ${UTC_DAY}, l.campaign_id, l.current_partner_id, l.lead_type_id, l.country, l.source, l.status, COALESCE(l.outcome_reason_code, 'none'), count(*)
         FROM ${leads}
        WHERE l.status IN (${sqlList([LeadStatus.Disqualified, LeadStatus.Recycled])})
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      params,
    );
    // Campaign totals over all days: a campaign's cost is spread evenly over all of its leads.
    await tx.query(`DELETE FROM report_campaign_leads`);
    await tx.query(
      `INSERT INTO report_campaign_leads (campaign_id, leads)
       SELECT campaign_id, sum(leads) FROM report_daily WHERE campaign_id IS NOT NULL GROUP BY campaign_id`,
    );
    return [dailyRows ?? 0, slaRows ?? 0];
  }

  async dayCount(tx: Tx): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(DISTINCT day)::int AS n FROM report_daily`);
    return n;
  }
}
