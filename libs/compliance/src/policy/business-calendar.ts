/** A partner's working week (the partners.business_hours/holidays shape) compiled into UTC windows per local date. */
import { DateTime, IANAZone } from 'luxon';

/** One weekly window in the partner's timezone; day is the ISO weekday (1 = Monday … 7 = Sunday). */
export interface CalendarWindow {
  day: number;
  /** 'HH:mm', local wall-clock time. */
  start: string;
  /** 'HH:mm' after start; '24:00' means until midnight. Windows never cross midnight. */
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Berlin'. */
  timezone: string;
  /**
   * Several windows per day are allowed (a lunch break is two windows); overlapping ones are merged.
   * No windows at all means the partner declared no hours: its clocks then run in calendar time.
   */
  hours: CalendarWindow[];
  /**
   * Days on which no window opens, in the partner's timezone: a fixed list of ISO dates (yyyy-mm-dd; a Date
   * is read by its local-time date parts, which is how node-postgres hands over a `date` column), or a
   * HolidaySet that yields each year's dates when a walk first reaches that year (holiday calendars).
   */
  holidays: ReadonlyArray<string | Date> | HolidaySet;
}

/**
 * Holidays generated per year on demand, so a calendar rolls over the years by itself. The walk asks only
 * for the years it reaches, and a due time never lies more than MAX_DUE_YEARS ahead, so the asking is bounded.
 */
export interface HolidaySet {
  /** Identifies the dates: two sets with the same key yield the same dates (compiled calendars are shared by it). */
  readonly key: string;
  /** The holidays (yyyy-mm-dd) that fall in that calendar year. */
  datesIn(year: number): ReadonlyArray<string>;
}

/** A fixed list of dates as a HolidaySet. */
export function fixedHolidays(dates: ReadonlyArray<string | Date>): HolidaySet {
  const byYear = new Map<number, string[]>();
  for (const date of dates) {
    const day = holidayDay(date);
    if (day === null) continue;
    const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    const year = yearOf(day);
    byYear.set(year, [...(byYear.get(year) ?? []), iso]);
  }
  return { key: JSON.stringify(dates.map(String)), datesIn: (year) => byYear.get(year) ?? [] };
}

const isHolidaySet = (holidays: BusinessCalendar['holidays']): holidays is HolidaySet => !Array.isArray(holidays);

/** Thrown for a calendar business time cannot be counted in; `problems` says what to fix, one line each. */
export class InvalidCalendarError extends Error {
  constructor(readonly problems: string[]) {
    super(`Business calendar cannot be used: ${problems.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Everything wrong with a calendar, in words an admin can act on; empty when it is usable. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  // IANAZone.create is cached per zone name; isValidZone would build a new Intl formatter on every call.
  if (!IANAZone.create(calendar.timezone).isValid) {
    problems.push(`timezone "${calendar.timezone}" is not an IANA time zone such as "Europe/Berlin"`);
  }
  calendar.hours.forEach((w, i) => {
    const where = `business hours #${i + 1}`;
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7) {
      problems.push(`${where}: day must be 1 (Monday) to 7 (Sunday), got ${String(w.day)}`);
    }
    const start = parseTime(w.start);
    const end = parseTime(w.end);
    if (start === null) problems.push(`${where}: start "${w.start}" must be a time like "09:00"`);
    if (end === null) problems.push(`${where}: end "${w.end}" must be a time like "17:00" (or "24:00")`);
    if (start !== null && end !== null && start >= end) {
      problems.push(`${where}: start ${w.start} must be before end ${w.end}; split a window that crosses midnight in two`);
    }
  });
  // A HolidaySet is checked year by year as it is read: a date it yields that is not one is skipped.
  if (!isHolidaySet(calendar.holidays)) {
    for (const holiday of calendar.holidays) {
      if (holidayDay(holiday) === null) problems.push(`holiday "${String(holiday)}" must be a date like "2026-12-25"`);
    }
  }
  return problems;
}

const MAX_CACHED_DAYS = 2_000;
const MAX_CACHED_CALENDARS = 1_000;
const compiled = new Map<string, CompiledCalendar>();

/**
 * The compiled form of a calendar, shared by every partner with the same zone, hours and holidays:
 * allocation computes due times on every offer, and most partners share a handful of calendars.
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const holidays = isHolidaySet(calendar.holidays) ? { set: calendar.holidays.key } : calendar.holidays;
  const key = JSON.stringify([calendar.timezone, calendar.hours, holidays]);
  let result = compiled.get(key);
  if (!result) {
    result = new CompiledCalendar(calendar);
    if (compiled.size >= MAX_CACHED_CALENDARS) compiled.clear();
    compiled.set(key, result);
  }
  return result;
}

/** A calendar ready for walking: windows as minutes of the local day, holidays as local day numbers. */
export class CompiledCalendar {
  /** Business time in a week with no holiday and no clock change, in ms; 0 when no hours are declared. */
  readonly weekMs: number;
  private readonly zone: IANAZone;
  private readonly windowsByWeekday: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  private readonly holidaySet: HolidaySet;
  /** A fixed list's local day numbers, sorted: one binary search finds the next holiday, whatever the span. */
  private readonly fixedDays: readonly number[] | null;
  /** Per calendar year, its holidays as local day numbers, sorted; filled as walks reach each year. */
  private readonly holidaysByYear = new Map<number, readonly number[]>();
  private readonly windowsByDay = new Map<number, ReadonlyArray<readonly [number, number]>>();

