// The reports' reads of the rollups: set-based SQL per report, one row per period × group.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReportsDataSource, inTransaction } from '@leadgate/database';
import type { LeadSource } from '@leadgate/lifecycle';
import { Granularity, GroupBy, SlaSums, SOURCE_NAMES } from './report-figures';
import { slaAggregateColumns } from './report-rollup.repository';

const REPORT_WORK_MEM = '32MB';

/** Which rollup rows a report reads: whole periods from..to (yyyy-mm-dd), grouped, optionally filtered. */
export interface ReportFilter {
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: GroupBy;
  campaignId?: string;
  partnerId?: string;
  /** Only these partners' rows (a channel manager's); leads no partner holds are left out too. */
  partnerIds?: string[];
  leadTypeId?: string;
  country?: string;
  source?: LeadSource;
}

export interface FilterChoices {
  partners: Array<{ id: string; name: string; standing: string }>;
  campaigns: Array<{ id: string; name: string }>;
  leadTypes: Array<{ id: string; name: string }>;
}

export interface GroupedRow<S> {
  period: string;
  groupId: string | null;
  sums: S;
}

/** Amounts in one currency, exact (minor units as bigint, summed in SQL as numeric). */
export interface CurrencyTotals {
  currency: string;
  pipelineMinor: bigint;
  wonMinor: bigint;
  spendMinor: bigint;
}

/** The outcome counts, and the amounts kept apart per currency. */
export interface OutcomeTotals {
  leads: number;
  accepted: number;
  contacted: number;
  qualified: number;
  disqualified: number;
  recycled: number;
  opportunities: number;
  won: number;
  amounts: CurrencyTotals[];
}

/** How many leads were disqualified or recycled for one reason code. */
export interface ReasonCount {
  outcome: 'disqualified' | 'recycled';
  code: string;
  leads: number;
}

// Grouped by the column itself (hashing a uuid is cheaper than its text); the answer casts to text.
const GROUP_COLUMN: Record<GroupBy, string> = {
  none: 'NULL::text',
  campaign: 'r.campaign_id',
  partner: 'r.partner_id',
  leadType: 'r.lead_type_id',
  country: 'r.country',
  source: 'r.source',
};

const NAME_SOURCE: Partial<Record<GroupBy, string>> = {
  campaign: 'campaigns',
  partner: 'partners',
  leadType: 'lead_types',
};

const FILTER_DIMENSIONS = { campaignId: 'campaign', partnerId: 'partner', leadTypeId: 'leadType', country: 'country', source: 'source' } as const;

/** When the rollup last ran: SLA figures count clocks as of then, so every view of them agrees. */
const ROLLUP_AS_OF = `(SELECT ran_at FROM report_rollup_state)`;

interface OutcomeRow {
  period: string;
  group_id: string | null;
  leads: number;
  accepted: number;
  contacted: number;
  qualified: number;
  disqualified: number;
  recycled: number;
  opportunities: number;
  won: number;
  // bigint columns arrive as strings: exact.
  pipeline_minor: string;
  won_minor: string;
  spend_minor: string;
  /** Per campaign cell, the rollup rows in another currency; null when there are none (the usual case). */
  foreign_amounts: Array<Array<{ currency: string; pipelineMinor: string; wonMinor: string }>> | null;
  /** Per campaign cell priced in another currency, its spend share (a fraction of minor units). */
  foreign_spend: Array<{ currency: string; spendMinor: number }> | null;
}

