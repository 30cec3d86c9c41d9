/** SLA due-time arithmetic: business minutes in a partner's own calendar, or plain calendar minutes. */
import { BusinessCalendar, compileCalendar, MS_PER_MINUTE } from './business-calendar';

/** The three clocks an offer starts, their due times fixed at the offer. */
export type OfferClockKind = 'accept' | 'contact' | 'feedback';
/** Every clock compliance counts: the offer's three, and the update cadence while a qualified lead stays open. */
export type ClockKind = OfferClockKind | 'update';

/**
 * How far ahead a due time may fall. Valid settings stay well inside it (SLAs of at most 60 days, weeks
 * of at least an hour of business time: under 28 years, or more with many holidays); the bound is what
 * keeps a calendar saved before those checks from walking for seconds towards the year 12100.
 */
export const MAX_DUE_YEARS = 50;
const MAX_DUE_DAYS = Math.ceil(MAX_DUE_YEARS * 365.25);

/** The due time would lie more than MAX_DUE_YEARS after the start in this calendar. */
export class DueTimeOutOfRangeError extends RangeError {
  constructor(minutes: number) {
    super(
      `${minutes} business minutes would fall due more than ${MAX_DUE_YEARS} years ahead in this calendar; ` +
        'give the partner more business hours or the lead type a shorter SLA',
    );
    this.name = 'DueTimeOutOfRangeError';
  }
}
export const CLOCK_KINDS: readonly OfferClockKind[] = ['accept', 'contact', 'feedback'];
export const ALL_CLOCK_KINDS: readonly ClockKind[] = [...CLOCK_KINDS, 'update'];

/**
 * The instant `minutes` of business time after `start`. Time outside the calendar's windows (nights,
 * weekends, holidays, lunch breaks) does not count, so an offer made out of hours starts counting when
 * the next window opens; for minutes > 0 the result always lies inside a window or exactly at its end.
 * Zero minutes returns `start` unchanged, even out of hours: nothing has to be counted.
 *
 * A calendar with no windows at all counts calendar time: the partner declared no hours, and a due time
 * that never comes (or an allocation that fails) would be worse than a strict one. Throws
 * InvalidCalendarError for a bad timezone, malformed hours or holidays, RangeError for negative or
 * non-finite minutes or an invalid start, and DueTimeOutOfRangeError (after at most a few thousand steps)
 * when the due time lies more than MAX_DUE_YEARS ahead.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  let remaining = toMs(minutes);
  const startMs = instant(start, 'start');
  const cal = compileCalendar(calendar);
  if (remaining === 0 || cal.weekMs === 0) return new Date(startMs + remaining);

  const firstDay = cal.localDay(startMs);
  let cursor = startMs;
  for (let day = firstDay; ; day++) {
    if (day - firstDay > MAX_DUE_DAYS) throw new DueTimeOutOfRangeError(minutes);
    // Whole weeks are skipped in one step so a due time months away costs a few steps per week, not per minute.
    if (day > firstDay && remaining > cal.weekMs) {
      const horizonWeeks = Math.ceil((MAX_DUE_DAYS - (day - firstDay)) / 7) + 1;
      const weeks = cal.plainWeeks(day, Math.min(Math.floor((remaining - 1) / cal.weekMs), horizonWeeks));
      remaining -= weeks * cal.weekMs;
      day += 7 * weeks;
    }
    for (const [from, to] of cal.windowsOn(day)) {
      const begin = Math.max(from, cursor);
      if (begin >= to) continue;
      if (remaining <= to - begin) return new Date(begin + remaining);
      remaining -= to - begin;
      cursor = to;
    }
  }
}

/**
 * Business minutes between two instants (0 when `to` is not after `from`); fractional when the instants
 * are not on whole minutes; calendar minutes for a calendar with no windows. The inverse of addBusinessMinutes: between(s, add(s, m)) === m for m > 0.
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  const cal = compileCalendar(calendar);
  if (toMs <= fromMs) return 0;
  if (cal.weekMs === 0) return (toMs - fromMs) / MS_PER_MINUTE;

  const firstDay = cal.localDay(fromMs);
  const lastDay = cal.localDay(toMs);
  let total = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (day > firstDay && day + 7 <= lastDay) {
      const weeks = cal.plainWeeks(day, Math.floor((lastDay - day) / 7));
      total += weeks * cal.weekMs;
      day += 7 * weeks;
    }
    for (const [windowFrom, windowTo] of cal.windowsOn(day)) {
      const overlap = Math.min(windowTo, toMs) - Math.max(windowFrom, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MS_PER_MINUTE;
}

export interface DueTimesInput {
  offeredAt: Date;
  /** Minutes from the lead type's SLA, each counted from the offer. */
  accept: number;
  contact: number;
  feedback: number;
  /** False: plain calendar minutes, the partner's hours and holidays are ignored. */
  businessTime: boolean;
}

export interface DueTimes {
  acceptDueAt: Date;
  contactDueAt: Date;
  feedbackDueAt: Date;
}

/** The three SLA due times stored on an assignment when a lead is offered. */
export function computeDueTimes(input: DueTimesInput, calendar: BusinessCalendar): DueTimes {
  const due = (minutes: number): Date =>
    input.businessTime
      ? addBusinessMinutes(input.offeredAt, minutes, calendar)
      : new Date(instant(input.offeredAt, 'offeredAt') + toMs(minutes));
  return { acceptDueAt: due(input.accept), contactDueAt: due(input.contact), feedbackDueAt: due(input.feedback) };
}

const VERBS: Record<ClockKind, string> = {
  accept: 'accept',
  contact: 'contact the buyer',
  feedback: 'give feedback',
  update: 'give an update',
};

/**
 * An SLA in words for pages and emails: "accept within 3 business hours", "give feedback within 2 days".
 * Business time is said in hours and minutes only: a business day's length depends on the partner's hours.
 */
export function describeClock(clock: { minutes: number; businessTime: boolean; kind?: ClockKind }): string {
  const total = Math.round(toMs(clock.minutes) / MS_PER_MINUTE);
  const days = clock.businessTime ? 0 : Math.floor(total / 1440);
  const hours = Math.floor((total - days * 1440) / 60);
  const minutes = total % 60;
  const parts = [unit(days, 'day'), unit(hours, 'hour'), unit(minutes, 'minute')].filter((p): p is string => p !== null);
  let span: string;
  if (parts.length === 0) span = clock.businessTime ? '0 business minutes' : '0 minutes';
  else if (!clock.businessTime) span = joinParts(parts);
  else if (parts.length === 1) span = parts[0].replace(' ', ' business ');
  else span = `${joinParts(parts)} of business time`;
  return clock.kind ? `${VERBS[clock.kind]} within ${span}` : `within ${span}`;
}

function unit(n: number, name: string): string | null {
  return n === 0 ? null : `${n} ${name}${n === 1 ? '' : 's'}`;
}

function joinParts(parts: string[]): string {
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function toMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`SLA minutes must be a finite number of 0 or more, got ${minutes}`);
  }
  return Math.round(minutes * MS_PER_MINUTE);
}

function instant(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
