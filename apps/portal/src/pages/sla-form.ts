// The lead-type form's SLAs in human units (hours or days), turned into the API's minutes, and a worked example of them.
import { DateTime } from 'luxon';
import { computeDueTimes, describeClock } from '@leadgate/compliance';
import { FieldProblem } from '@leadgate/common';
import type { FormValues } from './lead-forms';

export const SLA_FIELDS = ['slaAccept', 'slaContact', 'slaFeedback', 'slaUpdateCadence'] as const;
type SlaField = (typeof SLA_FIELDS)[number];
export const SLA_FORM_FIELDS = SLA_FIELDS.flatMap((field) => [field, `${field}Unit`]);

const MINUTES_PER: Record<string, number> = { minutes: 1, hours: 60, days: 1440 };
export const UNITS = Object.keys(MINUTES_PER);

/**
 * The form's amount and unit per SLA as the API's minutes; a problem per field that cannot be one. Days are
 * calendar days: in business time a day's length depends on each partner's hours, so it is given in hours.
 */
export function slaMinutes(values: FormValues): { minutes: Partial<Record<SlaField, number | null>>; problems: FieldProblem[] } {
  const minutes: Partial<Record<SlaField, number | null>> = {};
  const problems: FieldProblem[] = [];
  const businessTime = values.businessTime !== 'false';
  for (const field of SLA_FIELDS) {
    const amount = values[field];
    const unit = values[`${field}Unit`] ?? 'hours';
    if (amount === undefined) {
      if (field === 'slaUpdateCadence') minutes[field] = null;
      continue;
    }
    if (!UNITS.includes(unit)) problems.push({ field, problems: ['Choose minutes, hours or days'] });
    else if (unit === 'days' && businessTime && field !== 'slaUpdateCadence') {
      problems.push({ field, problems: ['In business time give hours (a business day is as long as each partner\'s hours); days are for calendar time'] });
    } else if (!/^\d+(?:[.,]\d{1,2})?$/.test(amount)) problems.push({ field, problems: ['Enter a number such as 4 or 1.5'] });
    else {
      const value = Math.round(Number(amount.replace(',', '.')) * MINUTES_PER[unit]);
      if (value < 1 || value > 86_400) problems.push({ field, problems: ['Enter a time from 1 minute up to 60 days'] });
      else minutes[field] = value;
    }
  }
  return { minutes, problems };
}

/** Minutes as the form shows them: whole days in calendar time, else hours when whole, else minutes. */
export function slaFormValues(minutes: Record<SlaField, number | null>, businessTime: boolean): FormValues {
  const values: FormValues = {};
  for (const field of SLA_FIELDS) {
    const value = minutes[field];
    if (value === null) continue;
    // The update cadence always counts calendar time.
    const calendarTime = !businessTime || field === 'slaUpdateCadence';
    const unit = calendarTime && value % 1440 === 0 ? 'days' : value % 60 === 0 ? 'hours' : value % 30 === 0 ? 'hours' : 'minutes';
    values[field] = String(value / MINUTES_PER[unit]);
    values[`${field}Unit`] = unit;
  }
  return values;
}

const KINDS = { slaAccept: 'accept', slaContact: 'contact', slaFeedback: 'feedback', slaUpdateCadence: 'update' } as const;

/** The SLA in words made from the numbers ("accept within 4 business hours"), the one way a lead type states it. */
export function slaSentences(minutes: Partial<Record<SlaField, number | null>>, businessTime: boolean): string[] {
  return SLA_FIELDS.filter((field) => typeof minutes[field] === 'number').map((field) =>
    field === 'slaUpdateCadence'
      ? `give an update every ${describeClock({ minutes: minutes[field]!, businessTime: false }).replace(/^within /, '')} while the lead is open (calendar time)`
      : describeClock({ minutes: minutes[field]!, businessTime, kind: KINDS[field] }),
  );
}

/** The example partner: Monday to Friday 09:00–17:00 in Berlin, no holidays. */
const EXAMPLE_ZONE = 'Europe/Berlin';
const EXAMPLE_HOURS = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

/**
 * A worked example: an offer on the coming Friday at 16:30 in Berlin to a partner working Monday to Friday
 * 09:00–17:00, and when each clock would fall due ("offered Fri 16:30 Europe/Berlin → accept due Mon 12:30").
 */
export function slaPreview(minutes: Partial<Record<SlaField, number | null>>, businessTime: boolean, now: Date): string[] {
  const { slaAccept, slaContact, slaFeedback } = minutes;
  if (typeof slaAccept !== 'number' || typeof slaContact !== 'number' || typeof slaFeedback !== 'number') return [];
  const local = DateTime.fromJSDate(now, { zone: EXAMPLE_ZONE });
  const friday = local.plus({ days: (5 - local.weekday + 7) % 7 || 7 }).set({ hour: 16, minute: 30, second: 0, millisecond: 0 });
  const due = computeDueTimes(
    { offeredAt: friday.toJSDate(), accept: slaAccept, contact: slaContact, feedback: slaFeedback, businessTime },
    { timezone: EXAMPLE_ZONE, hours: EXAMPLE_HOURS, holidays: [] },
  );
  const when = (date: Date) => DateTime.fromJSDate(date, { zone: EXAMPLE_ZONE }).toFormat('ccc d LLL HH:mm');
  const offered = `offered ${friday.toFormat('ccc d LLL HH:mm')} ${EXAMPLE_ZONE}`;
  return [
    `${offered} → accept due ${when(due.acceptDueAt)}`,
    `${offered} → first contact due ${when(due.contactDueAt)}`,
    `${offered} → verdict due ${when(due.feedbackDueAt)}`,
  ];
}