/** The report currency's sums, then each other currency's, added up per currency (spend rounded once, as in SQL). */
function toOutcomeRow(row: OutcomeRow, currency: string): GroupedRow<OutcomeTotals> {
  const amounts = new Map<string, { pipelineMinor: bigint; wonMinor: bigint; spend: number }>();
  const of = (code: string) => amounts.get(code) ?? amounts.set(code, { pipelineMinor: 0n, wonMinor: 0n, spend: 0 }).get(code)!;
  for (const a of (row.foreign_amounts ?? []).flat()) {
    const sum = of(a.currency);
    sum.pipelineMinor += BigInt(a.pipelineMinor);
    sum.wonMinor += BigInt(a.wonMinor);
  }
  for (const s of row.foreign_spend ?? []) of(s.currency).spend += Number(s.spendMinor);
  const others = [...amounts]
    .map(([code, sum]) => ({ currency: code, pipelineMinor: sum.pipelineMinor, wonMinor: sum.wonMinor, spendMinor: BigInt(Math.round(sum.spend)) }))
    .filter((a) => a.pipelineMinor !== 0n || a.wonMinor !== 0n || a.spendMinor !== 0n)
    .sort((a, b) => a.currency.localeCompare(b.currency));
  const own = { currency, pipelineMinor: BigInt(row.pipeline_minor), wonMinor: BigInt(row.won_minor), spendMinor: BigInt(row.spend_minor) };
  return {
    period: row.period,
    groupId: row.group_id,
    sums: {
      leads: row.leads, accepted: row.accepted, contacted: row.contacted, qualified: row.qualified, disqualified: row.disqualified,
      recycled: row.recycled, opportunities: row.opportunities, won: row.won, amounts: [own, ...others],
    },
  };
}

interface SlaRow {
  period: string;
  group_id: string | null;
  first_offers: number;
  handoff_median: number | null;
  handoff_p90: number | null;
  accept_median: number | null;
  accept_p90: number | null;
  contact_median: number | null;
  contact_p90: number | null;
  feedback_median: number | null;
  feedback_p90: number | null;
  accept_clocks: number;
  accept_met: number;
  contact_clocks: number;
  contact_met: number;
  feedback_clocks: number;
  feedback_met: number;
}

/**
 * The SLA aggregates (SLA_AGGREGATES) of rows aliased x, each {median, p90} array as two plain numbers: thousands
 * of rows (a report by partner) parse several times faster than as arrays.
 */
const SLA_COLUMNS = `x.first_offers, x.handoff[1] AS handoff_median, x.handoff[2] AS handoff_p90, x.accept[1] AS accept_median, x.accept[2] AS accept_p90,
  x.contact[1] AS contact_median, x.contact[2] AS contact_p90, x.feedback[1] AS feedback_median, x.feedback[2] AS feedback_p90,
  x.accept_clocks, x.accept_met, x.contact_clocks, x.contact_met, x.feedback_clocks, x.feedback_met`;

const tenth = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

function toSlaRow(row: SlaRow): GroupedRow<SlaSums> {
  return {
    period: row.period,
    groupId: row.group_id,
    sums: {
      firstOffers: Number(row.first_offers),
      handoffMedianMinutes: tenth(row.handoff_median),
      handoffP90Minutes: tenth(row.handoff_p90),
      acceptMedianMinutes: tenth(row.accept_median),
      acceptP90Minutes: tenth(row.accept_p90),
      contactMedianMinutes: tenth(row.contact_median),
      contactP90Minutes: tenth(row.contact_p90),
      feedbackMedianMinutes: tenth(row.feedback_median),
      feedbackP90Minutes: tenth(row.feedback_p90),
      acceptClocks: Number(row.accept_clocks),
      acceptMet: Number(row.accept_met),
      contactClocks: Number(row.contact_clocks),
      contactMet: Number(row.contact_met),
      feedbackClocks: Number(row.feedback_clocks),
      feedbackMet: Number(row.feedback_met),
    },
  };
}

/** `WHERE` over a rollup aliased r, and its parameters ($1 is the granularity). */
function where(filter: ReportFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [filter.granularity, filter.from, filter.to];
  const conditions = ['r.day >= $2::date', 'r.day <= $3::date'];
  const add = (column: string, value: string | undefined, type: string) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`r.${column} = $${params.length}::${type}`);
  };
  add('campaign_id', filter.campaignId, 'uuid');
  add('partner_id', filter.partnerId, 'uuid');
  add('lead_type_id', filter.leadTypeId, 'uuid');
  add('country', filter.country, 'bpchar');
  add('source', filter.source, 'text');
  if (filter.partnerIds !== undefined) {
    params.push(filter.partnerIds);
    conditions.push(`r.partner_id = ANY($${params.length}::uuid[])`);
  }
  return { sql: conditions.join(' AND '), params };
}

