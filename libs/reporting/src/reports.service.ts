// Reads the rollups: set-based SQL per report, partner callers scoped to their own partner plus the program median.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@leadgate/auth';
import { Clock, DomainError, isPartnerRole } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { ReportQuery } from './dto/report-query.dto';
import { ReportDto, ReportRow } from './dto/report.dto';
import {
  GroupBy,
  medianFigures,
  OUTCOME_DEFINITIONS,
  OutcomeFigures,
  outcomeFigures,
  OutcomeSums,
  SLA_DEFINITIONS,
  SlaFigures,
  slaFigures,
  SlaSums,
  wholePeriods,
} from './report-figures';
import { ROLLUP_AS_OF, SLA_AGGREGATES, slaAggregateColumns } from './sla-aggregates';

const DAY_MS = 86_400_000;
const REPORT_WORK_MEM = '32MB';
const DEFAULT_DAYS = 90;
// Three years of days is the most a single report may span; longer asks are almost always a typo.
const MAX_DAYS = 3 * 366;

/** The filters and buckets of one report, resolved from the query and the caller. */
interface ReportScope {
  from: string;
  to: string;
  granularity: ReportQuery['granularity'];
  groupBy: GroupBy;
  campaignId?: string;
  partnerId?: string;
  leadTypeId?: string;
  country?: string;
  /** Set for partner callers: add the program median, computed without the partner filter. */
  medianForPartner: boolean;
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

interface GroupedRow<S> {
  period: string;
  groupId: string | null;
  sums: S;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Volumes, campaign effectiveness, pipeline, closed business and revenue conversion. */
  async outcomes(query: ReportQuery, principal: Principal): Promise<ReportDto<OutcomeFigures>> {
    const scope = this.scope(query, principal);
    return this.build(scope, OUTCOME_DEFINITIONS, (s) => this.outcomeSums(s), outcomeFigures);
  }

  /** Hand-off and follow-up times (median, 90th percentile) and the share of clocks met in time. */
  async sla(query: ReportQuery, principal: Principal): Promise<ReportDto<SlaFigures>> {
    const scope = this.scope(query, principal);
    return this.build(scope, SLA_DEFINITIONS, (s) => this.slaSums(s), slaFigures);
  }

  private async build<S, F extends object>(
    scope: ReportScope,
    definitions: Record<keyof F, string>,
    load: (scope: ReportScope) => Promise<Array<GroupedRow<S>>>,
    derive: (sums: S) => F,
  ): Promise<ReportDto<F>> {
    const [grouped, perPartner] = await Promise.all([
      load(scope),
      scope.medianForPartner ? load({ ...scope, partnerId: undefined, groupBy: 'partner' }) : Promise.resolve(null),
    ]);
    const names = await this.groupNames(scope.groupBy, grouped.map((row) => row.groupId));
    const rows = grouped.map((row) => ({
      period: row.period,
      groupId: row.groupId,
      groupName: row.groupId === null ? null : (names.get(row.groupId) ?? row.groupId),
      ...derive(row.sums),
    }));
    const report: ReportDto<F> = {
      from: scope.from,
      to: scope.to,
      granularity: scope.granularity,
      groupBy: scope.groupBy,
      currency: this.config.env.REPORTING_CURRENCY,
      definitions: definitions as Record<string, string>,
      rows,
    };
    if (perPartner) report.programMedian = this.programMedian(perPartner, derive, Object.keys(definitions) as Array<keyof F>);
    return report;
  }

  private programMedian<S, F extends object>(
    perPartner: Array<GroupedRow<S>>,
    derive: (sums: S) => F,
    keys: Array<keyof F>,
  ): Array<ReportRow<Record<keyof F, number | null>>> {
    const byPeriod = new Map<string, F[]>();
    for (const row of perPartner) {
      if (row.groupId === null) continue; // leads no partner holds are not a partner's figures
      const list = byPeriod.get(row.period) ?? [];
      list.push(derive(row.sums));
      byPeriod.set(row.period, list);
    }
    return [...byPeriod.entries()].map(([period, sets]) => ({
      period,
      groupId: null,
      groupName: 'Program median (all partners, anonymous)',
      ...medianFigures(sets, keys),
    }));
  }

