// Template data for the partner's inbox and lead pages: everything formatted here, so the views only place it.
import { CLOCK_KINDS, ClockKind } from '@leadgate/compliance';
import { ACTIVITY_TYPES, checkAction, LEAD_STATUSES, VERDICTS } from '@leadgate/lifecycle';
import { FieldProblem, Page } from '@leadgate/common';
import { AssignmentDto, LeadDetailDto, LeadResponseDto } from '@leadgate/leads';
import { clockInWords, localTime } from './lead-times';
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
}

/** What a failed post brings back to the page: the form, its values and its problems. */
export interface FormOutcome {
  form: LeadForm;
  values: FormValues;
  fields?: FieldProblem[];
  message?: string;
}

const DONE_MESSAGES: Record<string, string> = {
  accepted: 'Lead accepted. The contact clock is running.',
  declined: 'Lead declined. It has been offered to another partner.',
  activity: 'Activity logged.',
  feedback: 'Feedback saved.',
};

export const doneMessage = (done: unknown): string | undefined => (typeof done === 'string' ? DONE_MESSAGES[done] : undefined);

const words = (code: string) => code.replace(/_/g, ' ');
const options = (codes: readonly string[], selected?: string) => codes.map((value) => ({ value, label: words(value), selected: value === selected }));
const personOf = (lead: LeadResponseDto) => [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email;

export function inboxView(page: Page<LeadResponseDto>, status: string | undefined, now: Date, zone: string) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (n: number) => `/leads?${new URLSearchParams({ ...(status && { status }), page: String(n), pageSize: String(page.pageSize) })}`;
  return {
    title: 'Leads',
    zone,
    statuses: options(LEAD_STATUSES, status),
    rows: page.items.map((lead) => ({
      href: `/leads/${lead.id}`,
      person: personOf(lead),
      company: lead.company,
      status: lead.status,
      received: localTime(lead.createdAt, now, zone),
    })),
    total: page.total,
    pageNumber: page.page,
    pages,
    previous: page.page > 1 ? link(page.page - 1) : null,
    next: page.page < pages ? link(page.page + 1) : null,
  };
}

const CLOCK_FIELDS: Record<ClockKind, { due: keyof AssignmentDto; done: keyof AssignmentDto; minutes: keyof SlaTerms }> = {
  accept: { due: 'acceptDueAt', done: 'acceptedAt', minutes: 'slaAcceptMinutes' },
  contact: { due: 'contactDueAt', done: 'firstContactAt', minutes: 'slaContactMinutes' },
  feedback: { due: 'feedbackDueAt', done: 'feedbackAt', minutes: 'slaFeedbackMinutes' },
};

export function leadView(lead: LeadDetailDto, sla: SlaTerms, reasons: Reasons, now: Date, zone: string, outcome?: FormOutcome) {
  // The partner's latest offer of this lead carries the clocks that run now.
  const offer = lead.assignments.at(-1);
  const clocks = offer
    ? CLOCK_KINDS.map((kind) => {
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
  const feedback = values('feedback');
  return {
    title: `${personOf(lead)}, ${lead.company}`,
    lead,
    person: personOf(lead),
    zone,
    received: localTime(lead.createdAt, now, zone),
    clocks,
    timeline: lead.timeline.map((event) => ({ at: localTime(event.at, now, zone), summary: event.summary })),
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
      feedback: verdicts.length > 0 && {
        verdicts: options(verdicts, feedback.verdict),
        reasons: options([...new Set([...reasons.lost, ...reasons.disqualified])], feedback.reasonCode),
        values: feedback,
        errors: errors('feedback'),
      },
    },
  };
}
