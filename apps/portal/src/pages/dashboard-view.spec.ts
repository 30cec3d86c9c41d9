import { periodLabel } from './dashboard-view';

describe('dashboard period labels', () => {
  const now = new Date('2026-03-18T10:00:00Z');

  it('marks the period still running, so a part-month never reads as a collapse', () => {
    expect(periodLabel('2026-02-01', 'month', now)).toBe('2026-02');
    expect(periodLabel('2026-03-01', 'month', now)).toBe('2026-03 (so far)');
    expect(periodLabel('2026-03-16', 'week', now)).toBe('2026-03-16 (so far)');
    expect(periodLabel('2026-03-09', 'week', now)).toBe('2026-03-09');
    expect(periodLabel('2026-03-17', 'day', now)).toBe('2026-03-17');
    expect(periodLabel('2026-03-18', 'day', now)).toBe('2026-03-18 (so far)');
  });
});
