import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BusinessCalendar, CalendarWindow, InvalidCalendarError } from './business-calendar';
import { addBusinessMinutes, businessMinutesBetween, computeDueTimes, describeClock, DueTimeOutOfRangeError, MAX_DUE_YEARS } from './sla-clock';

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

function windows(days: number[], ...spans: Array<[string, string]>): CalendarWindow[] {
  return days.flatMap((day) => spans.map(([start, end]) => ({ day, start, end })));
}

function calendar(timezone: string, hours: CalendarWindow[], holidays: BusinessCalendar['holidays'] = []): BusinessCalendar {
  return { timezone, hours, holidays };
}

const berlin = calendar('Europe/Berlin', windows(WEEKDAYS, ['09:00', '17:00']));
const berlinEveryDay = calendar('Europe/Berlin', windows(ALL_DAYS, ['09:00', '17:00']));
const berlinAroundTheClock = calendar('Europe/Berlin', windows(ALL_DAYS, ['00:00', '24:00']));
const newYork = calendar('America/New_York', windows(WEEKDAYS, ['09:00', '17:00']));
const berlinLunch = calendar('Europe/Berlin', windows(WEEKDAYS, ['09:00', '12:00'], ['13:00', '17:00']));

const at = (iso: string): Date => new Date(iso);
const add = (start: string, minutes: number, cal: BusinessCalendar): string => addBusinessMinutes(at(start), minutes, cal).toISOString();

