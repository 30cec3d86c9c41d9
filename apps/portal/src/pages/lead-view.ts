// Template data for the partner's inbox and lead pages: everything formatted here, so the views only place it.
import { DateTime } from 'luxon';
import { CLOCK_KINDS, OfferClockKind } from '@leadgate/compliance';
import { ACTIVITY_TYPES, checkAction, VERDICTS, WORK_STAGES, WorkStage } from '@leadgate/lifecycle';
import { FieldProblem, formatInstant, Page, toCsv } from '@leadgate/common';
import { AssignmentDto, LeadDetailDto, LeadResponseDto, LeadsQuery, LeftLeadDto, ListedLeadDto } from '@leadgate/leads';
import { clockInWords, listedDeadline, localTime } from './lead-times';
import { pagerView, viewQueryString } from './view-address';
import { FormValues, LeadForm } from './lead-forms';

export interface SlaTerms {
  slaAcceptMinutes: number;
  slaContactMinutes: number;
  slaFeedbackMinutes: number;
  businessTime: boolean;
}

export interface Reasons {
  decline: string[];
  lost: string[];
  disqualified: string[];
  recycled: string[];
}

/** What a failed post brings back to the page: the form, its values and its problems. */
export interface FormOutcome {
  form: LeadForm;
  values: FormValues;
  fields?: FieldProblem[];
  message?: string;
}

export const DONE_MESSAGES: Record<string, string> = {
  accepted: 'Lead accepted. The contact clock is running.',
  declined: 'Lead declined. It has been offered to another partner.',
  activity: 'Activity logged.',
  feedback: 'Feedback saved.',
  assigned: 'Owner saved.',
  'next-step': 'Next step saved.',
};

export const doneMessage = (done: unknown): string | undefined => (typeof done === 'string' ? DONE_MESSAGES[done] : undefined);

