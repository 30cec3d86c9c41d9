import fc from 'fast-check';
import { ClockFact, ComplianceCounts, OpenBreachFact, scoreCompliance, scoreFromCounts } from './compliance-score';
import type { ClockKind } from './sla-clock';

const now = new Date('2026-06-01T12:00:00Z');
const hoursAgo = (h: number): Date => new Date(now.getTime() - h * 3_600_000);
const config = { breachGraceHours: 24 };

function clock(kind: ClockKind, dueHoursAgo: number, metHoursAgo: number | null, more: Partial<ClockFact> = {}): ClockFact {
  return { kind, dueAt: hoursAgo(dueHoursAgo), metAt: metHoursAgo === null ? null : hoursAgo(metHoursAgo), accepted: true, endedAt: null, declined: false, ...more };
}

function breach(detectedHoursAgo: number): OpenBreachFact {
  return { kind: 'contact', dueAt: hoursAgo(detectedHoursAgo + 1), detectedAt: hoursAgo(detectedHoursAgo) };
}

describe('scoreCompliance', () => {
  it('counts a clock met on or before its due time as met, and one met later as missed', () => {
    const summary = scoreCompliance({
      clocks: [clock('accept', 10, 11), clock('accept', 10, 10), clock('contact', 10, 9)],
      openBreaches: [],
      now,
      config,
    });
    expect(summary).toEqual({
      score: 2 / 3,
      clocksDue: 3,
      clocksMet: 2,
      openBreaches: 0,
      openBreachesOlderThanGrace: 0,
      missedByKind: { accept: 0, contact: 1, feedback: 0, update: 0 },
      updateClocksDue: 0,
    });
  });

  it('counts update clocks like any other, each weighing updateWeight in the score (0 leaves them out)', () => {
    const clocks = [clock('contact', 10, 11), clock('update', 10, 11), clock('update', -1, null), clock('update', 10, 9), clock('update', 5, null)];
    const score = (updateWeight?: number) => scoreCompliance({ clocks, openBreaches: [], now, config: { ...config, updateWeight } });

    expect(score()).toEqual({
      score: 2 / 4,
      clocksDue: 4,
      clocksMet: 2,
      openBreaches: 0,
      openBreachesOlderThanGrace: 0,
      missedByKind: { accept: 0, contact: 0, feedback: 0, update: 2 },
      updateClocksDue: 3,
    });
    expect(score(0).score).toBe(1);
    expect(score(0.5).score).toBe((1 + 0.5 * 1) / (1 + 0.5 * 3));
  });

  it('counts a clock whose due time has passed unmet as missed, and leaves one not yet due out', () => {
    const summary = scoreCompliance({
      clocks: [clock('feedback', 1, null), clock('feedback', -5, null), clock('contact', 0, null)],
      openBreaches: [],
      now,
      config,
    });
    expect(summary).toMatchObject({ score: 0, clocksDue: 1, clocksMet: 0, missedByKind: { accept: 0, contact: 0, feedback: 1 } });
  });

  it('counts a clock met early while its due time is still ahead', () => {
    expect(scoreCompliance({ clocks: [clock('accept', -48, 1)], openBreaches: [], now, config })).toMatchObject({ score: 1, clocksDue: 1, clocksMet: 1 });
  });

  it('has no score while no clock has come due', () => {
    expect(scoreCompliance({ clocks: [clock('accept', -1, null)], openBreaches: [], now, config }).score).toBeNull();
  });

  it('leaves contact and feedback clocks out until the partner accepted', () => {
    const summary = scoreCompliance({ clocks: [clock('contact', 5, null, { accepted: false }), clock('feedback', 5, null, { accepted: false }), clock('accept', 5, null, { accepted: false })], openBreaches: [], now, config });
    expect(summary).toMatchObject({ clocksDue: 1, clocksMet: 0, missedByKind: { accept: 1, contact: 0, feedback: 0 } });
  });

  it('leaves out a clock whose assignment ended on or before its due time, and counts one that ended after it', () => {
    const summary = scoreCompliance({
      clocks: [clock('contact', 5, null, { endedAt: hoursAgo(6) }), clock('feedback', 5, null, { endedAt: hoursAgo(5) }), clock('contact', 5, null, { endedAt: hoursAgo(4) })],
      openBreaches: [],
      now,
      config,
    });
    expect(summary).toMatchObject({ clocksDue: 1, clocksMet: 0, missedByKind: { accept: 0, contact: 1, feedback: 0 } });
  });

  it('takes a decline as the answer to the offer: in time when on or before the accept due time', () => {
    const declined = (dueHoursAgo: number, declinedHoursAgo: number) =>
      clock('accept', dueHoursAgo, null, { accepted: false, declined: true, endedAt: hoursAgo(declinedHoursAgo) });
    const summary = scoreCompliance({ clocks: [declined(5, 6), declined(5, 5), declined(5, 4), declined(-5, 1)], openBreaches: [], now, config });
    expect(summary).toMatchObject({ clocksDue: 4, clocksMet: 3, missedByKind: { accept: 1, contact: 0, feedback: 0 } });
  });

  it('counts breaches detected more than the grace period ago as old, and ones exactly at it as not yet', () => {
    const summary = scoreCompliance({ clocks: [], openBreaches: [breach(25), breach(24), breach(2), breach(100)], now, config });
    expect(summary).toMatchObject({ openBreaches: 4, openBreachesOlderThanGrace: 2 });
  });

  it('agrees with scoreFromCounts on every list of clocks', () => {
    const arbClock = fc.record({
      kind: fc.constantFrom<ClockKind>('accept', 'contact', 'feedback'),
      dueOffset: fc.integer({ min: -100, max: 100 }),
      metOffset: fc.option(fc.integer({ min: -200, max: 0 })),
    });
    fc.assert(
      fc.property(fc.array(arbClock, { maxLength: 40 }), (raw) => {
        const clocks = raw.map((c) => clock(c.kind, c.dueOffset, c.metOffset === null ? null : -c.metOffset));
        const summary = scoreCompliance({ clocks, openBreaches: [], now, config });
        const counted = clocks.filter((c) => c.metAt !== null || c.dueAt < now);
        const met = counted.filter((c) => c.metAt !== null && c.metAt <= c.dueAt).length;
        expect(summary.clocksDue).toBe(counted.length);
        expect(summary.clocksMet).toBe(met);
        expect(summary.score).toBe(counted.length === 0 ? null : met / counted.length);
      }),
    );
  });
});

