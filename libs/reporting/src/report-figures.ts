// The report figures: their plain-English definitions and how each is derived from summed counts. Pure.

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Reports cover whole periods: `from` moves back to the first day of its week (Monday) or month, and
 * `to` forward to the last, so no period is cut short and every period's figures can be kept ready.
 * Days are 'yyyy-mm-dd' UTC calendar days.
 */
export function wholePeriods(from: string, to: string, granularity: Granularity): { from: string; to: string } {
  const day = (value: string) => new Date(`${value}T00:00:00Z`);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const start = day(from);
  const end = day(to);
  if (granularity === 'week') {
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    end.setUTCDate(end.getUTCDate() + ((7 - end.getUTCDay()) % 7));
  } else if (granularity === 'month') {
    start.setUTCDate(1);
    end.setUTCMonth(end.getUTCMonth() + 1, 0);
  }
  return { from: iso(start), to: iso(end) };
}

/** territory = the lead's country; source = marketing lead or partner-registered deal. */
export const GROUP_BYS = ['none', 'campaign', 'partner', 'leadType', 'country', 'source'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** How a report names each lead source (leads.source) in its groupName and on the dashboard. */
export const SOURCE_NAMES: Readonly<Record<string, string>> = { marketing: 'Marketing lead', registered_deal: 'Registered deal' };

/** Amounts in one currency other than the report's: listed apart, never converted or added. */
export interface CurrencyAmounts {
  currency: string;
  pipelineMinor: number;
  wonMinor: number;
  spendMinor: number;
}

/**
 * What the rollup sums for one period × group. Amounts (…Minor) are those in the report's currency
 * (REPORTING_CURRENCY) only; amounts in any other currency are in otherCurrencies, per currency.
 */
export interface OutcomeSums {
  leads: number;
  accepted: number;
  contacted: number;
  qualified: number;
  disqualified: number;
  recycled: number;
  opportunities: number;
  pipelineMinor: number;
  won: number;
  wonMinor: number;
  spendMinor: number;
  otherCurrencies: CurrencyAmounts[];
}

export interface OutcomeFigures extends OutcomeSums {
  costPerLeadMinor: number | null;
  costPerQualifiedLeadMinor: number | null;
  roi: number | null;
  wonPerLeadMinor: number | null;
  wonPerSpend: number | null;
}

const IN_CURRENCY = 'in minor units of the report currency (amounts in other currencies are in otherCurrencies, never added)';

export const OUTCOME_DEFINITIONS: Record<keyof OutcomeFigures, string> = {
  leads: 'Leads that arrived in the period (counted on the day they arrived, UTC).',
  accepted: 'Of those leads, how many a partner accepted.',
  contacted: 'Of those leads, how many a partner logged a first contact with the buyer for.',
  qualified: 'Of those leads, how many a partner rated qualified or better (now qualified, opportunity, won or lost).',
  disqualified: 'Of those leads, how many a partner disqualified (with a reason).',
  recycled: 'Of those leads, how many a partner returned to marketing as not sales-ready (recycled, with a reason).',
  opportunities: 'Of those leads, how many became a sales opportunity with an amount.',
  pipelineMinor: `Pipeline generated: the sum of the opportunity amounts of those leads, ${IN_CURRENCY}.`,
  won: 'Closed business: how many of those leads were won.',
  wonMinor: `Closed business: the sum of the won amounts of those leads, ${IN_CURRENCY}.`,
  spendMinor: `Campaign spend behind those leads: each campaign’s cost spread evenly over all of its leads, ${IN_CURRENCY}.`,
  otherCurrencies: 'Pipeline, won amount and spend in each other currency, in minor units of that currency; never converted.',
  costPerLeadMinor: 'Campaign spend divided by leads, in minor units.',
  costPerQualifiedLeadMinor: 'Campaign spend divided by qualified leads, in minor units.',
  roi: 'Return on campaign spend: (won amount − spend) ÷ spend; 1.5 means 150 % return.',
  wonPerLeadMinor: 'Revenue conversion: won amount divided by leads, in minor units.',
  wonPerSpend: 'Revenue conversion: won amount per unit of campaign spend.',
};

/** A reason code's count, and its share of the leads that arrived in the period. */
export interface ReasonShare {
  code: string;
  leads: number;
  share: number | null;
}

/** Lead quality for marketing: what partners made of the leads, beside what they cost and brought. */
export interface QualityFigures {
  leads: number;
  qualified: number;
  qualifiedShare: number | null;
  disqualified: number;
  disqualifiedShare: number | null;
  disqualifiedByReason: ReasonShare[];
  recycled: number;
  recycledShare: number | null;
  recycledByReason: ReasonShare[];
  spendMinor: number;
  costPerQualifiedLeadMinor: number | null;
  wonMinor: number;
  wonPerLeadMinor: number | null;
  wonPerSpend: number | null;
  otherCurrencies: CurrencyAmounts[];
}

export const QUALITY_DEFINITIONS: Record<keyof QualityFigures, string> = {
  leads: OUTCOME_DEFINITIONS.leads,
  qualified: OUTCOME_DEFINITIONS.qualified,
  qualifiedShare: 'Qualified leads as a share of the leads (0..1).',
  disqualified: OUTCOME_DEFINITIONS.disqualified,
  disqualifiedShare: 'Disqualified leads as a share of the leads (0..1).',
  disqualifiedByReason: 'Per reason code: disqualified leads and their share of the leads.',
  recycled: OUTCOME_DEFINITIONS.recycled,
  recycledShare: 'Leads returned to marketing as not sales-ready, as a share of the leads (0..1); not counted as disqualified.',
  recycledByReason: 'Per reason code: recycled leads and their share of the leads.',
  spendMinor: OUTCOME_DEFINITIONS.spendMinor,
  costPerQualifiedLeadMinor: OUTCOME_DEFINITIONS.costPerQualifiedLeadMinor,
  wonMinor: OUTCOME_DEFINITIONS.wonMinor,
  wonPerLeadMinor: OUTCOME_DEFINITIONS.wonPerLeadMinor,
  wonPerSpend: OUTCOME_DEFINITIONS.wonPerSpend,
  otherCurrencies: OUTCOME_DEFINITIONS.otherCurrencies,
};

/** Figures that are lists rather than numbers: shown as they are, never part of a median. */
export const LIST_FIGURES: ReadonlySet<string> = new Set(['otherCurrencies', 'disqualifiedByReason', 'recycledByReason']);

/** Per clock kind: how many came due or were met, how many were met in time, and the time taken. */
export interface SlaSums {
  firstOffers: number;
  handoffMedianMinutes: number | null;
  handoffP90Minutes: number | null;
  acceptMedianMinutes: number | null;
  acceptP90Minutes: number | null;
  contactMedianMinutes: number | null;
  contactP90Minutes: number | null;
  feedbackMedianMinutes: number | null;
  feedbackP90Minutes: number | null;
  acceptClocks: number;
  acceptMet: number;
  contactClocks: number;
  contactMet: number;
  feedbackClocks: number;
  feedbackMet: number;
}

export interface SlaFigures extends SlaSums {
  acceptWithinSla: number | null;
  contactWithinSla: number | null;
  feedbackWithinSla: number | null;
}

export const SLA_DEFINITIONS: Record<keyof SlaFigures, string> = {
  firstOffers: 'Leads that arrived in the period and were offered to a partner.',
  handoffMedianMinutes: 'Hand-off time, median: minutes from a lead’s arrival to its first offer to a partner.',
  handoffP90Minutes: 'Hand-off time, 90th percentile: 9 in 10 leads were offered within this many minutes.',
  acceptMedianMinutes: 'Time to accept, median: minutes from an offer to the partner accepting it.',
  acceptP90Minutes: 'Time to accept, 90th percentile.',
  contactMedianMinutes: 'Time to first contact, median: minutes from an offer to the partner’s first logged contact with the buyer.',
  contactP90Minutes: 'Time to first contact, 90th percentile.',
  feedbackMedianMinutes: 'Time to feedback, median: minutes from an offer to the partner’s first verdict (qualified, disqualified, ...).',
  feedbackP90Minutes: 'Time to feedback, 90th percentile.',
  acceptClocks: 'Offers whose accept deadline passed or that were answered (accepted or declined). Registered deals have no accept clock.',
  acceptMet: 'Of those, answered on or before the deadline.',
  contactClocks: 'Accepted offers and approved registered deals whose first-contact deadline passed or that were contacted.',
  contactMet: 'Of those, contacted on or before the deadline.',
  feedbackClocks: 'Accepted offers and approved registered deals whose feedback deadline passed or that got feedback.',
  feedbackMet: 'Of those, given feedback on or before the deadline.',
  acceptWithinSla: 'Share of offers answered within the accept SLA (0..1); null where there were none (registered deals have no accept clock).',
  contactWithinSla: 'Share of accepted offers contacted within the first-contact SLA (0..1).',
  feedbackWithinSla: 'Share of accepted offers given feedback within the feedback SLA (0..1).',
};

const ratio = (numerator: number, denominator: number, digits = 4): number | null =>
  denominator > 0 ? round(numerator / denominator, digits) : null;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The quality figures of one period × group, from its outcome sums and its reason counts. */
export function qualityFigures(s: { outcome: OutcomeSums; reasons: Array<{ outcome: 'disqualified' | 'recycled'; code: string; leads: number }> }): QualityFigures {
  const o = outcomeFigures(s.outcome);
  const byReason = (outcome: 'disqualified' | 'recycled'): ReasonShare[] =>
    s.reasons.filter((r) => r.outcome === outcome).map((r) => ({ code: r.code, leads: r.leads, share: ratio(r.leads, o.leads) }));
  return {
    leads: o.leads,
    qualified: o.qualified,
    qualifiedShare: ratio(o.qualified, o.leads),
    disqualified: o.disqualified,
    disqualifiedShare: ratio(o.disqualified, o.leads),
    disqualifiedByReason: byReason('disqualified'),
    recycled: o.recycled,
    recycledShare: ratio(o.recycled, o.leads),
    recycledByReason: byReason('recycled'),
    spendMinor: o.spendMinor,
    costPerQualifiedLeadMinor: o.costPerQualifiedLeadMinor,
    wonMinor: o.wonMinor,
    wonPerLeadMinor: o.wonPerLeadMinor,
    wonPerSpend: o.wonPerSpend,
    otherCurrencies: o.otherCurrencies,
  };
}

// The figure builders list every field rather than spread the sums: a report by partner derives thousands of rows,
// and an object spread plus added fields costs V8 a slow path per row (~20 ms per 7,200 rows, measured).
export function outcomeFigures(s: OutcomeSums): OutcomeFigures {
  return {
    leads: s.leads,
    accepted: s.accepted,
    contacted: s.contacted,
    qualified: s.qualified,
    disqualified: s.disqualified,
    recycled: s.recycled,
    opportunities: s.opportunities,
    pipelineMinor: s.pipelineMinor,
    won: s.won,
    wonMinor: s.wonMinor,
    spendMinor: s.spendMinor,
    otherCurrencies: s.otherCurrencies,
    costPerLeadMinor: ratio(s.spendMinor, s.leads, 0),
    costPerQualifiedLeadMinor: ratio(s.spendMinor, s.qualified, 0),
    roi: ratio(s.wonMinor - s.spendMinor, s.spendMinor),
    wonPerLeadMinor: ratio(s.wonMinor, s.leads, 0),
    wonPerSpend: ratio(s.wonMinor, s.spendMinor),
  };
}

export function slaFigures(s: SlaSums): SlaFigures {
  return {
    firstOffers: s.firstOffers,
    handoffMedianMinutes: s.handoffMedianMinutes,
    handoffP90Minutes: s.handoffP90Minutes,
    acceptMedianMinutes: s.acceptMedianMinutes,
    acceptP90Minutes: s.acceptP90Minutes,
    contactMedianMinutes: s.contactMedianMinutes,
    contactP90Minutes: s.contactP90Minutes,
    feedbackMedianMinutes: s.feedbackMedianMinutes,
    feedbackP90Minutes: s.feedbackP90Minutes,
    acceptClocks: s.acceptClocks,
    acceptMet: s.acceptMet,
    contactClocks: s.contactClocks,
    contactMet: s.contactMet,
    feedbackClocks: s.feedbackClocks,
    feedbackMet: s.feedbackMet,
    acceptWithinSla: ratio(s.acceptMet, s.acceptClocks),
    contactWithinSla: ratio(s.contactMet, s.contactClocks),
    feedbackWithinSla: ratio(s.feedbackMet, s.feedbackClocks),
  };
}

/** The median of the values that exist (null when none do); the mean of the middle two for an even count. */
export function median(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const mid = Math.floor(present.length / 2);
  return present.length % 2 === 1 ? present[mid] : round((present[mid - 1] + present[mid]) / 2, 4);
}

/** A program median row: each figure's median, or null where it is withheld, the withheld figures' names and a note saying so. */
export type MedianFigures<T> = Record<keyof T, number | null> & { withheld: string[]; note: string | null };

/**
 * Per field, the median over the given figure sets: the anonymous program benchmark a partner sees.
 * A field with fewer than `minPartners` partners behind it is withheld (null): over two partners the
 * median gives the other's figure away exactly (2 × median − own), and over a few it narrows it down.
 */
export function medianFigures<T extends object>(sets: T[], keys: Array<keyof T>, minPartners: number): MedianFigures<T> {
  const out = {} as Record<keyof T, number | null>;
  const withheld: string[] = [];
  for (const key of keys) {
    const values = sets.map((set) => set[key] as number | null).filter((v) => v !== null);
    out[key] = values.length >= minPartners ? median(values) : null;
    if (values.length < minPartners) withheld.push(String(key));
  }
  return { ...out, withheld, note: withheldNote(withheld, keys.length, minPartners) };
}

/** "withheld: fewer than 5 partners", naming the figures when only some are. */
function withheldNote(withheld: string[], of: number, minPartners: number): string | null {
  if (withheld.length === 0) return null;
  const note = `withheld: fewer than ${minPartners} partners`;
  return withheld.length === of ? note : `${note} behind ${withheld.join(', ')}`;
}
