// What the channel manager's pages show, shaped for the templates; no decisions are made here.
import { FieldProblem, formatInstant, STANDINGS } from '@leadgate/common';
import { CHANNEL_PARTNER_SORTS, ChannelPartnerRow, ChannelPartnerSort, type PartnerComplianceDto } from '@leadgate/compliance';
import { deadlinesMetText } from './standing-view';

const COLUMN_LABELS: Record<ChannelPartnerSort, string> = {
  name: 'Name',
  tier: 'Tier',
  standing: 'Standing',
  score: 'Score',
  openBreaches: 'Open breaches',
  recentLeads: 'Leads (30 days)',
};

const DONE_MESSAGES: Record<string, string> = {
  override: 'The standing override is saved and in force now.',
  assigned: 'The lead is assigned.',
  'assigned-many': 'The leads are assigned.',
  moved: 'The lead is moved. Its previous partner has been told; a new holder’s clocks start now.',
};

export interface FormAttempt {
  values: Record<string, string>;
  fields: FieldProblem[];
  message: string;
}

export const doneMessageOf = (done: unknown): string | undefined => (typeof done === 'string' ? DONE_MESSAGES[done] : undefined);

/** An instant as the channel pages show it: short, in the viewer's zone. */
export const shortIn = (date: Date | string, zone: string): string => formatInstant(new Date(date), zone, 'short');
const percent = (score: number | null): string => (score === null ? '—' : `${Math.round(score * 100)}%`);
/** Field → its problems in one sentence, for the message under each form field. */
export const errorsOf = (fields: FieldProblem[] = []) => Object.fromEntries(fields.map((f) => [f.field, f.problems.join(' ')]));

/** Each column header links to sorting by it, ascending first and descending when already ascending. */
export function partnersTableView(rows: ChannelPartnerRow[], sort: ChannelPartnerSort, descending: boolean, rule: string) {
  return {
    title: 'Partners',
    rule,
    columns: CHANNEL_PARTNER_SORTS.map((column) => ({
      label: COLUMN_LABELS[column],
      href: `/partners?sort=${column === sort && !descending ? '-' : ''}${column}`,
      ariaSort: column === sort ? (descending ? 'descending' : 'ascending') : 'none',
    })),
    partners: rows.map((row) => ({ ...row, scoreText: percent(row.score) })),
  };
}

export function partnerPageView(card: PartnerComplianceDto, row: ChannelPartnerRow, zone: string, attempt?: FormAttempt) {
  const values = attempt?.values ?? {};
  return {
    title: card.partnerName,
    partner: {
      ...row,
      scoreText:
        card.counts.clocksDue === 0
          ? `not scored yet: no deadline came due in the last ${card.windowDays} days`
          : `${percent(card.score)} (${deadlinesMetText(card)})`,
    },
    override: card.override && { ...card.override, endsText: shortIn(card.override.endsAt, zone) },
    openBreaches: card.openBreaches.map((b) => ({ ...b, dueText: shortIn(b.dueAt, zone) })),
    history: card.history.map((h) => ({ ...h, atText: shortIn(h.at, zone) })),
    form: {
      standings: STANDINGS.map((s) => ({ value: s, selected: values.standing === s })),
      reason: values.reason ?? '',
      endsAt: values.endsAt ?? '',
      errors: errorsOf(attempt?.fields),
      message: attempt?.message,
    },
  };
}
