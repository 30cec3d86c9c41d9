// Turns the admin pages' form posts into the catalog and token DTOs, checked by the DTOs' own rules.
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, fieldProblems, FieldProblem, minorToDecimal, TIERS, VALIDATION_OPTIONS } from '@leadgate/common';
import { CreateCampaignDto, CreateLeadTypeDto, UpdateCampaignDto, UpdateLeadTypeDto } from '@leadgate/catalog';
import { CreateApiTokenDto } from '@leadgate/auth';
import { CreatePartnerDto, PartnerDto, UpdatePartnerDto } from '@leadgate/partners';
import { amountInMinorUnits, FormValues } from './lead-forms';
import { SLA_FORM_FIELDS, slaMinutes } from './sla-form';

export const LEAD_TYPE_FIELDS = ['key', 'name', 'definition', ...SLA_FORM_FIELDS, 'businessTime'];
// The API's minutes fields are shown on the form as an amount and a unit.
const FORM_FIELD_OF: Record<string, string> = {
  slaAcceptMinutes: 'slaAccept', slaContactMinutes: 'slaContact', slaFeedbackMinutes: 'slaFeedback', slaUpdateCadenceMinutes: 'slaUpdateCadence',
};
const slaRestated = (problem: FieldProblem): FieldProblem =>
  FORM_FIELD_OF[problem.field] ? { field: FORM_FIELD_OF[problem.field], problems: ['Enter a time from 1 minute up to 60 days'] } : problem;

/** The ticked tier boxes: one value arrives as a string, several as an array. */
export function tiersOf(body: unknown): string[] {
  const raw = ((body ?? {}) as Record<string, unknown>).allowedTiers;
  return ([] as unknown[]).concat(raw ?? []).filter((t): t is string => typeof t === 'string');
}

function leadTypePlain(values: FormValues, tiers: string[]): { plain: Record<string, unknown>; problems: FieldProblem[] } {
  const { minutes, problems } = slaMinutes(values);
  const plain: Record<string, unknown> = { key: values.key, name: values.name, definition: values.definition };
  if (minutes.slaAccept !== undefined) plain.slaAcceptMinutes = minutes.slaAccept;
  if (minutes.slaContact !== undefined) plain.slaContactMinutes = minutes.slaContact;
  if (minutes.slaFeedback !== undefined) plain.slaFeedbackMinutes = minutes.slaFeedback;
  // A blank cadence clears it.
  plain.slaUpdateCadenceMinutes = minutes.slaUpdateCadence ?? null;
  if (values.businessTime !== undefined) plain.businessTime = values.businessTime === 'true';
  plain.allowedTiers = tiers.length ? tiers : [...TIERS];
  return { plain, problems };
}

/** The form's own problems (units) and the DTO's, together, each under the form's field names. */
async function leadTypeChecked<T extends object>(type: new () => T, plain: Record<string, unknown>, problems: FieldProblem[]): Promise<T> {
  try {
    const dto = await checked(type, plain, slaRestated);
    if (problems.length > 0) throw DomainError.invalid(problems);
    return dto;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const theirs = (error.fields ?? []).filter((p) => !problems.some((mine) => mine.field === p.field));
    throw DomainError.invalid([...problems, ...theirs]);
  }
}

export function createLeadTypeDto(values: FormValues, tiers: string[]): Promise<CreateLeadTypeDto> {
  const { plain, problems } = leadTypePlain(values, tiers);
  if (plain.slaUpdateCadenceMinutes === null) delete plain.slaUpdateCadenceMinutes;
  return leadTypeChecked(CreateLeadTypeDto, plain, problems);
}

export function updateLeadTypeDto(values: FormValues, tiers: string[]): Promise<UpdateLeadTypeDto> {
  const { plain, problems } = leadTypePlain(values, tiers);
  delete plain.key;
  return leadTypeChecked(UpdateLeadTypeDto, plain, problems);
}

export const CAMPAIGN_FIELDS = ['key', 'name', 'channel', 'cost', 'currency', 'startsOn', 'endsOn'];
const COST_PROBLEM = 'Enter the total cost, 0 or more, as a number such as 2500 or 2500.50';

/** The page asks for a cost such as 2500.50; the API counts minor units, so its problems are said in the page's terms. */
function campaignPlain(values: FormValues): Record<string, unknown> {
  const { cost, currency, ...rest } = values;
  const plain: Record<string, unknown> = { ...rest, ...(currency !== undefined && { currency: currency.toUpperCase() }) };
  if (cost !== undefined) plain.costMinor = amountInMinorUnits(cost, currency) ?? cost;
  return plain;
}
const costRestated = (problem: FieldProblem): FieldProblem => (problem.field === 'costMinor' ? { field: 'cost', problems: [COST_PROBLEM] } : problem);

export const createCampaignDto = (values: FormValues) => checked(CreateCampaignDto, campaignPlain(values), costRestated);

export function updateCampaignDto(values: FormValues): Promise<UpdateCampaignDto> {
  const { key: _key, ...rest } = values;
  // Blank dates on the edit form clear them.
  return checked(UpdateCampaignDto, { startsOn: null, endsOn: null, ...campaignPlain(rest) }, costRestated);
}

