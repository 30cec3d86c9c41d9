// Due-time arithmetic for the demo data: business minutes in a partner's own calendar.
import { DateTime } from 'luxon';

export interface PartnerCalendar {
  timezone: string;
  businessHours: { day: number; start: string; end: string }[];
  holidays: string[];
}

const MAX_DAYS_SEARCHED = 366;

/** Adds minutes of business time (or plain calendar time) to a moment. */
export function addSlaMinutes(from: Date, minutes: number, calendar: PartnerCalendar, businessTime: boolean): Date {
  if (!businessTime) return new Date(from.getTime() + minutes * 60_000);
  let cursor = DateTime.fromJSDate(from, { zone: calendar.timezone });
  let left = minutes;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    const day = cursor.startOf('day');
    if (!calendar.holidays.includes(day.toISODate() ?? '')) {
      const windows = calendar.businessHours.filter((w) => w.day === day.weekday).sort((a, b) => a.start.localeCompare(b.start));
      for (const window of windows) {
        const start = atTime(day, window.start);
        const end = atTime(day, window.end);
        const begin = cursor > start ? cursor : start;
        if (begin >= end) continue;
        const available = end.diff(begin, 'minutes').minutes;
        if (available >= left) return begin.plus({ minutes: left }).toJSDate();
        left -= available;
      }
    }
    cursor = day.plus({ days: 1 });
  }
  throw new Error(`No business hours within a year in ${calendar.timezone}`);
}

function atTime(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}