describe('addBusinessMinutes in a Monday–Friday 09:00–17:00 Berlin calendar', () => {
  it('counts straight through when the offer and the due time are in the same window', () => {
    expect(add('2026-03-10T10:00:00+01:00', 60, berlin)).toBe('2026-03-10T10:00:00.000Z'); // Tue 11:00 CET
  });

  it('carries what is left at 17:00 over to the next morning: 16:30 + 4 h is 12:30 next day', () => {
    expect(add('2026-03-10T16:30:00+01:00', 240, berlin)).toBe('2026-03-11T11:30:00.000Z'); // Wed 12:30 CET
  });

  it('carries a late Friday offer over the weekend to Monday', () => {
    expect(add('2026-03-13T16:00:00+01:00', 120, berlin)).toBe('2026-03-16T09:00:00.000Z'); // Mon 10:00 CET
  });

  it('starts counting a weekend offer when Monday opens', () => {
    expect(add('2026-03-14T11:00:00+01:00', 30, berlin)).toBe('2026-03-16T08:30:00.000Z'); // Mon 09:30 CET
  });

  it('starts counting an offer made before opening at 09:00', () => {
    expect(add('2026-03-10T06:15:00+01:00', 15, berlin)).toBe('2026-03-10T08:15:00.000Z'); // Tue 09:15 CET
  });

  it('ends exactly at closing time rather than at the next opening when the minutes run out at 17:00', () => {
    expect(add('2026-03-10T16:00:00+01:00', 60, berlin)).toBe('2026-03-10T16:00:00.000Z'); // Tue 17:00 CET
  });

  it('skips holidays: Thursday before Easter + 2 h lands on the Tuesday after', () => {
    const withEaster = calendar('Europe/Berlin', berlin.hours, ['2026-04-03', '2026-04-06']);
    expect(add('2026-04-02T16:00:00+02:00', 120, withEaster)).toBe('2026-04-07T08:00:00.000Z'); // Tue 10:00 CEST
    expect(add('2026-04-02T16:00:00+02:00', 120, berlin)).toBe('2026-04-03T08:00:00.000Z'); // Fri 10:00 without them
  });

  it('accepts holidays as the local-midnight Dates node-postgres returns for a date column', () => {
    const asDate = calendar('Europe/Berlin', berlin.hours, [new Date(2026, 3, 3), new Date(2026, 3, 6)]);
    expect(add('2026-04-02T16:00:00+02:00', 120, asDate)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('returns the offer time itself for zero minutes, even out of hours', () => {
    expect(add('2026-03-14T11:00:00+01:00', 0, berlin)).toBe('2026-03-14T10:00:00.000Z');
  });

  it('keeps second and millisecond precision of the offer time', () => {
    expect(add('2026-03-10T10:00:12.345+01:00', 1, berlin)).toBe('2026-03-10T09:01:12.345Z');
  });
});

describe('addBusinessMinutes across daylight-saving changes', () => {
  it('keeps 09:00–17:00 local on the Berlin spring-forward Sunday (2026-03-29, a 23-hour day)', () => {
    // Saturday 16:00 CET + 2 h: one hour Saturday, then Sunday 09:00 CEST (07:00Z) + 1 h.
    expect(add('2026-03-28T16:00:00+01:00', 120, berlinEveryDay)).toBe('2026-03-29T08:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'), berlinEveryDay)).toBe(480);
  });

  it('keeps 09:00–17:00 local on the Berlin fall-back Sunday (2026-10-25, a 25-hour day)', () => {
    expect(add('2026-10-24T16:00:00+02:00', 120, berlinEveryDay)).toBe('2026-10-25T09:00:00.000Z'); // Sun 10:00 CET
    expect(businessMinutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), berlinEveryDay)).toBe(480);
  });

  it('moves the weekday calendar to the new offset on Monday after the Berlin change', () => {
    expect(add('2026-03-27T16:00:00+01:00', 120, berlin)).toBe('2026-03-30T08:00:00.000Z'); // Mon 10:00 CEST
    expect(add('2026-10-23T16:00:00+02:00', 120, berlin)).toBe('2026-10-26T09:00:00.000Z'); // Mon 10:00 CET
  });

  it('counts the real 23 and 25 hours of the change days in a round-the-clock calendar', () => {
    expect(businessMinutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'), berlinAroundTheClock)).toBe(23 * 60);
    expect(businessMinutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), berlinAroundTheClock)).toBe(25 * 60);
    // Around the clock, business time is elapsed time, whatever the wall clock does.
    expect(add('2026-03-29T00:00:00+01:00', 24 * 60, berlinAroundTheClock)).toBe('2026-03-29T23:00:00.000Z');
    expect(add('2026-10-25T00:00:00+02:00', 25 * 60, berlinAroundTheClock)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('follows the New York changes (2026-03-08 and 2026-11-01), a different week from Europe', () => {
    expect(add('2026-03-06T16:00:00-05:00', 120, newYork)).toBe('2026-03-09T14:00:00.000Z'); // Mon 10:00 EDT
    expect(add('2026-10-30T16:00:00-04:00', 120, newYork)).toBe('2026-11-02T15:00:00.000Z'); // Mon 10:00 EST
  });

  it('reads the weekday in the partner zone, not in UTC', () => {
    // Friday 23:30 in New York is already Saturday in UTC; the Friday window is over, so Monday it is.
    expect(add('2026-03-13T23:30:00-04:00', 30, newYork)).toBe('2026-03-16T13:30:00.000Z');
    // Monday 00:30 in Berlin is still Sunday in UTC, and counting starts at 09:00 that Monday.
    expect(add('2026-03-16T00:30:00+01:00', 30, berlin)).toBe('2026-03-16T08:30:00.000Z');
  });
});

describe('addBusinessMinutes with a lunch break (two windows a day)', () => {
  it('pauses over lunch', () => {
    expect(add('2026-03-10T11:30:00+01:00', 60, berlinLunch)).toBe('2026-03-10T12:30:00.000Z'); // 13:30 CET
  });

  it('ends at 12:00 when the minutes run out as lunch starts', () => {
    expect(add('2026-03-10T11:30:00+01:00', 30, berlinLunch)).toBe('2026-03-10T11:00:00.000Z');
  });

  it('starts counting an offer made during lunch at 13:00', () => {
    expect(add('2026-03-10T12:15:00+01:00', 15, berlinLunch)).toBe('2026-03-10T12:15:00.000Z'); // 13:15 CET
  });

  it('merges overlapping windows instead of counting the overlap twice', () => {
    const overlapping = calendar('Europe/Berlin', windows(WEEKDAYS, ['09:00', '13:00'], ['12:00', '17:00']));
    expect(businessMinutesBetween(at('2026-03-10T00:00:00+01:00'), at('2026-03-11T00:00:00+01:00'), overlapping)).toBe(480);
  });
});

describe('addBusinessMinutes over long spans', () => {
  it('lands 1,000,000 business minutes (416 weeks + 1,600 minutes) on the exact local time', () => {
    const start = DateTime.fromISO('2026-01-05T09:00', { zone: 'Europe/Berlin' }); // a Monday
    const expected = start.plus({ weeks: 416, days: 3 }).set({ hour: 11, minute: 40 });
    expect(addBusinessMinutes(start.toJSDate(), 1_000_000, berlin).toISOString()).toBe(expected.toUTC().toISO());
  });

  it('walks 45 years of business time without looping per minute or per day', () => {
    const start = at('2026-01-05T08:00:00Z');
    const began = process.hrtime.bigint();
    const due = addBusinessMinutes(start, 5_000_000, berlinLunch);
    const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
    expect(businessMinutesBetween(start, due, berlinLunch)).toBe(5_000_000);
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('gives the same due time stepping a long span in chunks, so skipping whole weeks loses nothing', () => {
    const withHolidays = calendar('Europe/Berlin', berlinLunch.hours, ['2026-04-03', '2026-04-06', '2026-12-24', '2026-12-25']);
    let stepped = at('2026-01-02T15:00:00Z');
    for (let i = 0; i < 200; i++) stepped = addBusinessMinutes(stepped, 500, withHolidays);
    expect(addBusinessMinutes(at('2026-01-02T15:00:00Z'), 100_000, withHolidays)).toEqual(stepped);
  });
});

describe('calendars that cannot be walked', () => {
  it('counts calendar time for a calendar with no windows at all', () => {
    const noHours = calendar('Europe/Berlin', []);
    expect(add('2026-03-14T11:00:00Z', 90, noHours)).toBe('2026-03-14T12:30:00.000Z');
    expect(businessMinutesBetween(at('2026-03-14T11:00:00Z'), at('2026-03-14T12:30:00Z'), noHours)).toBe(90);
  });

  it('rejects an unknown timezone with an error that names it', () => {
    expect(() => addBusinessMinutes(at('2026-03-10T10:00:00Z'), 60, calendar('Europe/Atlantis', berlin.hours))).toThrow(
      new InvalidCalendarError(['timezone "Europe/Atlantis" is not an IANA time zone such as "Europe/Berlin"']),
    );
  });

  it('rejects negative, infinite and NaN minutes and an invalid start', () => {
    expect(() => addBusinessMinutes(at('2026-03-10T10:00:00Z'), -1, berlin)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-03-10T10:00:00Z'), Infinity, berlin)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-03-10T10:00:00Z'), NaN, berlin)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date('nonsense'), 10, berlin)).toThrow('start is not a valid date');
  });
});

