// Due-time arithmetic for the demo data: business minutes in a partner's own calendar.
import { DateTime } from 'luxon';

export interface PartnerCalendar {
  timezone: string;
  businessHours: { day: number; start: string; end: string }[];
  holidays: string[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MAX_DAYS_SEARCHED = 366;
/** Opening windows (epoch ms) per calendar and local date; luxon zone maths is slow, days repeat a lot. */
const windowCache = new WeakMap<PartnerCalendar, Map<string, [number, number][]>>();

/** Adds minutes of business time (or plain calendar time) to a moment. */
export function addSlaMinutes(from: Date, minutes: number, calendar: PartnerCalendar, businessTime: boolean): Date {
  if (!businessTime) return new Date(from.getTime() + minutes * MINUTE);
  const firstDay = DateTime.fromJSDate(from, { zone: calendar.timezone }).toISODate()!;
  const firstDayUtc = Date.parse(`${firstDay}T00:00:00Z`);
  let cursor = from.getTime();
  let left = minutes * MINUTE;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    for (const [start, end] of windowsOn(calendar, new Date(firstDayUtc + i * DAY))) {
      const begin = Math.max(cursor, start);
      if (begin >= end) continue;
      if (end - begin >= left) return new Date(begin + left);
      left -= end - begin;
      cursor = end;
    }
  }
  throw new Error(`No business hours within a year in ${calendar.timezone}`);
}

/** The opening windows of one local date (given as midnight UTC of that date). */
function windowsOn(calendar: PartnerCalendar, date: Date): [number, number][] {
  const iso = date.toISOString().slice(0, 10);
  let byDate = windowCache.get(calendar);
  if (!byDate) windowCache.set(calendar, (byDate = new Map()));
  let windows = byDate.get(iso);
  if (!windows) {
    const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    const open = calendar.holidays.includes(iso) ? [] : calendar.businessHours.filter((w) => w.day === weekday);
    const at = (hhmm: string) => DateTime.fromISO(`${iso}T${hhmm}`, { zone: calendar.timezone }).toMillis();
    windows = open.map((w): [number, number] => [at(w.start), at(w.end)]).sort((a, b) => a[0] - b[0]);
    byDate.set(iso, windows);
  }
  return windows;
}