/**
 * Which report_sla_summary rows answer the SLA report: those of its grouping dimension (or, without a
 * grouping, of its one filtered dimension, else the program's), narrowed to the filtered group. Null
 * when filters name a second dimension, or a set of partners: the summary keeps one group at a time.
 */
function summaryShape(filter: ReportFilter): { dimension: GroupBy; groupId?: string } | null {
  if (filter.partnerIds !== undefined) return null;
  const filters = (Object.keys(FILTER_DIMENSIONS) as Array<keyof typeof FILTER_DIMENSIONS>)
    .filter((key) => filter[key] !== undefined)
    .map((key) => ({ dimension: FILTER_DIMENSIONS[key], value: filter[key] as string }));
  const dimension = filter.groupBy !== 'none' ? filter.groupBy : (filters[0]?.dimension ?? 'none');
  if (filters.some((f) => f.dimension !== dimension)) return null;
  return { dimension, groupId: filters[0]?.value };
}

/** Where one report's rows come from: a rollup aliased r, its WHERE and parameters ($1 is the granularity), its period and group. */
interface RowSource {
  table: string;
  where: string;
  params: unknown[];
  period: string;
  group: string;
}

/** The day rollup (report_daily or report_reasons): answers every filter combination. */
function dayRows(table: string, filter: ReportFilter): RowSource {
  const { sql, params } = where(filter);
  return { table: `${table} r`, where: sql, params, period: 'date_trunc($1, r.day::timestamp)', group: GROUP_COLUMN[filter.groupBy] };
}

/**
 * The outcome or reason summary rows (report_outcome_summary, report_reason_summary) that answer a report: those
 * of one dimension, each row one campaign, so a campaign grouping or filter combines with any dimension. Null when
 * the filters name two dimensions besides the campaign (or one other than the grouping): the day rollup answers.
 */
function summaryRows(table: string, filter: ReportFilter): RowSource | null {
  const others: Array<{ dimension: GroupBy; condition: (param: string) => string; value: unknown }> = [];
  const equals = (param: string) => `r.group_id = ${param}`;
  if (filter.partnerId !== undefined) others.push({ dimension: 'partner', condition: equals, value: filter.partnerId });
  if (filter.partnerIds !== undefined) others.push({ dimension: 'partner', condition: (param) => `r.group_id = ANY(${param}::text[])`, value: filter.partnerIds });
  if (filter.leadTypeId !== undefined) others.push({ dimension: 'leadType', condition: equals, value: filter.leadTypeId });
  if (filter.country !== undefined) others.push({ dimension: 'country', condition: equals, value: filter.country });
  if (filter.source !== undefined) others.push({ dimension: 'source', condition: equals, value: filter.source });
  const grouped = filter.groupBy === 'none' || filter.groupBy === 'campaign' ? null : filter.groupBy;
  const dimension = grouped ?? others[0]?.dimension ?? 'none';
  if (others.some((o) => o.dimension !== dimension)) return null;
  // The rollup keeps no day summary per partner (as many rows as report_daily's): day reports by partner read the days.
  if (filter.granularity === 'day' && dimension === 'partner') return null;
  const params: unknown[] = [filter.granularity, filter.from, filter.to, dimension];
  const conditions = ['r.granularity = $1', 'r.period >= $2::date', 'r.period <= $3::date', 'r.dimension = $4'];
  if (filter.campaignId !== undefined) {
    params.push(filter.campaignId);
    conditions.push(`r.campaign_id = $${params.length}::uuid`);
  }
  for (const other of others) {
    params.push(other.value);
    conditions.push(other.condition(`$${params.length}`));
  }
  const group = filter.groupBy === 'campaign' ? 'r.campaign_id' : filter.groupBy === 'none' ? 'NULL::text' : 'r.group_id';
  return { table: `${table} r`, where: conditions.join(' AND '), params, period: 'r.period', group };
}