  constructor(calendar: BusinessCalendar) {
    const problems = calendarProblems(calendar);
    if (problems.length > 0) throw new InvalidCalendarError(problems);
    this.zone = IANAZone.create(calendar.timezone);
    this.windowsByWeekday = [1, 2, 3, 4, 5, 6, 7].map((day) =>
      mergeWindows(calendar.hours.filter((w) => w.day === day).map((w) => [parseTime(w.start)!, parseTime(w.end)!] as const)),
    );
    this.holidaySet = isHolidaySet(calendar.holidays) ? calendar.holidays : fixedHolidays(calendar.holidays);
    this.fixedDays = isHolidaySet(calendar.holidays) ? null : [...new Set(calendar.holidays.map((h) => holidayDay(h)!))].sort((a, b) => a - b);
    this.weekMs = this.windowsByWeekday.flat().reduce((sum, [start, end]) => sum + (end - start) * MS_PER_MINUTE, 0);
  }

  /** The local date (as days since 1970-01-01) that an instant falls on in the partner's zone. */
  localDay(ms: number): number {
    const local = DateTime.fromMillis(ms, { zone: this.zone });
    return Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
  }

  /** The day's windows as UTC instants [from, to); empty on holidays and days without hours. */
  windowsOn(day: number): ReadonlyArray<readonly [number, number]> {
    // Converting wall-clock times is the costly part (luxon asks Intl for the offset), so each day is done once.
    let windows = this.windowsByDay.get(day);
    if (!windows) {
      windows = this.computeWindowsOn(day);
      if (this.windowsByDay.size >= MAX_CACHED_DAYS) this.windowsByDay.clear();
      this.windowsByDay.set(day, windows);
    }
    return windows;
  }

  private computeWindowsOn(day: number): ReadonlyArray<readonly [number, number]> {
    if (this.firstHolidayFrom(day) === day) return [];
    const windows = this.windowsByWeekday[isoWeekday(day) - 1];
    // Converting each wall-clock boundary separately is what makes a 09:00–17:00 window stay 09:00–17:00 across DST.
    return windows.map(([start, end]) => [this.toUtc(day, start), this.toUtc(day, end)] as const).filter(([from, to]) => from < to);
  }

  /**
   * How many whole weeks from local midnight of `day` (at most maxWeeks) hold exactly weekMs of business
   * time each — no holiday and no clock change — so a long walk can skip them in one step.
   */
  plainWeeks(day: number, maxWeeks: number): number {
    const holiday = this.firstHolidayFrom(day, day + 7 * maxWeeks);
    const limit = holiday === undefined ? maxWeeks : Math.min(maxWeeks, Math.floor((holiday - day) / 7));
    if (limit <= 0) return 0;
    // Under an unchanged offset each later local midnight is exactly 7 days on; sampling it once a week
    // finds any clock change, as no zone changes its clocks twice within a week.
    const offsetMs = this.zone.offset(this.toUtc(day, 0)) * MS_PER_MINUTE;
    let weeks = 0;
    while (weeks < limit && this.zone.offset((day + 7 * (weeks + 1)) * MS_PER_DAY - offsetMs) * MS_PER_MINUTE === offsetMs) weeks++;
    return weeks;
  }

  /** The first holiday on or after `day`, looking no further than the year of `until`. */
  private firstHolidayFrom(day: number, until = day): number | undefined {
    if (this.fixedDays) return this.fixedDays[firstAtOrAfter(this.fixedDays, day)];
    const lastYear = yearOf(Math.max(day, until));
    for (let year = yearOf(day); year <= lastYear; year++) {
      const holidays = this.holidaysIn(year);
      const index = firstAtOrAfter(holidays, day);
      if (index < holidays.length) return holidays[index];
    }
    return undefined;
  }

  private holidaysIn(year: number): readonly number[] {
    let days = this.holidaysByYear.get(year);
    if (!days) {
      const inYear = this.holidaySet.datesIn(year).map((d) => parseDate(d)).filter((d): d is number => d !== null && yearOf(d) === year);
      days = [...new Set(inYear)].sort((a, b) => a - b);
      this.holidaysByYear.set(year, days);
    }
    return days;
  }

  private toUtc(day: number, minuteOfDay: number): number {
    if (minuteOfDay === MINUTES_PER_DAY) return this.toUtc(day + 1, 0);
    const date = new Date(day * MS_PER_DAY);
    return DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: Math.floor(minuteOfDay / 60),
        minute: minuteOfDay % 60,
      },
      { zone: this.zone },
    ).toMillis();
  }
}

function parseTime(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  return match[1] === undefined ? MINUTES_PER_DAY : Number(match[1]) * 60 + Number(match[2]);
}

function holidayDay(holiday: string | Date): number | null {
  if (holiday instanceof Date) {
    if (Number.isNaN(holiday.getTime())) return null;
    return Date.UTC(holiday.getFullYear(), holiday.getMonth(), holiday.getDate()) / MS_PER_DAY;
  }
  return parseDate(holiday);
}

function parseDate(text: string): number | null {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Index of the first entry >= day in a sorted list (its length when there is none). */
function firstAtOrAfter(sorted: readonly number[], day: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function isoWeekday(day: number): number {
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function mergeWindows(windows: Array<readonly [number, number]>): Array<readonly [number, number]> {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
