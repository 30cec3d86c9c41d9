// The reports' reads of the rollups: set-based SQL per report, one row per period × group.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@leadgate/database';
import { Granularity, GroupBy, SlaSums } from './report-figures';
import { SLA_AGGREGATES, slaAggregateColumns } from './report-rollup.repository';

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
};

const NAME_SOURCE: Partial<Record<GroupBy, string>> = {
  campaign: 'campaigns',
  partner: 'partners',
  leadType: 'lead_types',
};

const FILTER_DIMENSIONS = { campaignId: 'campaign', partnerId: 'partner', leadTypeId: 'leadType', country: 'country' } as const;

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
  // Amounts arrive as text inside the json: exact.
  amounts: Array<{ currency: string; pipelineMinor: string; wonMinor: string; spendMinor: string }>;
}

function toOutcomeRow(row: OutcomeRow): GroupedRow<OutcomeTotals> {
  const { period, group_id: groupId, amounts, ...counts } = row;
  return {
    period,
    groupId,
    sums: {
      ...counts,
      amounts: amounts.map((a) => ({ currency: a.currency, pipelineMinor: BigInt(a.pipelineMinor), wonMinor: BigInt(a.wonMinor), spendMinor: BigInt(a.spendMinor) })),
    },
  };
}

type Percentiles = [number | null, number | null] | null;

interface SlaRow {
  period: string;
  group_id: string | null;
  first_offers: number;
  handoff: Percentiles;
  accept: Percentiles;
  contact: Percentiles;
  feedback: Percentiles;
  accept_clocks: number;
  accept_met: number;
  contact_clocks: number;
  contact_met: number;
  feedback_clocks: number;
  feedback_met: number;
}