describe('scoreFromCounts', () => {
  const counts: ComplianceCounts = {
    clocksDue: 25,
    clocksMet: 18,
    openBreaches: 4,
    openBreachesOlderThanGrace: 3,
    missedByKind: { accept: 1, contact: 4, feedback: 2 },
  };

  it('scores the share of clocks met in time', () => {
    expect(scoreFromCounts(counts)).toEqual({ ...counts, score: 0.72 });
  });

  it('has no score when nothing came due', () => {
    expect(scoreFromCounts({ ...counts, clocksDue: 0, clocksMet: 0, missedByKind: { accept: 0, contact: 0, feedback: 0 } }).score).toBeNull();
  });

  it.each`
    broken                                                          | message
    ${{ clocksMet: 26 }}                                            | ${'clocksMet (26) cannot exceed clocksDue (25)'}
    ${{ missedByKind: { accept: 0, contact: 4, feedback: 2 } }}     | ${'missedByKind adds up to 6, but clocksDue − clocksMet is 7'}
    ${{ openBreachesOlderThanGrace: 5 }}                            | ${'openBreachesOlderThanGrace (5) cannot exceed openBreaches (4)'}
    ${{ clocksDue: 25.5 }}                                          | ${'clocksDue must be a whole number of 0 or more, got 25.5'}
    ${{ openBreaches: -1 }}                                         | ${'openBreaches must be a whole number of 0 or more, got -1'}
  `('rejects counts no real data can produce: $message', ({ broken, message }) => {
    expect(() => scoreFromCounts({ ...counts, ...broken })).toThrow(new RangeError(message));
  });
});