/** Minor units back to the form's plain number in the currency's decimals, e.g. 250050 EUR → 2500.50. */
export const costText = (minor: number, currency: string): string => minorToDecimal(minor, currency);

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const PARTNER_FIELDS = [
  'name', 'tier', 'territories', 'specialties', 'capacity', 'weight', 'timezone', 'holidayCalendarId', 'contactEmail', 'channelManagerId', 'active', 'aroundTheClock',
  'firstAdminEmail', 'firstAdminName',
  ...WEEKDAYS.flatMap((_, i) => [`start${i + 1}`, `end${i + 1}`, `closed${i + 1}`]),
];

const listOf = (text: string | undefined): string[] => (text ?? '').split(/[\s,]+/).filter((item) => item !== '');
const numberOf = (text: string | undefined): unknown => (text !== undefined && /^\d+$/.test(text) ? Number(text) : text);

/** The form has a weekly grid, one from/to pair per weekday and a "closed" box; the API takes the open days as a list. */
function partnerPlain(values: FormValues): { plain: Record<string, unknown>; days: number[] } {
  const days = WEEKDAYS.map((_, i) => i + 1)
    .filter((day) => values[`closed${day}`] !== 'true' && (values[`start${day}`] !== undefined || values[`end${day}`] !== undefined));
  const plain: Record<string, unknown> = {
    name: values.name,
    tier: values.tier,
    territories: listOf(values.territories).map((t) => t.toUpperCase()),
    specialties: listOf(values.specialties),
    capacity: numberOf(values.capacity),
    timezone: values.timezone,
    holidayCalendarId: values.holidayCalendarId ?? null,
    businessHours: days.map((day) => ({ day, start: values[`start${day}`] ?? '', end: values[`end${day}`] ?? '' })),
    contactEmail: values.contactEmail ?? null,
    channelManagerId: values.channelManagerId ?? null,
    // Checkboxes: an unticked box is simply absent from the post.
    active: values.active === 'true',
    aroundTheClock: values.aroundTheClock === 'true',
  };
  if (values.weight !== undefined) plain.weight = numberOf(values.weight);
  return { plain, days };
}

/** A business-hours problem ("businessHours.2.end") is shown next to that weekday's fields. */
const hoursRestated = (days: number[]) => (problem: FieldProblem): FieldProblem => {
  const match = /^businessHours\.(\d+)\.(start|end)$/.exec(problem.field);
  return match ? { field: `${match[2]}${days[Number(match[1])]}`, problems: problem.problems } : problem;
};

/** Creating a partner may invite its first admin (both fields, or neither). */
export function createPartnerDto(values: FormValues): Promise<CreatePartnerDto> {
  const { plain, days } = partnerPlain(values);
  if (values.firstAdminEmail !== undefined || values.firstAdminName !== undefined) {
    plain.firstAdmin = { email: values.firstAdminEmail ?? '', displayName: values.firstAdminName ?? '' };
  }
  const firstAdminRestated = (problem: FieldProblem): FieldProblem => {
    const match = /^firstAdmin\.(email|displayName)$/.exec(problem.field);
    return match ? { field: match[1] === 'email' ? 'firstAdminEmail' : 'firstAdminName', problems: problem.problems } : hoursRestated(days)(problem);
  };
  return checked(CreatePartnerDto, plain, firstAdminRestated);
}

export function updatePartnerDto(values: FormValues): Promise<UpdatePartnerDto> {
  const { plain, days } = partnerPlain(values);
  return checked(UpdatePartnerDto, plain, hoursRestated(days));
}

export function partnerValues(partner: PartnerDto): FormValues {
  const values: FormValues = {
    name: partner.name,
    tier: partner.tier,
    territories: partner.territories.join(', '),
    specialties: partner.specialties.join(', '),
    capacity: String(partner.capacity),
    weight: String(partner.weight),
    timezone: partner.timezone,
    holidayCalendarId: partner.holidayCalendarId ?? '',
    contactEmail: partner.contactEmail ?? '',
    channelManagerId: partner.channelManagerId ?? '',
    ...(partner.active && { active: 'true' }),
    ...(partner.aroundTheClock && { aroundTheClock: 'true' }),
  };
  for (const window of partner.businessHours) Object.assign(values, { [`start${window.day}`]: window.start, [`end${window.day}`]: window.end });
  for (let day = 1; day <= 7; day++) if (values[`start${day}`] === undefined) values[`closed${day}`] = 'true';
  return values;
}

export const apiTokenDto = (values: FormValues) => checked(CreateApiTokenDto, values);

/** Field name → first problem, for the error message below each field. */
export function errorsByField(fields: FieldProblem[] | undefined): Record<string, string> {
  return Object.fromEntries((fields ?? []).map((f) => [f.field, f.problems[0]]));
}

/** The form's values as the API's DTO, checked by the DTO's own rules (each problem restated for the form, if asked). */
export async function checked<T extends object>(type: new () => T, plain: Record<string, unknown>, restate = (p: FieldProblem) => p): Promise<T> {
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, VALIDATION_OPTIONS);
  if (errors.length > 0) throw DomainError.invalid(fieldProblems(errors).map(restate));
  return dto;
}
