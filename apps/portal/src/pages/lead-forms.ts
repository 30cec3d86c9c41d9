// Turns the lead page's form posts into the follow-up DTOs, checked by the DTOs' own rules.
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldProblem, fieldProblems, toMinorUnits, VALIDATION_OPTIONS } from '@leadgate/common';
import { AssignOwnerDto, DeclineLeadDto, FeedbackDto, LogActivityDto, NextStepDto } from '@leadgate/follow-up';

export type LeadForm = 'accept' | 'decline' | 'activity' | 'feedback' | 'next-step';
export type FormValues = Record<string, string>;

/** Only the named fields, trimmed; blank ones are left out so optional DTO fields stay optional. */
export function formValues(body: unknown, fields: string[]): FormValues {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of fields) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  return values;
}

export const declineDto = (values: FormValues) => checked(DeclineLeadDto, values);
export const assignOwnerDto = (leadIds: string[], userId: string | null) => checked(AssignOwnerDto, { leadIds, userId });
export const activityDto = (values: FormValues) => checked(LogActivityDto, values);
/** A blank day clears the next step. */
export const nextStepDto = (values: FormValues) => checked(NextStepDto, { on: values.on ?? null, note: values.note });

const AMOUNT_PROBLEM = 'Enter the amount, more than 0, as a number such as 42000 or 42000.50';

/** The page says each field's problem in its own words; the API's (validator) wording stays for API callers. */
const PLAIN_PROBLEMS: Record<LeadForm, Record<string, string>> = {
  accept: {},
  decline: { reasonCode: 'Choose a reason for declining.' },
  activity: { type: 'Choose what kind of contact it was.', occurredAt: 'Enter when it happened; it cannot be in the future.' },
  'next-step': { on: 'Pick the day of the next step.' },
  feedback: {
    verdict: 'Choose a verdict.',
    currency: 'Enter the currency as a three-letter code such as EUR.',
    reasonCode: 'Choose a reason: lost, disqualified and not sales-ready need one.',
  },
};

/** A form's problems in plain words; a problem the service states about the lead itself (a currency mismatch) is kept. */
export function plainProblems(form: LeadForm, fields: FieldProblem[]): FieldProblem[] {
  return fields.map((p) => {
    const plain = PLAIN_PROBLEMS[form][p.field];
    const aboutTheLead = p.problems.some((text) => text.startsWith('This lead'));
    return plain && !aboutTheLead ? { field: p.field, problems: [plain] } : p;
  });
}

/** The page asks for an amount such as 42000.50; the API counts minor units, so its problems are said in the page's terms. */
export function feedbackDto(values: FormValues): Promise<FeedbackDto> {
  const { amount, currency, ...rest } = values;
  const plain: Record<string, unknown> = { ...rest, ...(currency !== undefined && { currency: currency.toUpperCase() }) };
  if (amount !== undefined) {
    const minor = amountInMinorUnits(amount, currency);
    if (minor === null) throw DomainError.invalid([{ field: 'amount', problems: [AMOUNT_PROBLEM] }]);
    plain.amountMinor = minor;
  }
  return checked(FeedbackDto, plain, { amountMinor: { field: 'amount', problems: [AMOUNT_PROBLEM] } });
}

/** A form's amount in the currency's minor units; a missing or malformed currency (the DTO reports it) reads as two decimals. */
export function amountInMinorUnits(text: string, currency: string | undefined): number | null {
  const code = currency?.toUpperCase() ?? '';
  return toMinorUnits(text, /^[A-Z]{3}$/.test(code) ? code : 'EUR');
}

/** Validates with the DTO's own rules; `restated` replaces the problems of a DTO field the form names differently. */
async function checked<T extends object>(type: new () => T, plain: Record<string, unknown>, restated: Record<string, FieldProblem> = {}): Promise<T> {
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, VALIDATION_OPTIONS);
  if (errors.length > 0) throw DomainError.invalid(fieldProblems(errors).map((p) => restated[p.field] ?? p));
  return dto;
}
