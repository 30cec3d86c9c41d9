import { clockInWords, deadlineInWords, localTime, spanInWords } from './lead-times';

const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-03-02T09:00:00Z'); // Monday 10:00 in Berlin
const accept = { kind: 'accept' as const, minutes: 180, businessTime: true, dueAt: new Date('2026-03-02T14:00:00Z'), doneAt: null, endedAt: null };

describe('lead times in words', () => {
  it('names the day relative to now in the viewer’s zone, naming the zone,, with the year only when it differs', () => {
    expect(localTime(new Date('2026-03-02T22:59:00Z'), NOW, ZONE)).toBe('today 23:59 CET');
    expect(localTime(new Date('2026-03-02T23:00:00Z'), NOW, ZONE)).toBe('tomorrow 00:00 CET');
    expect(localTime(new Date('2026-03-01T08:00:00Z'), NOW, ZONE)).toBe('yesterday 09:00 CET');
    expect(localTime(new Date('2026-03-10T08:00:00Z'), NOW, ZONE)).toBe('Tue 10 Mar 09:00 CET');
    expect(localTime(new Date('2025-12-31T08:00:00Z'), NOW, ZONE)).toBe('Wed 31 Dec 2025 09:00 CET');
  });

  it('says a running clock is due, a stopped one met or missed, and one whose offer ended stopped', () => {
    expect(clockInWords(accept, NOW, ZONE)).toEqual({ state: 'due', text: 'accept within 3 business hours — due today 15:00 CET' });
    expect(clockInWords({ ...accept, doneAt: new Date('2026-03-02T09:42:00Z') }, NOW, ZONE).text).toBe('accept within 3 business hours — met today 10:42 CET');
    expect(clockInWords(accept, new Date('2026-03-02T14:01:00Z'), ZONE)).toEqual({ state: 'missed', text: 'accept within 3 business hours — missed: was due today 15:00 CET' });
    expect(clockInWords({ ...accept, doneAt: new Date('2026-03-02T15:00:00Z') }, NOW, ZONE).state).toBe('missed');
    expect(clockInWords({ ...accept, endedAt: new Date('2026-03-02T10:00:00Z') }, NOW, ZONE)).toEqual({ state: 'stopped', text: 'accept within 3 business hours — stopped: the offer ended' });
  });
});

describe('the next deadline in a list', () => {
  it('says how long is left, or how long it is overdue, with the due time in the viewer’s zone', () => {
    const dueAt = new Date('2026-03-02T10:20:00Z');
    expect(deadlineInWords({ kind: 'accept', dueAt }, NOW, ZONE)).toEqual({ text: 'accept within 1 h 20 min', due: 'today 11:20 CET', overdue: false });
    expect(deadlineInWords({ kind: 'contact', dueAt: new Date('2026-03-02T06:00:00Z') }, NOW, ZONE)).toEqual({ text: 'contact overdue by 3 h', due: 'today 07:00 CET', overdue: true });
    expect(deadlineInWords({ kind: 'feedback', dueAt: new Date('2026-03-05T13:00:00Z') }, NOW, ZONE)?.text).toBe('feedback within 3 d 4 h');
    expect(deadlineInWords(null, NOW, ZONE)).toBeNull();
  });

  it('keeps spans short: minutes, hours and minutes, days and hours', () => {
    expect(spanInWords(30_000)).toBe('under a minute');
    expect(spanInWords(45 * 60_000)).toBe('45 min');
    expect(spanInWords(120 * 60_000)).toBe('2 h');
    expect(spanInWords(26 * 3_600_000 + 59 * 60_000)).toBe('1 d 2 h');
  });
});
