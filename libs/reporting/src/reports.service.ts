// Answers the reports from the rollups: partner callers scoped to their own partner plus the program median.
import { Injectable } from '@nestjs/common';
import { partnerScopeOf, Principal } from '@leadgate/auth';
import { Clock, DomainError, isPartnerRole } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { PartnerScopeRepository } from '@leadgate/lifecycle';
import { ReportQuery } from './dto/report-query.dto';
import { ReportDto, ReportRow } from './dto/report.dto';
import {
  CurrencyAmounts,
  LIST_FIGURES,
  medianFigures,
  MedianFigures,
  OUTCOME_DEFINITIONS,
  OutcomeFigures,
  outcomeFigures,
  OutcomeSums,
  QUALITY_DEFINITIONS,
  QualityFigures,
  qualityFigures,
  SLA_DEFINITIONS,
  SlaFigures,
  slaFigures,
  wholePeriods,
} from './report-figures';
import { FilterChoices, GroupedRow, OutcomeTotals, ReasonCount, ReportFilter, ReportsRepository } from './reports.repository';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 90;
// Three years of days is the most a single report may span; longer asks are almost always a typo.
const MAX_DAYS = 3 * 366;

/** The filters and buckets of one report, resolved from the query and the caller. */
interface ReportScope extends ReportFilter {
  /** Set for partner callers: add the program median, computed without the partner filter. */
  medianForPartner: boolean;
}

