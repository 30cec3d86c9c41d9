// What the channel manager's pages show, shaped for the templates; no decisions are made here.
import { describeReason, EXCLUSION_REASONS, ExclusionReason } from '@leadgate/allocation';
import type { AllocationDecision } from '@leadgate/lifecycle';
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
};

export interface FormAttempt {
  values: Record<string, string>;
  fields: FieldProblem[];
  message: string;
}

export const doneMessageOf = (done: unknown): string | undefined => (typeof done === 'string' ? DONE_MESSAGES[done] : undefined);

const shortIn = (date: Date | string, zone: string): string => formatInstant(new Date(date), zone, 'short');
const percent = (score: number | null): string => (score === null ? '—' : `${Math.round(score * 100)}%`);
const errorsOf = (fields: FieldProblem[] = []) => Object.fromEntries(fields.map((f) => [f.field, f.problems.join(' ')]));

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

/** A stored reason code said in words; a code this version does not know is shown as stored. */
const inWords = (code: string): string => (EXCLUSION_REASONS.includes(code as ExclusionReason) ? describeReason(code as ExclusionReason) : code);

export function explanationView(decisions: AllocationDecision[], partnerNames: Map<string, string>, zone: string) {
  return decisions.map((d) => ({
    at: shortIn(d.decidedAt, zone),
    mode: d.mode,
    summary: d.summary,
    reason: d.reason,
    winner: d.winnerPartnerId ? (partnerNames.get(d.winnerPartnerId) ?? d.winnerPartnerId) : null,
    eligible: d.candidates.eligible.map((c) => ({ name: c.name, score: c.score.toFixed(2) })),
    excluded: d.candidates.excluded.map((c) => ({ name: c.name, reasons: c.reasons.map(inWords).join('; ') })),
  }));
}

export function queueView(
  leads: { id: string; company: string; country: string; postalCode: string | null; createdAt: Date }[],
  partners: { id: string; name: string; standing: string }[],
  zone: string,
  failed?: { leadId: string } & FormAttempt,
  waiting?: { since: Map<string, Date>; hours: number; now: Date },
) {
  return {
    title: 'Unallocated leads',
    attentionHours: waiting?.hours,
    leads: leads.map((lead) => {
      const attempt = failed?.leadId === lead.id ? failed : undefined;
      const since = waiting?.since.get(lead.id);
      return {
        ...lead,
        receivedText: shortIn(lead.createdAt, zone),
        waitingText: since ? shortIn(since, zone) : null,
        // Waited longer than UNALLOCATED_ATTENTION_HOURS: LeadGate keeps offering it, but a person should look.
        needsAttention: since !== undefined && waiting!.now.getTime() - since.getTime() > waiting!.hours * 3_600_000,
        partners: partners.map((p) => ({ ...p, selected: attempt?.values.partnerId === p.id })),
        reason: attempt?.values.reason ?? '',
        errors: errorsOf(attempt?.fields),
        message: attempt?.message,
      };
    }),
  };
}
