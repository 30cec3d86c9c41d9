import fc from 'fast-check';
import { scoreFromCounts } from './compliance-score';
import { DEFAULT_COMPLIANCE_CONFIG, nextStanding, Standing } from './standing';
import { wayBack } from './way-back';

const config = DEFAULT_COMPLIANCE_CONFIG;
const summaryOf = (clocksMet: number, clocksDue: number, oldBreaches = 0) =>
  scoreFromCounts({
    clocksDue,
    clocksMet,
    openBreaches: oldBreaches,
    openBreachesOlderThanGrace: oldBreaches,
    missedByKind: { accept: 0, contact: clocksDue - clocksMet, feedback: 0 },
  });

describe('wayBack', () => {
  it('tells a suspended partner how many met SLAs and which breaches bring it back', () => {
    // 72 of 100: (72 + n) / (100 + n) ≥ 0.9 first at n = 180.
    const way = wayBack('suspended', summaryOf(72, 100, 2), config);

    expect(way).toMatchObject({ metClocksNeeded: 180, breachesToResolve: 2, missesToWarning: null });
    expect(way.summary).toBe(
      'To return to good standing: meet 180 more SLAs in time without a miss to reach 90%, and resolve the 2 breaches open for more than a day ' +
        '(log the contact or give the feedback on those leads). New leads resume then.',
    );
  });

  it('tells a partner in good standing how much room it has before a warning', () => {
    // 95 of 100: 95 / (100 + m) < 0.9 first at m = 6.
    expect(wayBack('good', summaryOf(95, 100), config)).toMatchObject({
      missesToWarning: 6,
      summary: 'You are in good standing: 6 more missed SLAs without a met one would put you on warning.',
    });
  });

  it('says when nothing holds a partner back any more', () => {
    expect(wayBack('warning', summaryOf(9, 10), config).summary).toBe(
      'Your full share of leads resumes with the next compliance check: nothing is holding you back any more.',
    );
  });

  it('agrees with nextStanding: after exactly metClocksNeeded met SLAs (and no old breach) the partner is back to good, one fewer is not enough', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom<Standing>('warning', 'suspended'), (a, b, current) => {
        const [met, due] = [Math.min(a, b), Math.max(a, b)];
        const needed = wayBack(current, summaryOf(met, due), config).metClocksNeeded!;
        const standingAfter = (n: number) => nextStanding({ current, summary: summaryOf(met + n, due + n), override: null, now: new Date(), config }).standing;
        expect(standingAfter(needed)).toBe('good');
        if (needed > 0) expect(standingAfter(needed - 1)).toBe(current);
      }),
    );
  });

  it('agrees with nextStanding on the misses a good partner can afford', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 5, max: 400 }), (a, b) => {
        const [met, due] = [Math.min(a, b), Math.max(a, b)];
        const summary = summaryOf(met, due);
        fc.pre(nextStanding({ current: 'good', summary, override: null, now: new Date(), config }).standing === 'good');
        const misses = wayBack('good', summary, config).missesToWarning!;
        const after = (m: number) => nextStanding({ current: 'good', summary: summaryOf(met, due + m), override: null, now: new Date(), config }).standing;
        expect(after(misses)).not.toBe('good');
        if (misses > 1) expect(after(misses - 1)).toBe('good');
      }),
    );
  });
});
