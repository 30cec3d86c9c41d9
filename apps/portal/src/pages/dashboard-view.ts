// Turns ReportsService answers into dashboard view models. Pure: every number comes from the reports as
// given; totals over several periods only add up the reports' own counts and re-derive with their formulas.
import { outcomeFigures, OutcomeFigures, OutcomeSums, ReportDto, slaFigures, SlaFigures } from '@leadgate/reporting';
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

const OUTCOME_SUM_KEYS: Array<keyof OutcomeSums> = ['leads', 'accepted', 'contacted', 'qualified', 'opportunities', 'pipelineMinor', 'won', 'wonMinor', 'spendMinor'];

/** Outcome sums are plain counts and amounts, so the figures for a whole span are those of the summed counts. */
export function totalOutcomes(rows: OutcomeFigures[]): OutcomeFigures {
  const sums = Object.fromEntries(OUTCOME_SUM_KEYS.map((key) => [key, rows.reduce((acc, row) => acc + row[key], 0)])) as unknown as OutcomeSums;
  return outcomeFigures(sums);
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

/** "2026-03", or "2026-03 (so far)" for the period still running at `now`, so it does not read as a collapse. */
export function periodLabel(period: string, granularity: string, now: Date): string {
  const label = granularity === 'month' ? period.slice(0, 7) : period;
  const ends = DateTime.fromISO(period, { zone: 'UTC' }).plus({ [granularity === 'day' ? 'days' : granularity === 'week' ? 'weeks' : 'months']: 1 });
  return ends.toMillis() > now.getTime() ? `${label} (so far)` : label;
}

/** The headline figures of the admin dashboard, in the order of the five numbers. */
const HEADLINE: Array<[keyof OutcomeFigures, string, Format]> = [
  ['leads', 'Leads', 'count'],
  ['qualified', 'Qualified leads', 'count'],
  ['pipelineMinor', 'Pipeline generated', 'money'],
  ['won', 'Deals won', 'count'],
  ['wonMinor', 'Closed business', 'money'],
  ['wonPerLeadMinor', 'Revenue per lead', 'money'],
  ['costPerLeadMinor', 'Cost per lead', 'money'],
  ['roi', 'Return on spend', 'share'],
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

export interface AdminReports {
  trend: ReportDto<OutcomeFigures>;
  byCampaign: ReportDto<OutcomeFigures>;
  byPartner: ReportDto<OutcomeFigures>;
  sla: ReportDto<SlaFigures>;
  slaByPartner: ReportDto<SlaFigures>;
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

/** The API's definitions say amounts are in minor units; the pages show them as money. */
const shownAsMoney = (definition: string): string => definition.replace(', in minor units', '');

export function adminDashboardView(r: AdminReports, now: Date) {
  const f = new Formatter(r.trend.currency);
  const out = Object.fromEntries(Object.entries(r.trend.definitions).map(([key, text]) => [key, shownAsMoney(text)]));
  const totals = totalOutcomes(r.trend.rows);
  const labels = r.trend.rows.map((row) => periodLabel(row.period, r.trend.granularity, now));
  const headline: Figure[] = HEADLINE.map(([key, label, format]) => ({ label, value: f.format(totals[key], format), definition: out[key] }));
  const campaigns = [...groupTotals(r.byCampaign.rows, totalOutcomes).values()]
    .sort((a, b) => b.total.leads - a.total.leads || a.name.localeCompare(b.name))
    .map(({ name, total }) => ({
      name,
      leads: f.format(total.leads, 'count'), accepted: f.format(total.accepted, 'count'), qualified: f.format(total.qualified, 'count'),
      pipeline: f.format(total.pipelineMinor, 'money'), won: f.format(total.wonMinor, 'money'),
      costPerLead: f.format(total.costPerLeadMinor, 'money'), roi: f.format(total.roi, 'share'),
    }));
  const won = groupTotals(r.byPartner.rows, totalOutcomes);
  const attainment = groupTotals(r.slaByPartner.rows, totalAttainment);
  const leaderboard = [...new Set([...won.keys(), ...attainment.keys()])]
    .map((id) => ({ name: (won.get(id) ?? attainment.get(id))!.name, sla: attainment.get(id)?.total, won: won.get(id)?.total }))
    .sort((a, b) => (b.sla?.acceptWithinSla ?? -1) - (a.sla?.acceptWithinSla ?? -1) || (b.won?.wonMinor ?? 0) - (a.won?.wonMinor ?? 0))
    .map((p, i) => ({
      rank: i + 1, name: p.name,
      accept: f.format(p.sla?.acceptWithinSla, 'share'), contact: f.format(p.sla?.contactWithinSla, 'share'),
      feedback: f.format(p.sla?.feedbackWithinSla, 'share'), won: f.format(p.won?.wonMinor ?? 0, 'money'),
    }));
  return {
    currency: r.trend.currency,
    headline,
    trendSvg: barChart('Leads, qualified leads and deals won per period', labels, [
      { label: 'Leads', values: r.trend.rows.map((row) => row.leads) },
      { label: 'Qualified', values: r.trend.rows.map((row) => row.qualified) },
      { label: 'Won', values: r.trend.rows.map((row) => row.won) },
    ]),
    funnelSvg: funnelChart('Funnel from lead to won', FUNNEL.map(([key, label]) => ({ label, value: totals[key] as number }))),
    funnelDefinitions: FUNNEL.map(([key, label]) => ({ label, definition: out[key] })),
    campaigns,
    campaignDefinitions: [['Cost per lead', out.costPerLeadMinor], ['ROI', out.roi], ['Pipeline', out.pipelineMinor], ['Won', out.wonMinor]].map(([label, definition]) => ({ label, definition })),
    slaColumns: SLA_FIGURES.map(([, label]) => label),
    slaRows: r.sla.rows.map((row) => ({ period: periodLabel(row.period, r.sla.granularity, now), cells: SLA_FIGURES.map(([key, , format]) => f.format(row[key] as number | null, format)) })),
    slaDefinitions: SLA_FIGURES.map(([key, label]) => ({ label, definition: r.sla.definitions[key] })),
    leaderboard,
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
  ['opportunities', 'Opportunities', 'count'], ['pipelineMinor', 'Pipeline generated', 'money'], ['won', 'Deals won', 'count'],
  ['wonMinor', 'Closed business', 'money'], ['wonPerLeadMinor', 'Revenue per lead', 'money'],
];

/** Per period, the partner's own figures beside the anonymous program median; no other partner is named. */
export function partnerDashboardView(outcomes: ReportDto<OutcomeFigures>, sla: ReportDto<SlaFigures>, now: Date) {
  const f = new Formatter(outcomes.currency);
  const periods = [...new Set([...outcomes.rows, ...sla.rows, ...(outcomes.programMedian ?? []), ...(sla.programMedian ?? [])].map((row) => row.period))].sort();
  const lines = <F extends object>(report: ReportDto<F>, spec: Array<[keyof F, string, Format]>, period: string): Figure[] => {
    const own = report.rows.find((row) => row.period === period) as Record<string, unknown> | undefined;
    const median = report.programMedian?.find((row) => row.period === period) as Record<string, unknown> | undefined;
    return spec.map(([key, label, format]) => ({
      label,
      // No own row means no activity in that period: zero counts, and no times or shares to show.
      value: f.format(own ? (own[key as string] as number | null) : format === 'count' || format === 'money' ? 0 : null, format),
      // A withheld median says why, rather than looking like a period without activity.
      median: median && (median.withheld as string[]).includes(key as string) ? (median.note as string) : f.format(median?.[key as string] as number | null, format),
      definition: shownAsMoney(report.definitions[key as string]),
    }));
  };
  // Per period, the partner's figure and the program median side by side. A period without a row has
  // no activity: 0 for a count, no bar for a share (nothing was due).
  const compare = <F extends object>(report: ReportDto<F>, key: keyof F, kind: 'count' | 'share') => {
    const oneDecimal = (n: number) => Math.round(n * 10) / 10;
    const at = (rows: Array<Record<string, unknown>> | undefined, period: string): number | null => {
      // No row: no activity (0 for a count). A null in a row (a withheld median) draws no bar.
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
  const labels = periods.map((period) => periodLabel(period, outcomes.granularity, now));
  return {
    currency: outcomes.currency,
    leadsSvg: barChart('Leads per period: you and the program median', labels, compare(outcomes, 'leads', 'count')),
    acceptedSvg: barChart('Offers accepted within SLA, %: you and the program median', labels, compare(sla, 'acceptWithinSla', 'share')),
    periods: periods.map((period) => ({
      label: periodLabel(period, outcomes.granularity, now),
      figures: [...lines(outcomes, PARTNER_OUTCOMES, period), ...lines(sla, SLA_FIGURES, period)],
    })),
  };
}