  private scope(query: ReportQuery, principal: Principal): ReportScope {
    const to = query.to ?? this.clock.now().toISOString().slice(0, 10);
    const from = query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (span < 0) throw DomainError.invalid([{ field: 'to', problems: [`to (${to}) must be on or after from (${from})`] }]);
    if (span >= MAX_DAYS) throw DomainError.invalid([{ field: 'from', problems: [`a report may span at most ${MAX_DAYS} days`] }]);
    let partnerId = query.partnerId;
    if (isPartnerRole(principal.role)) {
      // A partner never sees another named partner's figures: naming one is answered like an unknown id.
      if (partnerId && partnerId !== principal.partnerId) throw DomainError.notFound('Partner');
      partnerId = principal.partnerId ?? undefined;
    }
    return {
      ...wholePeriods(from, to, query.granularity),
      granularity: query.granularity,
      groupBy: query.groupBy,
      campaignId: query.campaignId,
      partnerId,
      leadTypeId: query.leadTypeId,
      country: query.country,
      medianForPartner: isPartnerRole(principal.role),
    };
  }

  /** `WHERE` over a rollup aliased r, and its parameters ($1 is the granularity). */
  private where(scope: ReportScope): { sql: string; params: unknown[] } {
    const params: unknown[] = [scope.granularity, scope.from, scope.to];
    const conditions = ['r.day >= $2::date', 'r.day <= $3::date'];
    const add = (column: string, value: string | undefined, type: string) => {
      if (value === undefined) return;
      params.push(value);
      conditions.push(`r.${column} = $${params.length}::${type}`);
    };
    add('campaign_id', scope.campaignId, 'uuid');
    add('partner_id', scope.partnerId, 'uuid');
    add('lead_type_id', scope.leadTypeId, 'uuid');
    add('country', scope.country, 'bpchar');
    return { sql: conditions.join(' AND '), params };
  }