/**
 * Reads only, through the reports' DataSource: REPORTS_DATABASE_URL's (a read replica, minutes behind at most
 * like the rollups themselves) when set, else the primary. The rollup job writes on the primary.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectReportsDataSource() private readonly dataSource: DataSource) {}

  /**
   * Volumes and stages per period × group, and the amounts per currency: pipeline and won in each lead's
   * currency, spend in each campaign's (its cost spread over its leads). No two currencies are added:
   * the `currency` amounts are summed in SQL; any other currency's rows (rare) come back as lists, summed per currency here.
   */
  async outcomeSums(filter: ReportFilter, currency: string): Promise<Array<GroupedRow<OutcomeTotals>>> {
    const source = summaryRows('report_outcome_summary', filter) ?? dayRows('report_daily', filter);
    const params = [...source.params];
    params.push(currency);
    const cur = `$${params.length}::bpchar`;
    const share = `cells.leads * COALESCE(c.cost_minor::numeric / NULLIF(t.leads, 0), 0)`;
    // Two stages: sum the rollup per period × group × campaign first, so the campaign cost share is
    // applied to a few hundred cells rather than to every rollup row. Amounts stay numeric to the end.
    const rows = await this.aggregate<OutcomeRow>(
      `WITH cells AS (
         SELECT ${source.period} AS period, ${source.group} AS group_id, r.campaign_id,
                sum(r.leads) AS leads, sum(r.accepted) AS accepted, sum(r.contacted) AS contacted, sum(r.qualified) AS qualified,
                sum(r.disqualified) AS disqualified, sum(r.recycled) AS recycled, sum(r.opportunities) AS opportunities,
                sum(r.pipeline_minor) FILTER (WHERE r.currency = ${cur}) AS pipeline_minor, sum(r.won) AS won,
                sum(r.won_minor) FILTER (WHERE r.currency = ${cur}) AS won_minor,
                jsonb_agg(jsonb_build_object('currency', r.currency, 'pipelineMinor', r.pipeline_minor::text, 'wonMinor', r.won_minor::text))
                  FILTER (WHERE r.currency <> ${cur}) AS foreign_amounts
           FROM ${source.table}
          WHERE ${source.where}
          GROUP BY 1, 2, 3
       )
       SELECT to_char(cells.period, 'YYYY-MM-DD') AS period, cells.group_id::text AS group_id,
              sum(cells.leads)::int AS leads, sum(cells.accepted)::int AS accepted, sum(cells.contacted)::int AS contacted,
              sum(cells.qualified)::int AS qualified, sum(cells.disqualified)::int AS disqualified, sum(cells.recycled)::int AS recycled,
              sum(cells.opportunities)::int AS opportunities, COALESCE(sum(cells.pipeline_minor), 0)::bigint AS pipeline_minor,
              sum(cells.won)::int AS won, COALESCE(sum(cells.won_minor), 0)::bigint AS won_minor,
              COALESCE(round(sum(${share}) FILTER (WHERE c.currency IS NULL OR c.currency = ${cur})), 0)::bigint AS spend_minor,
              jsonb_agg(cells.foreign_amounts) FILTER (WHERE cells.foreign_amounts IS NOT NULL) AS foreign_amounts,
              jsonb_agg(jsonb_build_object('currency', c.currency, 'spendMinor', ${share})) FILTER (WHERE c.currency <> ${cur}) AS foreign_spend
         FROM cells
         LEFT JOIN report_campaign_leads t ON t.campaign_id = cells.campaign_id
         LEFT JOIN campaigns c ON c.id = cells.campaign_id
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
    return rows.map((row) => toOutcomeRow(row, currency));
  }

  /** Disqualified and recycled leads per reason code, per period × group. */
  async reasonCounts(filter: ReportFilter): Promise<Array<GroupedRow<ReasonCount[]>>> {
    const source = summaryRows('report_reason_summary', filter) ?? dayRows('report_reasons', filter);
    const rows: Array<{ period: string; group_id: string | null; reasons: ReasonCount[] }> = await this.aggregate(
      `SELECT to_char(period, 'YYYY-MM-DD') AS period, group_id::text AS group_id,
              json_agg(json_build_object('outcome', outcome, 'code', reason_code, 'leads', leads) ORDER BY outcome, leads DESC, reason_code) AS reasons
         FROM (SELECT ${source.period} AS period, ${source.group} AS group_id, r.outcome, r.reason_code, sum(r.leads)::int AS leads
                 FROM ${source.table}
                WHERE ${source.where}
                GROUP BY 1, 2, 3, 4) cells
        GROUP BY period, group_id
        ORDER BY 1, 2`,
      source.params,
    );
    return rows.map((row) => ({ period: row.period, groupId: row.group_id, sums: row.reasons }));
  }

  /** SLA figures per period × group: from report_sla_summary when it can answer, else from report_sla rows. */
  async slaSums(filter: ReportFilter): Promise<Array<GroupedRow<SlaSums>>> {
    const summary = summaryShape(filter);
    const rows: SlaRow[] = summary
      ? await this.dataSource.query(
          `SELECT to_char(x.period, 'YYYY-MM-DD') AS period, ${filter.groupBy === 'none' ? 'NULL::text' : 'x.group_id'} AS group_id, ${SLA_COLUMNS}
             FROM report_sla_summary x
            WHERE x.granularity = $1 AND x.dimension = $2 AND x.period >= $3::date AND x.period <= $4::date
                  ${summary.groupId === undefined ? '' : 'AND x.group_id = $5'}
            ORDER BY 1, 2`,
          [filter.granularity, summary.dimension, filter.from, filter.to, ...(summary.groupId === undefined ? [] : [summary.groupId])],
        )
      : await this.slaFromRows(filter);
    return rows.map(toSlaRow);
  }

  /** Names of the grouped campaigns, partners, lead types or sources, by id (empty for other groupings). */
  async groupNames(groupBy: GroupBy, ids: string[]): Promise<Map<string, string>> {
    if (groupBy === 'source') return new Map(ids.map((id) => [id, SOURCE_NAMES[id] ?? id]));
    const table = NAME_SOURCE[groupBy];
    if (!table || ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(`SELECT id::text, name FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * What a report may be filtered by: the partners (only `partnerIds` when given, with their standing), and
   * every campaign and lead type, by name.
   */
  async filterChoices(partnerIds: string[] | null): Promise<FilterChoices> {
    const [partners, campaigns, leadTypes] = await Promise.all([
      this.dataSource.query(`SELECT id::text, name, standing FROM partners WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name`, [partnerIds]),
      this.dataSource.query(`SELECT id::text, name FROM campaigns ORDER BY name`),
      this.dataSource.query(`SELECT id::text, name FROM lead_types ORDER BY name`),
    ]);
    return { partners, campaigns, leadTypes };
  }

  /** Reports the summary cannot answer (filters on two dimensions, or one other than the grouping) read the rows. */
  private slaFromRows(filter: ReportFilter): Promise<SlaRow[]> {
    const { sql, params } = where(filter);
    return this.aggregate<SlaRow>(
      `SELECT x.period, x.group_id, ${SLA_COLUMNS}
         FROM (SELECT to_char(date_trunc($1, r.day::timestamp), 'YYYY-MM-DD') AS period, ${GROUP_COLUMN[filter.groupBy]}::text AS group_id,
                      ${slaAggregateColumns(ROLLUP_AS_OF)}
                 FROM report_sla r
                WHERE ${sql}
                GROUP BY date_trunc($1, r.day::timestamp), ${GROUP_COLUMN[filter.groupBy]}) x
        ORDER BY 1, 2`,
      params,
    );
  }

  /**
   * One report aggregate, with room to sort and hash a period's rollup rows in memory: at the default
   * 4 MB a 90-day report by partner spills to disk and takes about twice as long.
   */
  private aggregate<T>(sql: string, params: unknown[]): Promise<T[]> {
    return inTransaction(this.dataSource, async (tx) => {
      await tx.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return tx.query(sql, params);
    });
  }
}
