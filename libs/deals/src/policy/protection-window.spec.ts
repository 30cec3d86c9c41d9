import fc from 'fast-check';
import { daysLeft, extendedUntil, isProtected, protectedUntil, reminderAt } from './protection-window';

const settings = { exclusivityDays: 90, reminderDays: 14, extensionDays: 30 };
const at = (iso: string) => new Date(iso);

describe('the exclusivity window', () => {
  it('runs the configured days from approval and ends exactly then', () => {
    const until = protectedUntil(at('2026-03-02T09:00:00Z'), settings);
    expect(until.toISOString()).toBe('2026-05-31T09:00:00.000Z');
    expect(isProtected(until, at('2026-05-31T08:59:59Z'))).toBe(true);
    expect(isProtected(until, until)).toBe(false);
    expect(isProtected(null, until)).toBe(false);
  });

  it('reminds the configured days before the end, never before approval', () => {
    const approved = at('2026-03-02T09:00:00Z');
    expect(reminderAt(approved, protectedUntil(approved, settings), settings).toISOString()).toBe('2026-05-17T09:00:00.000Z');
    expect(reminderAt(approved, protectedUntil(approved, { ...settings, exclusivityDays: 7 }), settings)).toEqual(approved);
  });

  it('extends from the end, or from now once over', () => {
    expect(extendedUntil(at('2026-05-31T09:00:00Z'), at('2026-05-20T00:00:00Z'), settings).toISOString()).toBe('2026-06-30T09:00:00.000Z');
    expect(extendedUntil(at('2026-05-31T09:00:00Z'), at('2026-06-10T00:00:00Z'), settings).toISOString()).toBe('2026-07-10T00:00:00.000Z');
  });

  const instant = fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z'), noInvalidDate: true });
  const days = fc.record({ exclusivityDays: fc.integer({ min: 1, max: 365 }), reminderDays: fc.integer({ min: 0, max: 60 }), extensionDays: fc.integer({ min: 1, max: 180 }) });

  it('always reminds inside the window, and an extension always ends later than both the old end and now', () => {
    fc.assert(
      fc.property(instant, instant, days, (approved, now, s) => {
        const until = protectedUntil(approved, s);
        const remind = reminderAt(approved, until, s);
        const extended = extendedUntil(until, now, s);
        return remind >= approved && remind <= until && extended > until && extended > now && isProtected(extended, now);
      }),
    );
  });

  it('counts whole days left, rounded up', () => {
    expect(daysLeft(at('2026-05-31T09:00:00Z'), at('2026-05-30T10:00:00Z'))).toBe(1);
    expect(daysLeft(at('2026-05-31T09:00:00Z'), at('2026-06-30T10:00:00Z'))).toBe(0);
  });
});