  private async outcomeSums(scope: ReportScope): Promise<Array<GroupedRow<OutcomeSums>>> {
    const { sql, params } = this.where(scope);
    // Two stages: sum the rollup per period × group × campaign first, so the campaign cost share is
    // applied to a few hundred cells rather than to every rollup row.
    const rows: Array<Record<string, string | number | null>> = await this.aggregate(
      `WITH cells AS (
         SELECT date_trunc($1, r.day::timestamp) AS period, ${GROUP_COLUMN[scope.groupBy]} AS group_id, r.campaign_id,
                sum(r.leads) AS leads, sum(r.accepted) AS accepted, sum(r.contacted) AS contacted, sum(r.qualified) AS qualified,
                sum(r.opportunities) AS opportunities, sum(r.pipeline_minor) AS pipeline_minor, sum(r.won) AS won, sum(r.won_minor) AS won_minor
           FROM report_daily r
          WHERE ${sql}
          GROUP BY 1, 2, 3
       )
       SELECT to_char(cells.period, 'YYYY-MM-DD') AS period, cells.group_id::text AS group_id,
              sum(cells.leads)::int AS leads, sum(cells.accepted)::int AS accepted, sum(cells.contacted)::int AS contacted,
              sum(cells.qualified)::int AS qualified, sum(cells.opportunities)::int AS opportunities,
              sum(cells.pipeline_minor)::float8 AS pipeline_minor, sum(cells.won)::int AS won, sum(cells.won_minor)::float8 AS won_minor,
              round(sum(cells.leads * COALESCE(c.cost_minor::numeric / NULLIF(t.leads, 0), 0)))::float8 AS spend_minor
         FROM cells
         LEFT JOIN report_campaign_leads t ON t.campaign_id = cells.campaign_id
         LEFT JOIN campaigns c ON c.id = cells.campaign_id
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
    return rows.map((row) => ({
      period: row.period as string,
      groupId: row.group_id as string | null,
      sums: {
        leads: Number(row.leads),
        accepted: Number(row.accepted),
        contacted: Number(row.contacted),
        qualified: Number(row.qualified),
        opportunities: Number(row.opportunities),
        pipelineMinor: Number(row.pipeline_minor),
        won: Number(row.won),
        wonMinor: Number(row.won_minor),
        spendMinor: Number(row.spend_minor),
      },
    }));
  }

  private async slaSums(scope: ReportScope): Promise<Array<GroupedRow<SlaSums>>> {
    const summary = summaryShape(scope);
    const rows: Array<Record<string, unknown>> = summary
      ? await this.dataSource.query(
          `SELECT to_char(s.period, 'YYYY-MM-DD') AS period, ${scope.groupBy === 'none' ? 'NULL::text' : 's.group_id'} AS group_id, ${SLA_AGGREGATES}
             FROM report_sla_summary s
            WHERE s.granularity = $1 AND s.dimension = $2 AND s.period >= $3::date AND s.period <= $4::date
                  ${summary.groupId === undefined ? '' : 'AND s.group_id = $5'}
            ORDER BY 1, 2`,
          [scope.granularity, summary.dimension, scope.from, scope.to, ...(summary.groupId === undefined ? [] : [summary.groupId])],
        )
      : await this.slaFromRows(scope);
    const at = (value: unknown, i: 0 | 1): number | null => {
      const v = (value as Array<number | null> | null)?.[i];
      return v === null || v === undefined ? null : Math.round(v * 10) / 10;
    };
    return rows.map((row) => ({
      period: row.period as string,
      groupId: row.group_id as string | null,
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
    }));
  }

  /** Reports the summary cannot answer (filters on two dimensions, or one other than the grouping) read the rows. */
  private slaFromRows(scope: ReportScope): Promise<Array<Record<string, unknown>>> {
    const { sql, params } = this.where(scope);
    return this.aggregate(
      `SELECT to_char(date_trunc($1, r.day::timestamp), 'YYYY-MM-DD') AS period, ${GROUP_COLUMN[scope.groupBy]}::text AS group_id,
              ${slaAggregateColumns(ROLLUP_AS_OF)}
         FROM report_sla r
        WHERE ${sql}
        GROUP BY date_trunc($1, r.day::timestamp), ${GROUP_COLUMN[scope.groupBy]}
        ORDER BY 1, 2`,
      params,
    );
  }

  /**
   * One report aggregate, with room to sort and hash a period's rollup rows in memory: at the default
   * 4 MB a 90-day report by partner spills to disk and takes about twice as long.
   */
  private aggregate<T>(sql: string, params: unknown[]): Promise<T[]> {
    return inTransaction(this.dataSource, async (m) => {
      await m.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return m.query(sql, params);
    });
  }

  private async groupNames(groupBy: GroupBy, ids: Array<string | null>): Promise<Map<string, string>> {
    const table = NAME_SOURCE[groupBy];
    const present = [...new Set(ids.filter((id): id is string => id !== null))];
    if (!table || present.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id::text, name FROM ${table} WHERE id = ANY($1::uuid[])`,
      [present],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

const FILTER_DIMENSIONS = { campaignId: 'campaign', partnerId: 'partner', leadTypeId: 'leadType', country: 'country' } as const;

/**
 * Which report_sla_summary rows answer the SLA report: those of its grouping dimension (or, without a
 * grouping, of its one filtered dimension, else the program's), narrowed to the filtered group. Null
 * when filters name a second dimension: the summary keeps one dimension at a time.
 */
function summaryShape(scope: ReportScope): { dimension: GroupBy; groupId?: string } | null {
  const filters = (Object.keys(FILTER_DIMENSIONS) as Array<keyof typeof FILTER_DIMENSIONS>)
    .filter((key) => scope[key] !== undefined)
    .map((key) => ({ dimension: FILTER_DIMENSIONS[key], value: scope[key] as string }));
  const dimension = scope.groupBy !== 'none' ? scope.groupBy : (filters[0]?.dimension ?? 'none');
  if (filters.some((filter) => filter.dimension !== dimension)) return null;
  return { dimension, groupId: filters[0]?.value };
}
