import fc from 'fast-check';
import { BusinessCalendar, calendarProblems, fixedHolidays, HolidaySet, InvalidCalendarError } from './business-calendar';
import { addBusinessMinutes, DueTimeOutOfRangeError } from './sla-clock';

const weekday = { day: 1, start: '09:00', end: '17:00' };

function calendar(overrides: Partial<BusinessCalendar>): BusinessCalendar {
  return { timezone: 'Europe/Berlin', hours: [weekday], holidays: [], ...overrides };
}

describe('calendarProblems', () => {
  it('finds nothing wrong with a usable calendar, including a window to midnight', () => {
    expect(calendarProblems(calendar({ hours: [weekday, { day: 7, start: '18:00', end: '24:00' }], holidays: ['2026-12-25'] }))).toEqual([]);
  });

  it('accepts a calendar with no windows, which is timed in calendar time', () => {
    expect(calendarProblems(calendar({ hours: [] }))).toEqual([]);
  });

  it('names each broken window by its position and says what to fix', () => {
    const problems = calendarProblems(
      calendar({
        hours: [
          weekday,
          { day: 0, start: '09:00', end: '17:00' },
          { day: 2, start: '9:00', end: '25:00' },
          { day: 3, start: '22:00', end: '06:00' },
        ],
      }),
    );
    expect(problems).toEqual([
      'business hours #2: day must be 1 (Monday) to 7 (Sunday), got 0',
      'business hours #3: start "9:00" must be a time like "09:00"',
      'business hours #3: end "25:00" must be a time like "17:00" (or "24:00")',
      'business hours #4: start 22:00 must be before end 06:00; split a window that crosses midnight in two',
    ]);
  });

  it('rejects holidays that are not real dates', () => {
    expect(calendarProblems(calendar({ holidays: ['2026-02-30', '25.12.2026', new Date('nonsense')] }))).toEqual([
      'holiday "2026-02-30" must be a date like "2026-12-25"',
      'holiday "25.12.2026" must be a date like "2026-12-25"',
      'holiday "Invalid Date" must be a date like "2026-12-25"',
    ]);
  });

  it('makes the clock functions throw InvalidCalendarError carrying every problem', () => {
    const broken = calendar({ timezone: 'Mars/Olympus', holidays: ['someday'] });
    let thrown: unknown;
    try {
      addBusinessMinutes(new Date('2026-03-10T10:00:00Z'), 60, broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidCalendarError);
    expect((thrown as InvalidCalendarError).problems).toEqual([
      'timezone "Mars/Olympus" is not an IANA time zone such as "Europe/Berlin"',
      'holiday "someday" must be a date like "2026-12-25"',
    ]);
  });
});

describe('holiday sets generated per year', () => {
  const week = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
  /** Every 25 December and 1 January, for any year, counting which years were asked for. */
  const yearly = (asked: number[]): HolidaySet => ({
    key: `christmas-${asked.length}-${Math.random()}`,
    datesIn: (year) => {
      asked.push(year);
      return [`${year}-12-25`, `${year}-01-01`, 'not a date'];
    },
  });

  it('skips a generated holiday in a year nobody listed, and asks only for the years the walk reaches', () => {
    const asked: number[] = [];
    const cal: BusinessCalendar = { timezone: 'Europe/Berlin', hours: week, holidays: yearly(asked) };
    // Thursday 24 December 2037, 16:00 in Berlin: one hour that day, then Friday 25th is a holiday, the weekend, Monday 28th.
    const due = addBusinessMinutes(new Date('2037-12-24T15:00:00Z'), 120, cal);
    expect(due.toISOString()).toBe('2037-12-28T09:00:00.000Z');
    expect(Math.min(...asked)).toBe(2037);
    expect(Math.max(...asked)).toBeLessThanOrEqual(2038);
  });

  it('gives the same due times as the same dates listed once, over random offers and spans', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 * 24 * 30 }),
        (start, minutes) => {
          const listed = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034].flatMap((y) => [`${y}-12-25`, `${y}-01-01`]);
          const generated = addBusinessMinutes(start, minutes, { timezone: 'Europe/Berlin', hours: week, holidays: yearly([]) });
          const fixed = addBusinessMinutes(start, minutes, { timezone: 'Europe/Berlin', hours: week, holidays: listed });
          expect(generated.toISOString()).toBe(fixed.toISOString());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays bounded when every weekday of every year is a holiday', () => {
    const everyDay: HolidaySet = {
      key: 'every-day',
      datesIn: (year) => {
        const days: string[] = [];
        for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
        return days;
      },
    };
    expect(() => addBusinessMinutes(new Date('2026-01-05T09:00:00Z'), 60, { timezone: 'Europe/Berlin', hours: week, holidays: everyDay })).toThrow(DueTimeOutOfRangeError);
  });

  it('turns a fixed list into the same set, year by year', () => {
    const set = fixedHolidays(['2026-12-25', new Date(2027, 0, 1), 'nonsense']);
    expect(set.datesIn(2026)).toEqual(['2026-12-25']);
    expect(set.datesIn(2027)).toEqual(['2027-01-01']);
    expect(set.datesIn(2028)).toEqual([]);
  });
});