const words = (code: string) => code.replace(/_/g, ' ');
const options = (codes: readonly string[], selected?: string) => codes.map((value) => ({ value, label: words(value), selected: value === selected }));
const personOf = (lead: LeadResponseDto) => [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.phone || 'No contact name';

const STAGE_LABELS: Record<WorkStage, string> = {
  open: 'All open',
  to_accept: 'To accept',
  to_contact: 'To contact',
  awaiting_feedback: 'Awaiting feedback',
  opportunities: 'Open opportunities',
  closed: 'Closed',
};

/** The inbox's own address for a view: its filters, its order and a page, so a view can be bookmarked and shared. */
export function inboxQueryString(query: Partial<LeadsQuery>, changes: Partial<Record<keyof LeadsQuery, string | number | boolean | undefined>> = {}): string {
  const { stage, q, leadType, owner, overdue, sort, page, pageSize } = query;
  // Defaults stay out of the address: the open stage, the urgent order, the first page of 50.
  return viewQueryString({ stage, q, leadType, owner, overdue, sort, page, pageSize, ...changes }, { stage: 'open', sort: 'urgent', page: 1, pageSize: 50 });
}

/** The partner's active users (who may own a lead) and whether the viewer may assign owners. */
export interface TeamChoice {
  users: { id: string; name: string }[];
  canAssign: boolean;
}

/** The inbox as a work queue: tabs by what to do next (with counts), the next deadline in words, the current view as CSV. */
export function inboxView(
  page: Page<ListedLeadDto>,
  query: LeadsQuery,
  counts: Record<WorkStage, number>,
  leadTypes: { key: string; name: string }[],
  now: Date,
  zone: string,
  team: TeamChoice = { users: [], canAssign: false },
) {
  const link = (changes: Parameters<typeof inboxQueryString>[1]) => `/leads${inboxQueryString(query, changes)}`;
  return {
    title: 'Leads',
    zone,
    query,
    tabs: WORK_STAGES.map((stage) => ({ label: STAGE_LABELS[stage], count: counts[stage], href: link({ stage, page: undefined }), current: query.stage === stage })),
    leadTypes: leadTypes.map((t) => ({ value: t.key, label: t.name, selected: t.key === query.leadType })),
    owners: [
      { value: '', label: 'Everyone' },
      { value: 'me', label: 'My leads' },
      { value: 'none', label: 'No owner' },
      ...team.users.map((user) => ({ value: user.id, label: user.name })),
    ].map((choice) => ({ ...choice, selected: choice.value === (query.owner ?? '') })),
    canAssign: team.canAssign,
    // Unassigning is the last choice, so a hurried click never takes owners away.
    assignees: [...team.users.map((user) => ({ value: user.id, label: user.name })), { value: '', label: 'Nobody (remove the owner)' }],
    sorts: [
      { value: 'urgent', label: 'Most urgent first', selected: query.sort !== 'newest' },
      { value: 'newest', label: 'Newest first', selected: query.sort === 'newest' },
    ],
    rows: page.items.map((lead) => ({
      id: lead.id,
      owner: lead.owner?.name ?? null,
      href: `/leads/${lead.id}`,
      person: personOf(lead),
      company: lead.company,
      leadType: lead.leadType.name,
      place: [lead.country, lead.postalCode].filter(Boolean).join(' '),
      interest: lead.productInterest ?? '—',
      status: lead.status,
      statusLabel: words(lead.status),
      deadline: listedDeadline(lead, now, zone),
      nextStep: lead.nextStepOn ? `next step ${DateTime.fromISO(lead.nextStepOn).toFormat('ccc d LLL')}${lead.nextStep ? `: ${lead.nextStep}` : ''}` : null,
      received: localTime(lead.createdAt, now, zone),
    })),
    total: page.total,
    ...pagerView(page, (n) => link({ page: n })),
    csv: `/leads/export.csv${inboxQueryString(query, { page: undefined, pageSize: undefined })}`,
  };
}

/** What happened to a lead that left the partner, and why, in words. */
export function leftInWords(left: LeftLeadDto, now: Date, zone: string): string {
  const at = (instant: Date) => localTime(new Date(instant), now, zone);
  const detail = left.reasonText ? ` (${left.reasonText})` : '';
  switch (left.outcome) {
    case 'declined':
      return `Declined ${at(left.endedAt)}: ${words(left.reasonCode ?? 'no reason')}${detail}`;
    case 'recalled':
      return `Recalled ${at(left.endedAt)}: not accepted${left.acceptDueAt ? ` by ${at(left.acceptDueAt)}` : ''}`;
    default:
      return `Moved to another partner by a channel manager ${at(left.endedAt)}${left.reasonText ? `: ${left.reasonText}` : ''}`;
  }
}

export function historyView(page: Page<LeftLeadDto>, now: Date, zone: string) {
  return {
    title: 'Leads that left',
    zone,
    rows: page.items.map((left) => ({
      company: left.company,
      country: left.country,
      leadType: left.leadType,
      offered: localTime(new Date(left.offeredAt), now, zone),
      what: leftInWords(left, now, zone),
    })),
    total: page.total,
    ...pagerView(page, (n) => `/leads/history${n > 1 ? `?page=${n}` : ''}`),
  };
}

/** The inbox rows as CSV: what a rep needs to work them elsewhere, times in the viewer's zone (named in the header). */
export function inboxCsv(leads: ListedLeadDto[], now: Date, zone: string): string {
  const at = (instant: Date | string) => formatInstant(new Date(instant), zone, 'compact');
  const header = ['Next deadline', `Due (${zone})`, 'Status', 'Owner', 'Lead type', 'Company', 'First name', 'Last name', 'Email', 'Phone', 'Country', 'Postal code', 'Interest', `Received (${zone})`, 'Lead id'];
  const rows = leads.map((lead) => {
    const deadline = listedDeadline(lead, now, zone);
    return [
      deadline?.text ?? '',
      lead.nextDeadline ? at(lead.nextDeadline.dueAt) : '',
      lead.status,
      lead.owner?.name ?? '',
      lead.leadType.name,
      lead.company,
      lead.firstName,
      lead.lastName,
      lead.email,
      lead.phone,
      lead.country,
      lead.postalCode,
      lead.productInterest,
      at(lead.createdAt),
      lead.id,
    ];
  });
  return toCsv([header, ...rows]);
}

const CLOCK_FIELDS: Record<OfferClockKind, { due: keyof AssignmentDto; done: keyof AssignmentDto; minutes: keyof SlaTerms }> = {
  accept: { due: 'acceptDueAt', done: 'acceptedAt', minutes: 'slaAcceptMinutes' },
  contact: { due: 'contactDueAt', done: 'firstContactAt', minutes: 'slaContactMinutes' },
  feedback: { due: 'feedbackDueAt', done: 'feedbackAt', minutes: 'slaFeedbackMinutes' },
};

/**
 * A timeline line in the viewer's zone: a breach line was stored with its due time written in UTC by the shared
 * formatter, and carries that instant in its data, so the same words are written again in `zone`.
 */
export function summaryInZone(event: { summary: string; data?: Record<string, unknown> | null }, zone: string): string {
  const dueAt = event.data?.dueAt;
  if (typeof dueAt !== 'string' && !(dueAt instanceof Date)) return event.summary;
  const instant = new Date(dueAt);
  if (Number.isNaN(instant.getTime())) return event.summary;
  return event.summary.replace(formatInstant(instant), formatInstant(instant, zone));
}

/** `currency`: the lead's own, else the program's; the feedback form starts with it. */
export function leadView(lead: LeadDetailDto, sla: SlaTerms, reasons: Reasons, currency: string, now: Date, zone: string, outcome?: FormOutcome) {
  // The partner's latest offer of this lead carries the clocks that run now; a clock without a due time does
  // not run at all (a registered deal has no accept clock).
  const offer = lead.assignments.at(-1);
  const clocks = offer
    ? CLOCK_KINDS.filter((kind) => offer[CLOCK_FIELDS[kind].due] !== null).map((kind) => {
        const f = CLOCK_FIELDS[kind];
        return clockInWords(
          { kind, minutes: sla[f.minutes] as number, businessTime: sla.businessTime, dueAt: offer[f.due] as Date, doneAt: offer[f.done] as Date | null, endedAt: offer.endedAt },
          now,
          zone,
        );
      })
    : [];
  const can = (action: Parameters<typeof checkAction>[1]) => checkAction(lead.status, action).allowed;
  const verdicts = VERDICTS.filter((verdict) => can({ kind: 'feedback', verdict }));
  const values = (form: LeadForm) => (outcome?.form === form ? outcome.values : {});
  const errors = (form: LeadForm) =>
    Object.fromEntries((outcome?.form === form ? outcome.fields ?? [] : []).map((p) => [p.field, p.problems.join(' ')]));
  const feedback: FormValues = { currency, ...values('feedback') };
  return {
    title: `${personOf(lead)}, ${lead.company}`,
    lead,
    person: personOf(lead),
    zone,
    received: localTime(lead.createdAt, now, zone),
    clocks,
    // Newest first: what happened last is what the rep needs; an activity's notes are shown with it.
    timeline: lead.timeline
      .map((event) => ({ at: localTime(event.at, now, zone), summary: summaryInZone(event, zone), notes: typeof event.data?.notes === 'string' ? event.data.notes : null }))
      .reverse(),
    formError: outcome?.message,
    failedForm: outcome?.form,
    forms: {
      accept: can({ kind: 'accept' }),
      decline: can({ kind: 'decline' }) && {
        reasons: options(reasons.decline, values('decline').reasonCode),
        values: values('decline'),
        errors: errors('decline'),
      },
      activity: can({ kind: 'activity', type: 'note' }) && {
        types: options(ACTIVITY_TYPES, values('activity').type),
        values: values('activity'),
        errors: errors('activity'),
      },
      // Planned on any lead still worked (not once it is closed).
      nextStep: verdicts.length > 0 && {
        values: outcome?.form === 'next-step' ? outcome.values : { on: lead.nextStepOn ?? '', note: lead.nextStep ?? '' },
        errors: errors('next-step'),
      },
      feedback: verdicts.length > 0 && {
        verdicts: options(verdicts, feedback.verdict).map((o) => (o.value === 'recycled' ? { ...o, label: 'not sales-ready (back to marketing)' } : o)),
        reasons: options([...new Set([...reasons.lost, ...reasons.disqualified, ...reasons.recycled])], feedback.reasonCode),
        values: feedback,
        errors: errors('feedback'),
      },
    },
  };
}
