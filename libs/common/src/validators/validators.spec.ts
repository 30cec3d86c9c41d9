import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCalendarDate } from './is-calendar-date';
import { IsLaterThan } from './is-later-than';
import { IsTimeZone } from './is-time-zone';
import { Omittable } from './omittable';

class Sample {
  @Omittable() @IsTimeZone() timezone?: string;
  @Omittable() @IsCalendarDate() day?: string;
  start?: string;
  @Omittable() @IsLaterThan('start') end?: string;
}

const problemsOf = (plain: Record<string, unknown>) =>
  validateSync(plainToInstance(Sample, plain)).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

describe('custom validators', () => {
  it('accepts IANA zones and rejects anything else', () => {
    expect(problemsOf({ timezone: 'Europe/Berlin' })).toEqual([]);
    expect(problemsOf({ timezone: 'UTC' })).toEqual([]);
    expect(problemsOf({ timezone: 'Mars/Olympus' })).toEqual([['timezone', 'timezone must be an IANA time zone such as "Europe/Berlin"']]);
    expect(problemsOf({ timezone: 42 })).toHaveLength(1);
  });

  it('accepts real yyyy-mm-dd dates only', () => {
    expect(problemsOf({ day: '2028-02-29' })).toEqual([]);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '20260101', 20260101]) {
      expect(problemsOf({ day: bad })).toEqual([['day', 'day must be a date as yyyy-mm-dd']]);
    }
  });

  it('wants the value strictly later than its sibling, and leaves a missing sibling to its own rules', () => {
    expect(problemsOf({ start: '09:00', end: '17:00' })).toEqual([]);
    expect(problemsOf({ start: '09:00', end: '09:00' })).toEqual([['end', 'end must be later than start']]);
    expect(problemsOf({ start: '17:00', end: '09:00' })).toEqual([['end', 'end must be later than start']]);
    expect(problemsOf({ end: '09:00' })).toEqual([]);
  });

  it('skips a missing value but still validates null', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({ timezone: null })).toHaveLength(1);
  });
});
