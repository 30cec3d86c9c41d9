import { summaryInZone } from './lead-view';

describe('a timeline line in the viewer’s zone', () => {
  const dueAt = '2026-03-02T13:00:00.000Z';

  it('writes a breach line’s stored UTC due time again in the viewer’s zone', () => {
    const event = { summary: 'Not contacted by Alpha within the agreed time (due 2 March 2026, 13:00 UTC)', data: { breach: 'contact', dueAt } };
    expect(summaryInZone(event, 'Europe/Berlin')).toBe('Not contacted by Alpha within the agreed time (due 2 March 2026, 14:00 CET)');
    expect(summaryInZone(event, 'UTC')).toBe(event.summary);
  });

  it('leaves a line without a due time, or with another text, as it was stored', () => {
    expect(summaryInZone({ summary: 'Call logged by Rita Rep', data: { notes: 'x' } }, 'Europe/Berlin')).toBe('Call logged by Rita Rep');
    expect(summaryInZone({ summary: 'Recalled', data: { dueAt: 'not a date' } }, 'Europe/Berlin')).toBe('Recalled');
  });
});
