import { BusinessCalendar, calendarProblems, InvalidCalendarError } from './business-calendar';
import { addBusinessMinutes } from './sla-clock';

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