/** An exact amount as the API answers it: a JSON number, so it must be one exactly. */
function minorUnits(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${amount} (minor units) is too large to answer exactly as a JSON number`);
  }
  return Number(amount);
}

/** The amounts in the report's currency as the figures, every other currency's listed apart: none are added together. */
function toOutcomeSums(totals: OutcomeTotals, currency: string): OutcomeSums {
  const inMinor = totals.amounts.map<CurrencyAmounts>((a) => ({
    currency: a.currency,
    pipelineMinor: minorUnits(a.pipelineMinor),
    wonMinor: minorUnits(a.wonMinor),
    spendMinor: minorUnits(a.spendMinor),
  }));
  const own = inMinor.find((a) => a.currency === currency);
  const { leads, accepted, contacted, qualified, disqualified, recycled, opportunities, won } = totals;
  // In the order of the definitions, which the JSON and CSV keep.
  return {
    leads, accepted, contacted, qualified, disqualified, recycled, opportunities,
    pipelineMinor: own?.pipelineMinor ?? 0,
    won,
    wonMinor: own?.wonMinor ?? 0,
    spendMinor: own?.spendMinor ?? 0,
    otherCurrencies: inMinor.filter((a) => a.currency !== currency),
  };
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly scopes: PartnerScopeRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Volumes, campaign effectiveness, pipeline, closed business and revenue conversion. */
  async outcomes(query: ReportQuery, principal: Principal): Promise<ReportDto<OutcomeFigures>> {
    const scope = await this.scope(query, principal);
    return this.build(scope, OUTCOME_DEFINITIONS, (s) => this.outcomeSums(s), outcomeFigures);
  }

  /**
   * Lead quality for marketing: the shares qualified, disqualified (by reason) and returned as not
   * sales-ready (by reason), beside cost per qualified lead and revenue conversion.
   */
  async quality(query: ReportQuery, principal: Principal): Promise<ReportDto<QualityFigures>> {
    const scope = await this.scope(query, principal);
    return this.build(scope, QUALITY_DEFINITIONS, (s) => this.qualitySums(s, (o) => this.outcomeSums(o)), qualityFigures, (s) => this.qualitySumsForMedian(s));
  }

  /** outcomes() and quality() of the same query, as a dashboard shows them side by side: the outcome sums read once. */
  async outcomesAndQuality(query: ReportQuery, principal: Principal): Promise<{ outcomes: ReportDto<OutcomeFigures>; quality: ReportDto<QualityFigures> }> {
    const scope = await this.scope(query, principal);
    const read = new Map<string, Promise<Array<GroupedRow<OutcomeSums>>>>();
    const outcomeSums = (s: ReportScope) => {
      const key = JSON.stringify(s);
      if (!read.has(key)) read.set(key, this.outcomeSums(s));
      return read.get(key)!;
    };
    const [outcomes, quality] = await Promise.all([
      this.build(scope, OUTCOME_DEFINITIONS, outcomeSums, outcomeFigures),
      this.build(scope, QUALITY_DEFINITIONS, (s) => this.qualitySums(s, outcomeSums), qualityFigures, (s) => this.qualitySumsForMedian(s, outcomeSums)),
    ]);
    return { outcomes, quality };
  }

  /** The partners (only those in the caller's scope, with their standing), campaigns and lead types a report may be filtered by. */
  async filterChoices(principal: Principal): Promise<FilterChoices> {
    return this.repository.filterChoices(await this.scopes.ids(partnerScopeOf(principal)));
  }

  /** Hand-off and follow-up times (median, 90th percentile) and the share of clocks met in time. */
  async sla(query: ReportQuery, principal: Principal): Promise<ReportDto<SlaFigures>> {
    const scope = await this.scope(query, principal);
    return this.build(scope, SLA_DEFINITIONS, (s) => this.repository.slaSums(s), slaFigures);
  }

  /** `loadForMedian`: the per-partner sums the program median needs, when they need less than `load` reads. */
  private async build<S, F extends object>(
    scope: ReportScope,
    definitions: Record<keyof F, string>,
    load: (scope: ReportScope) => Promise<Array<GroupedRow<S>>>,
    derive: (sums: S) => F,
    loadForMedian = load,
  ): Promise<ReportDto<F>> {
    const [grouped, perPartner] = await Promise.all([
      load(scope),
      scope.medianForPartner ? loadForMedian({ ...scope, partnerId: undefined, groupBy: 'partner' }) : Promise.resolve(null),
    ]);
    const ids = [...new Set(grouped.map((row) => row.groupId).filter((id): id is string => id !== null))];
    const names = await this.repository.groupNames(scope.groupBy, ids);
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
    const medianKeys = (Object.keys(definitions) as Array<keyof F>).filter((key) => !LIST_FIGURES.has(String(key)));
    if (perPartner) report.programMedian = this.programMedian(perPartner, derive, medianKeys);
    return report;
  }

  private programMedian<S, F extends object>(
    perPartner: Array<GroupedRow<S>>,
    derive: (sums: S) => F,
    keys: Array<keyof F>,
  ): Array<ReportRow<MedianFigures<F>>> {
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
      ...medianFigures(sets, keys, this.config.env.REPORT_MEDIAN_MIN_PARTNERS),
    }));
  }

  private async scope(query: ReportQuery, principal: Principal): Promise<ReportScope> {
    const to = query.to ?? this.clock.now().toISOString().slice(0, 10);
    const from = query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (span < 0) throw DomainError.invalid([{ field: 'to', problems: [`to (${to}) must be on or after from (${from})`] }]);
    if (span >= MAX_DAYS) throw DomainError.invalid([{ field: 'from', problems: [`a report may span at most ${MAX_DAYS} days`] }]);
    let partnerId = query.partnerId;
    // Naming a partner outside the caller's scope is answered like an unknown id.
    const scope = partnerScopeOf(principal);
    if (partnerId && !(await this.scopes.contains(partnerId, scope))) throw DomainError.notFound('Partner');
    if (scope.kind === 'partner') partnerId = scope.partnerId ?? undefined;
    // A channel manager's figures are those of its own partners only.
    const partnerIds = scope.kind === 'managed' && !partnerId ? ((await this.scopes.ids(scope)) ?? undefined) : undefined;
    return {
      ...wholePeriods(from, to, query.granularity),
      granularity: query.granularity,
      groupBy: query.groupBy,
      campaignId: query.campaignId,
      partnerId,
      partnerIds,
      leadTypeId: query.leadTypeId,
      country: query.country,
      source: query.source,
      medianForPartner: isPartnerRole(principal.role),
    };
  }

  private async outcomeSums(scope: ReportScope): Promise<Array<GroupedRow<OutcomeSums>>> {
    const currency = this.config.env.REPORTING_CURRENCY;
    const rows = await this.repository.outcomeSums(scope, currency);
    return rows.map((row) => ({ ...row, sums: toOutcomeSums(row.sums, currency) }));
  }

  /** Quality's sums without the reasons: the median leaves the by-reason lists out, so they are not read for it. */
  private async qualitySumsForMedian(
    scope: ReportScope,
    outcomeSums = (s: ReportScope) => this.outcomeSums(s),
  ): Promise<Array<GroupedRow<{ outcome: OutcomeSums; reasons: ReasonCount[] }>>> {
    return (await outcomeSums(scope)).map((row) => ({ period: row.period, groupId: row.groupId, sums: { outcome: row.sums, reasons: [] } }));
  }

  /** Every period × group with leads, with its reason counts (none when nothing was disqualified or recycled). */
  private async qualitySums(
    scope: ReportScope,
    outcomeSums: (scope: ReportScope) => Promise<Array<GroupedRow<OutcomeSums>>>,
  ): Promise<Array<GroupedRow<{ outcome: OutcomeSums; reasons: ReasonCount[] }>>> {
    const [outcomes, reasons] = await Promise.all([outcomeSums(scope), this.repository.reasonCounts(scope)]);
    const key = (row: GroupedRow<unknown>) => `${row.period}|${row.groupId ?? ''}`;
    const reasonsOf = new Map(reasons.map((row) => [key(row), row.sums]));
    return outcomes.map((row) => ({ period: row.period, groupId: row.groupId, sums: { outcome: row.sums, reasons: reasonsOf.get(key(row)) ?? [] } }));
  }
}