function toSlaRow(row: SlaRow): GroupedRow<SlaSums> {
  const at = (value: Percentiles, i: 0 | 1): number | null => {
    const v = value?.[i];
    return v === null || v === undefined ? null : Math.round(v * 10) / 10;
  };
  return {
    period: row.period,
    groupId: row.group_id,
    sums: {
      firstOffers: Number(row.first_offers),
      handoffMedianMinutes: at(row.handoff, 0),
      handoffP90Minutes: at(row.handoff, 1),
      acceptMedianMinutes: at(row.accept, 0),
      acceptP90Minutes: at(row.accept, 1),
      contactMedianMinutes: at(row.contact, 0),
      contactP90Minutes: at(row.contact, 1),
      feedbackMedianMinutes: at(row.feedback, 0),
      feedbackP90Minutes: at(row.feedback, 1),
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

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Volumes and stages per period × group, and the amounts per currency: pipeline and won in each lead's
   * currency, spend in each campaign's (its cost spread over its leads). No two currencies are added.
   */
  async outcomeSums(filter: ReportFilter): Promise<Array<GroupedRow<OutcomeTotals>>> {
    const { sql, params } = where(filter);
    // Cells first (period × group × campaign × currency), so the campaign cost share is applied to a few
    // hundred cells rather than to every rollup row. Amounts stay numeric to the end.
    const rows = await this.aggregate<OutcomeRow>(
      `WITH cells AS (
         SELECT date_trunc($1, r.day::timestamp) AS period, ${GROUP_COLUMN[filter.groupBy]} AS group_id, r.campaign_id, r.currency,
                sum(r.leads) AS leads, sum(r.accepted) AS accepted, sum(r.contacted) AS contacted, sum(r.qualified) AS qualified,
                sum(r.disqualified) AS disqualified, sum(r.recycled) AS recycled,
                sum(r.opportunities) AS opportunities, sum(r.pipeline_minor) AS pipeline_minor, sum(r.won) AS won, sum(r.won_minor) AS won_minor
           FROM report_daily r
          WHERE ${sql}
          GROUP BY 1, 2, 3, 4
       ),
       money AS (
         SELECT period, group_id, currency, pipeline_minor, won_minor, 0::numeric AS spend FROM cells WHERE currency IS NOT NULL
         UNION ALL
         SELECT cells.period, cells.group_id, c.currency, 0, 0, cells.leads * COALESCE(c.cost_minor::numeric / NULLIF(t.leads, 0), 0)
           FROM cells
           JOIN report_campaign_leads t ON t.campaign_id = cells.campaign_id
           JOIN campaigns c ON c.id = cells.campaign_id
       ),
       per_currency AS (
         SELECT period, group_id, currency, sum(pipeline_minor) AS pipeline_minor, sum(won_minor) AS won_minor, round(sum(spend)) AS spend_minor
           FROM money GROUP BY 1, 2, 3
       ),
       amounts AS (
         SELECT period, group_id,
                json_agg(json_build_object('currency', currency, 'pipelineMinor', pipeline_minor::text, 'wonMinor', won_minor::text,
                                           'spendMinor', spend_minor::text) ORDER BY currency) AS amounts
           FROM per_currency
          WHERE pipeline_minor <> 0 OR won_minor <> 0 OR spend_minor <> 0
          GROUP BY 1, 2
       ),
       totals AS (
         SELECT period, group_id, sum(leads)::int AS leads, sum(accepted)::int AS accepted, sum(contacted)::int AS contacted,
                sum(qualified)::int AS qualified, sum(disqualified)::int AS disqualified, sum(recycled)::int AS recycled,
                sum(opportunities)::int AS opportunities, sum(won)::int AS won
           FROM cells GROUP BY 1, 2
       )
       SELECT to_char(t.period, 'YYYY-MM-DD') AS period, t.group_id::text AS group_id, t.leads, t.accepted, t.contacted, t.qualified,
              t.disqualified, t.recycled, t.opportunities, t.won, COALESCE(a.amounts, '[]'::json) AS amounts
         FROM totals t
         LEFT JOIN amounts a ON a.period = t.period AND a.group_id IS NOT DISTINCT FROM t.group_id
        ORDER BY 1, 2`,
      params,
    );
    return rows.map(toOutcomeRow);
  }

  /** Disqualified and recycled leads per reason code, per period × group. */
  async reasonCounts(filter: ReportFilter): Promise<Array<GroupedRow<ReasonCount[]>>> {
    const { sql, params } = where(filter);
    const rows: Array<{ period: string; group_id: string | null; reasons: ReasonCount[] }> = await this.aggregate(
      `SELECT to_char(period, 'YYYY-MM-DD') AS period, group_id::text AS group_id,
              json_agg(json_build_object('outcome', outcome, 'code', reason_code, 'leads', leads) ORDER BY outcome, leads DESC, reason_code) AS reasons
         FROM (SELECT date_trunc($1, r.day::timestamp) AS period, ${GROUP_COLUMN[filter.groupBy]} AS group_id, r.outcome, r.reason_code,
                      sum(r.leads)::int AS leads
                 FROM report_reasons r
                WHERE ${sql}
                GROUP BY 1, 2, 3, 4) cells
        GROUP BY period, group_id
        ORDER BY 1, 2`,
      params,
    );
    return rows.map((row) => ({ period: row.period, groupId: row.group_id, sums: row.reasons }));
  }

  /** SLA figures per period × group: from report_sla_summary when it can answer, else from report_sla rows. */
  async slaSums(filter: ReportFilter): Promise<Array<GroupedRow<SlaSums>>> {
    const summary = summaryShape(filter);
    const rows: SlaRow[] = summary
      ? await this.dataSource.query(
          `SELECT to_char(s.period, 'YYYY-MM-DD') AS period, ${filter.groupBy === 'none' ? 'NULL::text' : 's.group_id'} AS group_id, ${SLA_AGGREGATES}
             FROM report_sla_summary s
            WHERE s.granularity = $1 AND s.dimension = $2 AND s.period >= $3::date AND s.period <= $4::date
                  ${summary.groupId === undefined ? '' : 'AND s.group_id = $5'}
            ORDER BY 1, 2`,
          [filter.granularity, summary.dimension, filter.from, filter.to, ...(summary.groupId === undefined ? [] : [summary.groupId])],
        )
      : await this.slaFromRows(filter);
    return rows.map(toSlaRow);
  }

  /** Names of the grouped campaigns, partners or lead types, by id (empty for other groupings). */
  async groupNames(groupBy: GroupBy, ids: string[]): Promise<Map<string, string>> {
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
      `SELECT to_char(date_trunc($1, r.day::timestamp), 'YYYY-MM-DD') AS period, ${GROUP_COLUMN[filter.groupBy]}::text AS group_id,
              ${slaAggregateColumns(ROLLUP_AS_OF)}
         FROM report_sla r
        WHERE ${sql}
        GROUP BY date_trunc($1, r.day::timestamp), ${GROUP_COLUMN[filter.groupBy]}
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
