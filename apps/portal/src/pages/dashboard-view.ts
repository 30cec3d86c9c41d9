// Turns ReportsService answers into dashboard view models. Pure: every number comes from the reports as
// given; totals over several periods only add up the reports' own counts and re-derive with their formulas.
// Amounts stay in their own currency: the report currency's figures, and every other currency listed apart.
import {
  CurrencyAmounts,
  FilterChoices,
  outcomeFigures,
  OutcomeFigures,
  OutcomeSums,
  qualityFigures,
  QualityFigures,
  ReasonShare,
  ReportDto,
  slaFigures,
  SlaFigures,
} from '@leadgate/reporting';
import { DateTime } from 'luxon';
import { formatMoney } from '@leadgate/common';
import { barChart, funnelChart } from './svg-chart';

type Row<F extends object> = ReportDto<F>['rows'][number];
type Format = 'count' | 'money' | 'share' | 'minutes';

export interface Figure {
  label: string;
  value: string;
  definition: string;
}

const OUTCOME_COUNT_KEYS = ['leads', 'accepted', 'contacted', 'qualified', 'disqualified', 'recycled', 'opportunities', 'pipelineMinor', 'won', 'wonMinor', 'spendMinor'] as const;

/** Adds amounts per currency; two currencies are never added together. */
function addCurrencies(lists: CurrencyAmounts[][]): CurrencyAmounts[] {
  const byCurrency = new Map<string, CurrencyAmounts>();
  for (const amount of lists.flat()) {
    const sum = byCurrency.get(amount.currency) ?? { currency: amount.currency, pipelineMinor: 0, wonMinor: 0, spendMinor: 0 };
    byCurrency.set(amount.currency, { currency: amount.currency, pipelineMinor: sum.pipelineMinor + amount.pipelineMinor, wonMinor: sum.wonMinor + amount.wonMinor, spendMinor: sum.spendMinor + amount.spendMinor });
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Outcome sums are plain counts and amounts, so the figures for a whole span are those of the summed counts. */
export function totalOutcomes(rows: OutcomeFigures[]): OutcomeFigures {
  const sums = Object.fromEntries(OUTCOME_COUNT_KEYS.map((key) => [key, rows.reduce((acc, row) => acc + row[key], 0)])) as Omit<OutcomeSums, 'otherCurrencies'>;
  return outcomeFigures({ ...sums, otherCurrencies: addCurrencies(rows.map((row) => row.otherCurrencies)) });
}

/** Lead quality over a whole span: counts and reasons added up, shares re-derived. */
export function totalQuality(rows: QualityFigures[]): QualityFigures {
  const add = (key: 'leads' | 'qualified' | 'disqualified' | 'recycled' | 'spendMinor' | 'wonMinor') => rows.reduce((acc, row) => acc + row[key], 0);
  const reasons = (outcome: 'disqualified' | 'recycled') => {
    const counts = new Map<string, number>();
    for (const reason of rows.flatMap((row) => row[`${outcome}ByReason`])) counts.set(reason.code, (counts.get(reason.code) ?? 0) + reason.leads);
    return [...counts].map(([code, leads]) => ({ outcome, code, leads })).sort((a, b) => b.leads - a.leads || a.code.localeCompare(b.code));
  };
  return qualityFigures({
    outcome: {
      leads: add('leads'), accepted: 0, contacted: 0, qualified: add('qualified'), disqualified: add('disqualified'), recycled: add('recycled'),
      opportunities: 0, pipelineMinor: 0, won: 0, wonMinor: add('wonMinor'), spendMinor: add('spendMinor'),
      otherCurrencies: addCurrencies(rows.map((row) => row.otherCurrencies)),
    },
    reasons: [...reasons('disqualified'), ...reasons('recycled')],
  });
}

/** The shares within SLA over a whole span; medians do not add up across periods, so they are left out. */
export function totalAttainment(rows: SlaFigures[]): SlaFigures {
  const add = (key: keyof SlaFigures) => rows.reduce((acc, row) => acc + ((row[key] as number | null) ?? 0), 0);
  return slaFigures({
    firstOffers: add('firstOffers'),
    handoffMedianMinutes: null, handoffP90Minutes: null, acceptMedianMinutes: null, acceptP90Minutes: null,
    contactMedianMinutes: null, contactP90Minutes: null, feedbackMedianMinutes: null, feedbackP90Minutes: null,
    acceptClocks: add('acceptClocks'), acceptMet: add('acceptMet'),
    contactClocks: add('contactClocks'), contactMet: add('contactMet'),
    feedbackClocks: add('feedbackClocks'), feedbackMet: add('feedbackMet'),
  });
}

export class Formatter {
  constructor(readonly currency: string) {}

  format(value: number | null | undefined, format: Format): string {
    if (value === null || value === undefined) return '—';
    switch (format) {
      case 'money': return formatMoney(value, this.currency);
      case 'share': return `${Math.round(value * 100)} %`;
      case 'minutes': return value < 120 ? `${value} min` : `${Math.round((value / 60) * 10) / 10} h`;
      default: return value.toLocaleString('en-GB');
    }
  }
}

/** "won $39,000.00, pipeline $42,000.50": amounts in other currencies, each in its own, for a line beside the figures. */
export function otherCurrencies(amounts: CurrencyAmounts[]): string | null {
  const parts = amounts.flatMap((a) => [
    ...(a.pipelineMinor ? [`pipeline ${formatMoney(a.pipelineMinor, a.currency)}`] : []),
    ...(a.wonMinor ? [`won ${formatMoney(a.wonMinor, a.currency)}`] : []),
    ...(a.spendMinor ? [`spend ${formatMoney(a.spendMinor, a.currency)}`] : []),
  ]);
  return parts.length > 0 ? parts.join(', ') : null;
}

const periodEnd = (period: string, granularity: string) =>
  DateTime.fromISO(period, { zone: 'UTC' }).plus({ [granularity === 'day' ? 'days' : granularity === 'week' ? 'weeks' : 'months']: 1 });

/** Whether the period is still running at `now`: its figures are not final. */
export const isRunning = (period: string, granularity: string, now: Date): boolean => periodEnd(period, granularity).toMillis() > now.getTime();

/** "2026-03", or "2026-03 (so far)" for the period still running at `now`, so it does not read as a collapse. */
export function periodLabel(period: string, granularity: string, now: Date): string {
  const label = granularity === 'month' ? period.slice(0, 7) : period;
  return isRunning(period, granularity, now) ? `${label} (so far)` : label;
}

/** A short axis label: "Mar 2026" for a month, "2 Mar" for a week (its Monday) or a day. */
export function chartLabel(period: string, granularity: string): string {
  const day = DateTime.fromISO(period, { zone: 'UTC' }).setLocale('en-GB');
  return granularity === 'month' ? day.toFormat('LLL yyyy') : day.toFormat('d LLL');
}

/** The labels and running marks of a chart over the given periods. */
const chartAxis = (periods: string[], granularity: string, now: Date) => ({
  labels: periods.map((period) => chartLabel(period, granularity)),
  incomplete: periods.map((period) => isRunning(period, granularity, now)),
});

/** The API's definitions say amounts are in minor units; the pages show them as money. */
const shownAsMoney = (definition: string): string => definition.replace(/, in minor units[^.]*/, '');

/** The headline figures of the vendor dashboard, in the order of the five numbers. */
const HEADLINE: Array<[keyof OutcomeFigures, string, Format]> = [
  ['leads', 'Leads', 'count'],
  ['qualified', 'Qualified leads', 'count'],
  ['recycled', 'Back to marketing (not sales-ready)', 'count'],
  ['pipelineMinor', 'Pipeline generated', 'money'],
  ['won', 'Deals won', 'count'],
  ['wonMinor', 'Closed business', 'money'],
  ['wonPerLeadMinor', 'Revenue per lead', 'money'],
  ['costPerLeadMinor', 'Cost per lead', 'money'],
  ['roi', 'Return on spend', 'share'],
];

const PERIOD_FIGURES: Array<[keyof OutcomeFigures, string, Format]> = [
  ['leads', 'Leads', 'count'], ['accepted', 'Accepted', 'count'], ['qualified', 'Qualified', 'count'], ['recycled', 'Not sales-ready', 'count'],
  ['disqualified', 'Disqualified', 'count'], ['opportunities', 'Opportunities', 'count'], ['pipelineMinor', 'Pipeline', 'money'],
  ['won', 'Won', 'count'], ['wonMinor', 'Closed business', 'money'],
];

const SLA_FIGURES: Array<[keyof SlaFigures, string, Format]> = [
  ['handoffMedianMinutes', 'Hand-off, median', 'minutes'],
  ['handoffP90Minutes', 'Hand-off, 90th pct', 'minutes'],
  ['acceptMedianMinutes', 'Accept, median', 'minutes'],
  ['acceptP90Minutes', 'Accept, 90th pct', 'minutes'],
  ['contactMedianMinutes', 'First contact, median', 'minutes'],
  ['contactP90Minutes', 'First contact, 90th pct', 'minutes'],
  ['feedbackMedianMinutes', 'Feedback, median', 'minutes'],
  ['feedbackP90Minutes', 'Feedback, 90th pct', 'minutes'],
  ['acceptWithinSla', 'Accepted within SLA', 'share'],
  ['contactWithinSla', 'Contacted within SLA', 'share'],
  ['feedbackWithinSla', 'Feedback within SLA', 'share'],
];

const FUNNEL: Array<[keyof OutcomeFigures, string]> = [
  ['leads', 'Leads'], ['accepted', 'Accepted'], ['contacted', 'Contacted'], ['qualified', 'Qualified'], ['opportunities', 'Opportunity'], ['won', 'Won'],
];

/** Marketing leads and partner-registered deals side by side: outcomes, SLA attainment and lead quality. */
export interface SourceReports {
  bySource: ReportDto<OutcomeFigures>;
  slaBySource: ReportDto<SlaFigures>;
  qualityBySource: ReportDto<QualityFigures>;
}

export interface VendorReports extends SourceReports {
  trend: ReportDto<OutcomeFigures>;
  byCampaign: ReportDto<OutcomeFigures>;
  byPartner: ReportDto<OutcomeFigures>;
  sla: ReportDto<SlaFigures>;
  slaByPartner: ReportDto<SlaFigures>;
  qualityByCampaign: ReportDto<QualityFigures>;
  qualityByLeadType: ReportDto<QualityFigures>;
}

function groupTotals<F extends object, T>(rows: Array<Row<F>>, total: (rows: F[]) => T): Map<string, { name: string; total: T }> {
  const groups = new Map<string, { name: string; rows: F[] }>();
  for (const row of rows) {
    if (row.groupId === null) continue; // leads no campaign or partner holds
    const group = groups.get(row.groupId) ?? { name: row.groupName ?? row.groupId, rows: [] };
    group.rows.push(row);
    groups.set(row.groupId, group);
  }
  return new Map([...groups].map(([id, g]) => [id, { name: g.name, total: total(g.rows) }]));
}

/** "no budget 12 %, duplicate 5 %": the reasons of one outcome, most frequent first. */
const reasonList = (reasons: ReasonShare[], f: Formatter): string =>
  reasons.length === 0 ? '' : reasons.map((r) => `${r.code.replace(/_/g, ' ')} ${f.format(r.share, 'share')}`).join(', ');

function qualityRows(report: ReportDto<QualityFigures>, f: Formatter) {
  return [...groupTotals(report.rows, totalQuality).values()]
    .sort((a, b) => b.total.leads - a.total.leads || a.name.localeCompare(b.name))
    .map(({ name, total }) => ({
      name,
      leads: f.format(total.leads, 'count'),
      qualified: f.format(total.qualifiedShare, 'share'),
      disqualified: f.format(total.disqualifiedShare, 'share'),
      disqualifiedReasons: reasonList(total.disqualifiedByReason, f),
      recycled: f.format(total.recycledShare, 'share'),
      recycledReasons: reasonList(total.recycledByReason, f),
      costPerQualified: f.format(total.costPerQualifiedLeadMinor, 'money'),
      wonPerLead: f.format(total.wonPerLeadMinor, 'money'),
      wonPerSpend: total.wonPerSpend === null ? '—' : `${total.wonPerSpend.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ×`,
      other: otherCurrencies(total.otherCurrencies),
    }));
}

/**
 * The source split both dashboards show (a partner's holds only its own leads): per source, the outcomes and the
 * lead quality over the whole span, and the SLA figures per period. A registered deal has no offer, so no hand-off
 * or accept figure: those cells read "—" for it, never 100 %.
 */
export function sourcesView(r: SourceReports, now: Date) {
  const f = new Formatter(r.bySource.currency);
  return {
    outcomes: [...groupTotals(r.bySource.rows, totalOutcomes).values()].map(({ name, total }) => ({
      name,
      leads: f.format(total.leads, 'count'), accepted: f.format(total.accepted, 'count'), qualified: f.format(total.qualified, 'count'),
      pipeline: f.format(total.pipelineMinor, 'money'), won: f.format(total.wonMinor, 'money'), other: otherCurrencies(total.otherCurrencies),
    })),
    slaColumns: SLA_FIGURES.map(([, label]) => label),
    slaRows: r.slaBySource.rows.map((row) => ({
      period: periodLabel(row.period, r.slaBySource.granularity, now),
      source: row.groupName ?? row.groupId,
      cells: SLA_FIGURES.map(([key, label, format]) => ({ label, value: f.format(row[key] as number | null, format) })),
    })),
    quality: qualityRows(r.qualityBySource, f),
  };
}

/** The standings that keep a partner out of the ranking: shown apart, so a suspended partner never reads as 5th best. */
const UNRANKED_STANDINGS = new Set(['warning', 'suspended']);

export function vendorDashboardView(r: VendorReports, choices: FilterChoices, now: Date) {
  const f = new Formatter(r.trend.currency);
  const out = Object.fromEntries(Object.entries(r.trend.definitions).map(([key, text]) => [key, shownAsMoney(text)]));
  const quality = Object.fromEntries(Object.entries(r.qualityByCampaign.definitions).map(([key, text]) => [key, shownAsMoney(text)]));
  const totals = totalOutcomes(r.trend.rows);
  const axis = chartAxis(r.trend.rows.map((row) => row.period), r.trend.granularity, now);
  const headline: Figure[] = HEADLINE.map(([key, label, format]) => ({ label, value: f.format(totals[key] as number | null, format), definition: out[key] }));
  const campaigns = [...groupTotals(r.byCampaign.rows, totalOutcomes).values()]
    .sort((a, b) => b.total.leads - a.total.leads || a.name.localeCompare(b.name))
    .map(({ name, total }) => ({
      name,
      leads: f.format(total.leads, 'count'), accepted: f.format(total.accepted, 'count'), qualified: f.format(total.qualified, 'count'),
      pipeline: f.format(total.pipelineMinor, 'money'), won: f.format(total.wonMinor, 'money'),
      costPerLead: f.format(total.costPerLeadMinor, 'money'), roi: f.format(total.roi, 'share'), other: otherCurrencies(total.otherCurrencies),
    }));
  const standing = new Map(choices.partners.map((p) => [p.id, p.standing]));
  const won = groupTotals(r.byPartner.rows, totalOutcomes);
  const attainment = groupTotals(r.slaByPartner.rows, totalAttainment);
  const partnerLine = (id: string, name: string) => {
    const sla = attainment.get(id)?.total;
    const outcome = won.get(id)?.total;
    return {
      name,
      standing: standing.get(id) ?? 'good',
      accept: f.format(sla?.acceptWithinSla, 'share'), contact: f.format(sla?.contactWithinSla, 'share'),
      feedback: f.format(sla?.feedbackWithinSla, 'share'), won: f.format(outcome?.wonMinor ?? 0, 'money'),
      other: outcome ? otherCurrencies(outcome.otherCurrencies) : null,
      sortAccept: sla?.acceptWithinSla ?? -1, sortWon: outcome?.wonMinor ?? 0,
    };
  };
  const active = [...new Set([...won.keys(), ...attainment.keys()])].map((id) => partnerLine(id, (won.get(id) ?? attainment.get(id))!.name));
  const leaderboard = active
    .filter((p) => !UNRANKED_STANDINGS.has(p.standing))
    .sort((a, b) => b.sortAccept - a.sortAccept || b.sortWon - a.sortWon || a.name.localeCompare(b.name))
    .map((p, i) => ({ ...p, rank: i + 1 }));
  // Every partner on warning or suspended, with or without activity in the period.
  const unranked = choices.partners
    .filter((p) => UNRANKED_STANDINGS.has(p.standing))
    .map((p) => partnerLine(p.id, p.name))
    .sort((a, b) => (a.standing === b.standing ? a.name.localeCompare(b.name) : a.standing === 'suspended' ? -1 : 1));
  return {
    currency: r.trend.currency,
    headline,
    otherCurrencies: otherCurrencies(totals.otherCurrencies),
    trendSvg: barChart('Leads, qualified leads and deals won per period', axis.labels, [
      { label: 'Leads', values: r.trend.rows.map((row) => row.leads) },
      { label: 'Qualified', values: r.trend.rows.map((row) => row.qualified) },
      { label: 'Won', values: r.trend.rows.map((row) => row.won) },
    ], { incomplete: axis.incomplete }),
    funnelSvg: funnelChart('Funnel from lead to won', FUNNEL.map(([key, label]) => ({ label, value: totals[key] as number }))),
    periodColumns: PERIOD_FIGURES.map(([, label]) => label),
    periodRows: r.trend.rows.map((row) => ({
      period: periodLabel(row.period, r.trend.granularity, now),
      cells: PERIOD_FIGURES.map(([key, label, format]) => ({ label, value: f.format(row[key] as number, format) })),
      other: otherCurrencies(row.otherCurrencies),
    })),
    periodDefinitions: PERIOD_FIGURES.map(([key, label]) => ({ label, definition: out[key] })),
    campaigns,
    sources: sourcesView(r, now),
    campaignDefinitions: [['Cost per lead', out.costPerLeadMinor], ['ROI', out.roi]].map(([label, definition]) => ({ label, definition })),
    qualityByCampaign: qualityRows(r.qualityByCampaign, f),
    qualityByLeadType: qualityRows(r.qualityByLeadType, f),
    qualityDefinitions: [
      ['Qualified', quality.qualifiedShare], ['Disqualified', quality.disqualifiedShare], ['Not sales-ready', quality.recycledShare],
      ['Cost per qualified lead', quality.costPerQualifiedLeadMinor], ['Revenue per lead', quality.wonPerLeadMinor], ['Revenue per spend', quality.wonPerSpend],
    ].map(([label, definition]) => ({ label, definition })),
    slaColumns: SLA_FIGURES.map(([, label]) => label),
    slaRows: r.sla.rows.map((row) => ({
      period: periodLabel(row.period, r.sla.granularity, now),
      cells: SLA_FIGURES.map(([key, label, format]) => ({ label, value: f.format(row[key] as number | null, format) })),
    })),
    slaDefinitions: SLA_FIGURES.map(([key, label]) => ({ label, definition: r.sla.definitions[key] })),
    leaderboard,
    unranked,
    leaderboardDefinitions: [
      { label: 'Accepted within SLA', definition: r.sla.definitions.acceptWithinSla },
      { label: 'Contacted within SLA', definition: r.sla.definitions.contactWithinSla },
      { label: 'Feedback within SLA', definition: r.sla.definitions.feedbackWithinSla },
      { label: 'Won', definition: out.wonMinor },
    ],
  };
}

const PARTNER_OUTCOMES: Array<[keyof OutcomeFigures, string, Format]> = [
  ['leads', 'Leads', 'count'], ['accepted', 'Accepted', 'count'], ['contacted', 'Contacted', 'count'], ['qualified', 'Qualified', 'count'],
  ['recycled', 'Back to marketing', 'count'], ['opportunities', 'Opportunities', 'count'], ['pipelineMinor', 'Pipeline generated', 'money'],
  ['won', 'Deals won', 'count'], ['wonMinor', 'Closed business', 'money'], ['wonPerLeadMinor', 'Revenue per lead', 'money'],
];

/**
 * One table: a row per figure, a column per period; each cell the partner's own figure with the anonymous
 * program median under it. Each definition is stated once, below the table. No other partner is named.
 */
export function partnerDashboardView(outcomes: ReportDto<OutcomeFigures>, sla: ReportDto<SlaFigures>, now: Date) {
  const f = new Formatter(outcomes.currency);
  const periods = [...new Set([...outcomes.rows, ...sla.rows, ...(outcomes.programMedian ?? []), ...(sla.programMedian ?? [])].map((row) => row.period))].sort();
  const columns = periods.map((period) => periodLabel(period, outcomes.granularity, now));
  const figureRows = <F extends object>(report: ReportDto<F>, spec: Array<[keyof F, string, Format]>) =>
    spec.map(([key, label, format]) => ({
      label,
      cells: periods.map((period, i) => {
        const own = report.rows.find((row) => row.period === period) as Record<string, unknown> | undefined;
        const median = report.programMedian?.find((row) => row.period === period) as Record<string, unknown> | undefined;
        // No own row means no activity in that period: zero counts, and no times or shares to show.
        const value = own ? (own[key as string] as number | null) : format === 'count' || format === 'money' ? 0 : null;
        // A withheld median reads "withheld", rather than looking like a period without activity.
        const withheld = median && (median.withheld as string[]).includes(key as string);
        return { period: columns[i], value: f.format(value, format), median: withheld ? 'withheld' : f.format(median?.[key as string] as number | null, format) };
      }),
    }));
  const definitions = <F extends object>(report: ReportDto<F>, spec: Array<[keyof F, string, Format]>) =>
    spec.map(([key, label]) => ({ label, definition: shownAsMoney(report.definitions[key as string]) }));
  // Per period, the partner's figure and the program median side by side. A period without a row has
  // no activity: 0 for a count, no bar for a share (nothing was due).
  const compare = <F extends object>(report: ReportDto<F>, key: keyof F, kind: 'count' | 'share') => {
    const oneDecimal = (n: number) => Math.round(n * 10) / 10;
    const at = (rows: Array<Record<string, unknown>> | undefined, period: string): number | null => {
      const row = rows?.find((r) => r.period === period);
      const value = row ? row[key as string] : kind === 'count' ? 0 : null;
      if (value === null || value === undefined) return null;
      return oneDecimal(kind === 'share' ? Number(value) * 100 : Number(value)); // a share is drawn in per cent
    };
    return [
      { label: 'You', values: periods.map((period) => at(report.rows as Array<Record<string, unknown>>, period)) },
      { label: 'Program median', values: periods.map((period) => at(report.programMedian as Array<Record<string, unknown>> | undefined, period)) },
    ];
  };
  const axis = chartAxis(periods, outcomes.granularity, now);
  const other = otherCurrencies(addCurrencies(outcomes.rows.map((row) => row.otherCurrencies)));
  return {
    currency: outcomes.currency,
    otherCurrencies: other,
    leadsSvg: barChart('Leads per period: you and the program median', axis.labels, compare(outcomes, 'leads', 'count'), { incomplete: axis.incomplete }),
    acceptedSvg: barChart('Offers accepted within SLA, %: you and the program median', axis.labels, compare(sla, 'acceptWithinSla', 'share'), { incomplete: axis.incomplete, unit: '%' }),
    columns,
    rows: [...figureRows(outcomes, PARTNER_OUTCOMES), ...figureRows(sla, SLA_FIGURES)],
    definitions: [...definitions(outcomes, PARTNER_OUTCOMES), ...definitions(sla, SLA_FIGURES)],
  };
}
