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
  it('tells a suspended partner how many met deadlines and which overdue leads bring it back, naming the leads', () => {
    // 72 of 100: (72 + n) / (100 + n) ≥ 0.9 first at n = 180.
    const overdue = [{ company: 'Müller GmbH', kind: 'contact' as const }, { company: 'Acme AG', kind: 'feedback' as const }];
    const way = wayBack('suspended', summaryOf(72, 100, 2), config, overdue);

    expect(way).toMatchObject({ metClocksNeeded: 180, breachesToResolve: 2, missesToWarning: null });
    expect(way.summary).toBe(
      'What brings you back to good standing: 180 more deadlines met in time, without a miss, bring your score to 90%; ' +
        'and work the overdue leads at Müller GmbH (log the first contact) and Acme AG (give the feedback). New leads resume then.',
    );
  });

  it('names a few overdue leads and counts the rest; says one lead in the singular', () => {
    const many = ['A', 'B', 'C', 'D', 'E'].map((company) => ({ company, kind: 'contact' as const }));
    expect(wayBack('warning', summaryOf(9, 10, 5), config, many).summary).toBe(
      'What brings you back to good standing: work the overdue leads at A (log the first contact), B (log the first contact), C (log the first contact) and 2 more. ' +
        'Your full share of leads resumes then.',
    );
    expect(wayBack('suspended', summaryOf(89, 100), config).summary).toBe(
      'What brings you back to good standing: 10 more deadlines met in time, without a miss, bring your score to 90%. New leads resume then.',
    );
    expect(wayBack('suspended', summaryOf(8, 9, 1), config, [{ company: 'Müller GmbH', kind: 'contact' }]).summary).toBe(
      'What brings you back to good standing: 1 more deadline met in time, without a miss, brings your score to 90%; and work the overdue lead at Müller GmbH (log the first contact). ' +
        'New leads resume then.',
    );
  });

  it('tells a partner in good standing how much room it has before a warning, and which leads are overdue', () => {
    // 95 of 100: 95 / (100 + m) < 0.9 first at m = 6.
    expect(wayBack('good', summaryOf(95, 100), config)).toMatchObject({
      missesToWarning: 6,
      summary: 'You are in good standing: 6 more missed deadlines without a met one would put you on warning.',
    });
    expect(wayBack('good', summaryOf(95, 100, 1), config, [{ company: 'Müller GmbH', kind: 'feedback' }]).summary).toBe(
      'You are in good standing: 6 more missed deadlines without a met one would put you on warning; ' +
        'work the overdue lead at Müller GmbH (give the feedback): 3 leads overdue for more than a day suspend you.',
    );
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