describe('businessMinutesBetween', () => {
  it('counts only the business part of a span that crosses a weekend', () => {
    // Friday 16:00 → Monday 10:00 is one hour on Friday and one on Monday.
    expect(businessMinutesBetween(at('2026-03-13T16:00:00+01:00'), at('2026-03-16T10:00:00+01:00'), berlin)).toBe(120);
  });

  it('is 0 when to is not after from', () => {
    expect(businessMinutesBetween(at('2026-03-10T12:00:00Z'), at('2026-03-10T10:00:00Z'), berlin)).toBe(0);
  });

  it('counts a whole year of weeks with holidays exactly', () => {
    const withHolidays = calendar('Europe/Berlin', berlin.hours, ['2026-01-01', '2026-12-25']); // both weekdays
    const year = businessMinutesBetween(at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'), withHolidays);
    expect(year).toBe((261 - 2) * 480); // 2026 has 261 weekdays
  });
});

describe('computeDueTimes', () => {
  it('counts each clock from the offer in the partner calendar for business-time lead types', () => {
    const due = computeDueTimes({ offeredAt: at('2026-03-13T16:00:00+01:00'), accept: 60, contact: 240, feedback: 4800, businessTime: true }, berlin);
    expect(due).toEqual({
      acceptDueAt: at('2026-03-13T17:00:00+01:00'),
      contactDueAt: at('2026-03-16T12:00:00+01:00'),
      feedbackDueAt: at('2026-03-27T16:00:00+01:00'),
    });
  });

  it('ignores hours, weekends and holidays for calendar-time lead types', () => {
    const withHoliday = calendar('Europe/Berlin', berlin.hours, ['2026-03-15']);
    const due = computeDueTimes({ offeredAt: at('2026-03-14T23:00:00Z'), accept: 60, contact: 1440, feedback: 10080, businessTime: false }, withHoliday);
    expect(due).toEqual({
      acceptDueAt: at('2026-03-15T00:00:00Z'),
      contactDueAt: at('2026-03-15T23:00:00Z'),
      feedbackDueAt: at('2026-03-21T23:00:00Z'),
    });
  });

  it('rejects negative minutes for calendar-time lead types too', () => {
    expect(() => computeDueTimes({ offeredAt: at('2026-03-14T23:00:00Z'), accept: -5, contact: 1, feedback: 1, businessTime: false }, berlin)).toThrow(RangeError);
  });
});

describe('describeClock', () => {
  it.each`
    minutes | businessTime | kind          | text
    ${180}  | ${true}      | ${'accept'}   | ${'accept within 3 business hours'}
    ${60}   | ${true}      | ${undefined}  | ${'within 1 business hour'}
    ${45}   | ${true}      | ${'contact'}  | ${'contact the buyer within 45 business minutes'}
    ${90}   | ${true}      | ${undefined}  | ${'within 1 hour and 30 minutes of business time'}
    ${2400} | ${true}      | ${'feedback'} | ${'give feedback within 40 business hours'}
    ${2880} | ${false}     | ${'feedback'} | ${'give feedback within 2 days'}
    ${1440} | ${false}     | ${undefined}  | ${'within 1 day'}
    ${1501} | ${false}     | ${undefined}  | ${'within 1 day, 1 hour and 1 minute'}
    ${30}   | ${false}     | ${undefined}  | ${'within 30 minutes'}
  `('says $minutes minutes (business time: $businessTime) as "$text"', ({ minutes, businessTime, kind, text }) => {
    expect(describeClock({ minutes, businessTime, kind })).toBe(text);
  });
});

describe('properties', () => {
  const sydney = calendar('Australia/Sydney', windows(ALL_DAYS, ['08:00', '18:00']), ['2026-01-26', '2026-04-03']);
  const arbCalendar = fc.constantFrom(
    calendar('Europe/Berlin', berlin.hours, ['2026-03-30', '2026-10-26', '2026-12-24', '2026-12-25', '2027-01-01']),
    calendar('America/New_York', berlinLunch.hours, ['2026-11-26', '2026-11-27']),
    sydney,
    berlinAroundTheClock,
  );
  const arbStart = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true });

  function insideOrAtEndOfWindow(due: Date, cal: BusinessCalendar): boolean {
    // An instant just before the due time must be business time; then the due time is inside a window or at its end.
    const local = DateTime.fromMillis(due.getTime() - 1, { zone: cal.timezone });
    if ((cal.holidays as readonly string[]).includes(local.toISODate()!)) return false;
    const minute = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
    const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    return cal.hours.some((w) => w.day === local.weekday && toMinutes(w.start) <= minute && minute < toMinutes(w.end));
  }

  it('puts every due time inside a business window or exactly at its end', () => {
    fc.assert(
      fc.property(arbCalendar, arbStart, fc.integer({ min: 1, max: 30_000 }), (cal, start, minutes) => {
        expect(insideOrAtEndOfWindow(addBusinessMinutes(start, minutes, cal), cal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never gives an earlier due time for more minutes', () => {
    fc.assert(
      fc.property(arbCalendar, arbStart, fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000 }), (cal, start, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(start, fewer, cal).getTime()).toBeLessThanOrEqual(addBusinessMinutes(start, more, cal).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('equals elapsed time in a round-the-clock calendar, however many clock changes a long span crosses', () => {
    fc.assert(
      fc.property(arbStart, fc.integer({ min: 1, max: 1_000_000 }), (start, minutes) => {
        const due = addBusinessMinutes(start, minutes, berlinAroundTheClock);
        expect(due.getTime() - start.getTime()).toBe(minutes * 60_000);
        expect(businessMinutesBetween(start, due, berlinAroundTheClock)).toBe(minutes);
      }),
      { numRuns: 200 },
    );
  });

  it('is undone by businessMinutesBetween and adds up in steps', () => {
    fc.assert(
      fc.property(arbCalendar, arbStart, fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 60_000 }), (cal, start, a, b) => {
        const afterA = addBusinessMinutes(start, a, cal);
        expect(businessMinutesBetween(start, afterA, cal)).toBe(a);
        expect(addBusinessMinutes(afterA, b, cal)).toEqual(addBusinessMinutes(start, a + b, cal));
      }),
      { numRuns: 300 },
    );
  });
});

describe('addBusinessMinutes: bounded', () => {
  const berlin = (hours: { day: number; start: string; end: string }[], holidays: string[] = []) => ({ timezone: 'Europe/Berlin', hours, holidays });
  const start = new Date('2026-03-02T09:00:00Z');

  it('refuses a due time more than 50 years ahead quickly, with a clear error, instead of walking for seconds', () => {
    const began = performance.now();
    expect(() => addBusinessMinutes(start, 525_600, berlin([{ day: 1, start: '09:00', end: '09:01' }]))).toThrow(DueTimeOutOfRangeError);
    expect(() => addBusinessMinutes(start, 525_600, berlin([{ day: 1, start: '09:00', end: '09:01' }]))).toThrow(
      /525600 business minutes would fall due more than 50 years ahead in this calendar/,
    );
    expect(performance.now() - began).toBeLessThan(1_000);
  });

  it('computes the longest valid SLA (60 days) in the thinnest valid week (1 hour) in well under a second', () => {
    // 1,000 holidays on the partner's one business day stretch it further still.
    const holidays = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(2026, 2, 9 + 14 * i)).toISOString().slice(0, 10));
    const began = performance.now();
    const due = addBusinessMinutes(start, 86_400, berlin([{ day: 1, start: '09:00', end: '10:00' }], holidays));
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(due.getUTCFullYear()).toBeGreaterThan(2026 + 27);
    expect(due.getUTCFullYear()).toBeLessThan(2026 + MAX_DUE_YEARS);
  });
});
