import fc from 'fast-check';
import { ComplianceSummary, scoreFromCounts } from './compliance-score';
import { DEFAULT_COMPLIANCE_CONFIG, nextStanding, Standing, StandingInput, StandingOverride } from './standing';

const now = new Date('2026-06-01T12:00:00Z');
const config = DEFAULT_COMPLIANCE_CONFIG;

/** A summary of `due` clocks with `met` met in time; the misses are contact clocks unless told otherwise. */
function summary(
  met: number,
  due: number,
  extra: { old?: number; open?: number; missed?: Partial<ComplianceSummary['missedByKind']> } = {},
): ComplianceSummary {
  const missedByKind = { accept: 0, contact: 0, feedback: 0, ...extra.missed };
  if (!extra.missed) missedByKind.contact = due - met;
  const old = extra.old ?? 0;
  return scoreFromCounts({ clocksDue: due, clocksMet: met, openBreaches: extra.open ?? old, openBreachesOlderThanGrace: old, missedByKind });
}

function decide(current: Standing, s: ComplianceSummary, override: StandingOverride | null = null, overrides: Partial<StandingInput> = {}) {
  return nextStanding({ current, summary: s, override, now, config, ...overrides });
}

describe('nextStanding transitions', () => {
  it.each`
    current        | met   | due    | old  | expected       | why
    ${'good'}      | ${95} | ${100} | ${0} | ${'good'}      | ${'stays good at or above the warning line'}
    ${'good'}      | ${90} | ${100} | ${0} | ${'good'}      | ${'exactly at the warning line is not below it'}
    ${'good'}      | ${85} | ${100} | ${0} | ${'warning'}   | ${'is warned, not suspended, between the two lines'}
    ${'good'}      | ${75} | ${100} | ${0} | ${'warning'}   | ${'exactly at the suspension line is not below it'}
    ${'good'}      | ${74} | ${100} | ${0} | ${'suspended'} | ${'is suspended below the suspension line'}
    ${'good'}      | ${95} | ${100} | ${2} | ${'good'}      | ${'stays good with fewer old breaches than the limit'}
    ${'good'}      | ${95} | ${100} | ${3} | ${'suspended'} | ${'is suspended at the old-breach limit whatever the score'}
    ${'good'}      | ${1}  | ${4}   | ${0} | ${'good'}      | ${'is not demoted on a score from fewer than 5 clocks'}
    ${'good'}      | ${0}  | ${4}   | ${3} | ${'suspended'} | ${'is still suspended by old breaches with few clocks'}
    ${'warning'}   | ${85} | ${100} | ${0} | ${'warning'}   | ${'stays on warning between the lines'}
    ${'warning'}   | ${92} | ${100} | ${0} | ${'good'}      | ${'returns to good at the warning line with no old breach'}
    ${'warning'}   | ${92} | ${100} | ${1} | ${'warning'}   | ${'stays on warning while a breach is open past the grace period'}
    ${'warning'}   | ${70} | ${100} | ${0} | ${'suspended'} | ${'is suspended below the suspension line'}
    ${'warning'}   | ${95} | ${100} | ${3} | ${'suspended'} | ${'is suspended at the old-breach limit'}
    ${'warning'}   | ${1}  | ${3}   | ${0} | ${'good'}      | ${'is not held back by a score from fewer than 5 clocks'}
    ${'suspended'} | ${85} | ${100} | ${0} | ${'suspended'} | ${'stays suspended between the lines (hysteresis)'}
    ${'suspended'} | ${80} | ${100} | ${0} | ${'suspended'} | ${'stays suspended above the suspension line but below the warning line'}
    ${'suspended'} | ${90} | ${100} | ${0} | ${'good'}      | ${'is reinstated to good at the warning line with no old breach'}
    ${'suspended'} | ${99} | ${100} | ${1} | ${'suspended'} | ${'is not reinstated while a breach is open past the grace period'}
    ${'suspended'} | ${0}  | ${0}   | ${0} | ${'good'}      | ${'is reinstated when no clock came due and nothing is overdue'}
  `('$current at $met/$due with $old old breaches → $expected: $why', ({ current, met, due, old, expected }) => {
    const decision = decide(current, summary(met, due, { old }));
    expect(decision).toMatchObject({ standing: expected, changed: expected !== current, source: 'policy' });
  });

  it('does not count young open breaches toward suspension or against reinstatement', () => {
    expect(decide('good', summary(95, 100, { open: 5, old: 0 })).standing).toBe('good');
    expect(decide('suspended', summary(95, 100, { open: 5, old: 0 })).standing).toBe('good');
  });
});

describe('nextStanding overrides', () => {
  const override: StandingOverride = { standing: 'suspended', endsAt: new Date('2026-07-01T14:00:00Z'), reason: 'repeated complaints from buyers' };

  it('applies an active override over a perfect score and says it is an override', () => {
    expect(decide('good', summary(100, 100), override)).toEqual({
      standing: 'suspended',
      changed: true,
      reason: 'Override by a channel manager: suspended until 1 July 2026, 14:00 UTC (repeated complaints from buyers)',
      source: 'override',
    });
  });

  it('writes the end of an override in the reader’s zone when asked (a live reason), else in UTC (a stored one)', () => {
    const input = { current: 'good' as const, summary: summary(100, 100), override, now: new Date('2026-06-01T12:00:00Z'), config: DEFAULT_COMPLIANCE_CONFIG };
    expect(nextStanding({ ...input, timeZone: 'Europe/Berlin' }).reason).toBe('Override by a channel manager: suspended until 1 July 2026, 16:00 CEST (repeated complaints from buyers)');
    expect(nextStanding(input).reason).toContain('until 1 July 2026, 14:00 UTC');
  });

  it('keeps a partner in good standing under an override whatever its breaches', () => {
    const keep: StandingOverride = { standing: 'good', endsAt: new Date('2026-06-02T00:00:00Z') };
    expect(decide('good', summary(10, 100, { old: 9 }), keep)).toEqual({
      standing: 'good',
      changed: false,
      reason: 'Override by a channel manager: good standing until 2 June 2026, 00:00 UTC',
      source: 'override',
    });
  });

  it('hands back to the policy once the override has ended, from the standing the override set', () => {
    const ended = { ...override, endsAt: now };
    expect(decide('suspended', summary(28, 30), ended)).toEqual({
      standing: 'good',
      changed: true,
      reason:
        'Channel manager override ended on 1 June 2026, 12:00 UTC. Reinstated: 93.3% of SLAs met in the last 90 days (28 of 30) and no breach open for more than a day',
      source: 'override_ended',
    });
  });
});

describe('nextStanding reasons', () => {
  it('lists what was missed and the score against the suspension line', () => {
    const s = summary(18, 25, { missed: { contact: 4, feedback: 3 } });
    expect(decide('good', s).reason).toBe(
      '4 leads not contacted within the agreed time; 3 leads without feedback within the agreed time; 72% of SLAs met in the last 90 days (18 of 25), below the 75% needed',
    );
  });

  it('names the old-breach rule when that is what suspends, in the singular where it is one', () => {
    const s = summary(48, 50, { old: 3, missed: { accept: 1, contact: 1 } });
    expect(decide('good', s).reason).toBe(
      '1 lead not accepted within the agreed time; 1 lead not contacted within the agreed time; 3 SLA breaches open for more than a day (suspension at 3 or more)',
    );
  });

  it('gives both reasons when both rules suspend', () => {
    const s = summary(7, 10, { old: 4, missed: { feedback: 3 } });
    expect(decide('warning', s).reason).toBe(
      '3 leads without feedback within the agreed time; 70% of SLAs met in the last 90 days (7 of 10), below the 75% needed; 4 SLA breaches open for more than a day (suspension at 3 or more)',
    );
  });

  it('warns against the warning line', () => {
    expect(decide('good', summary(17, 20, { missed: { accept: 3 } })).reason).toBe(
      '3 leads not accepted within the agreed time; 85% of SLAs met in the last 90 days (17 of 20), below the 90% expected',
    );
  });

  it('says what still stands in the way of reinstatement', () => {
    expect(decide('suspended', summary(17, 20, { old: 1 })).reason).toBe(
      'Still suspended: 85% of SLAs met in the last 90 days (17 of 20), below the 90% needed for reinstatement; 1 SLA breach open for more than a day needs resolving first',
    );
    expect(decide('suspended', summary(20, 20, { old: 2 })).reason).toBe(
      'Still suspended: 2 SLA breaches open for more than a day need resolving first',
    );
  });

  it('explains a reinstatement and a return to good from the facts', () => {
    expect(decide('suspended', summary(28, 30)).reason).toBe(
      'Reinstated: 93.3% of SLAs met in the last 90 days (28 of 30) and no breach open for more than a day',
    );
    expect(decide('warning', summary(19, 20)).reason).toBe(
      'Back to good standing: 95% of SLAs met in the last 90 days (19 of 20) and no breach open for more than a day',
    );
  });

  it('explains what keeps a partner on warning', () => {
    expect(decide('warning', summary(95, 100, { old: 1 })).reason).toBe('Still on warning: 1 SLA breach open for more than a day needs resolving first');
  });

  it('never rounds a score up to the line it is below', () => {
    expect(decide('good', summary(8999, 10000)).reason).toBe(
      '1001 leads not contacted within the agreed time; 89.9% of SLAs met in the last 90 days (8999 of 10000), below the 90% expected',
    );
  });

  it('says when there are too few clocks to score, in the singular for one', () => {
    expect(decide('good', summary(0, 1)).reason).toBe('only 1 SLA came due in the last 90 days, too few to score (5 needed)');
    expect(decide('good', summary(1, 3)).reason).toBe('only 3 SLAs came due in the last 90 days, too few to score (5 needed)');
    expect(decide('good', summary(0, 0)).reason).toBe('no SLA came due in the last 90 days');
  });

  it('words the window and the grace period from the configuration', () => {
    const custom = { ...config, windowDays: 30, breachGraceHours: 48 };
    expect(decide('good', summary(95, 100, { old: 3 }), null, { config: custom }).reason).toBe(
      '5 leads not contacted within the agreed time; 3 SLA breaches open for more than 2 days (suspension at 3 or more)',
    );
    expect(decide('good', summary(95, 100, { old: 1 }), null, { config: { ...custom, breachGraceHours: 12 } }).reason).toBe(
      '95% of SLAs met in the last 30 days (95 of 100); 1 SLA breach open for more than 12 hours',
    );
  });

  it('refuses a configuration whose suspension line is above its warning line', () => {
    expect(() => decide('good', summary(95, 100), null, { config: { ...config, suspendBelow: 0.95 } })).toThrow(RangeError);
  });
});

describe('nextStanding properties', () => {
  const arbStanding = fc.constantFrom<Standing>('good', 'warning', 'suspended');
  const arbSummary = fc
    .record({
      due: fc.integer({ min: 0, max: 200 }),
      metShare: fc.double({ min: 0, max: 1, noNaN: true }),
      acceptShare: fc.double({ min: 0, max: 1, noNaN: true }),
      open: fc.integer({ min: 0, max: 10 }),
      oldShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ due, metShare, acceptShare, open, oldShare }) => {
      const met = Math.floor(due * metShare);
      const accept = Math.floor((due - met) * acceptShare);
      return scoreFromCounts({
        clocksDue: due,
        clocksMet: met,
        openBreaches: open,
        openBreachesOlderThanGrace: Math.floor(open * oldShare),
        missedByKind: { accept, contact: due - met - accept, feedback: 0 },
      });
    });
  const arbOverride = fc.option(
    fc.record({ standing: arbStanding, endsAt: fc.date({ min: new Date('2026-05-01T00:00:00Z'), max: new Date('2026-07-01T00:00:00Z'), noInvalidDate: true }) }),
  );

  it('never reinstates a suspended partner with a breach open past the grace period, unless an override is active', () => {
    fc.assert(
      fc.property(arbSummary, arbOverride, (s, override) => {
        fc.pre(s.openBreachesOlderThanGrace > 0);
        const decision = decide('suspended', s, override);
        if (decision.source !== 'override') expect(decision.standing).toBe('suspended');
      }),
    );
  });

  it('gives an active override its standing', () => {
    fc.assert(
      fc.property(arbStanding, arbSummary, arbOverride, (current, s, override) => {
        fc.pre(override !== null && override.endsAt > now);
        expect(decide(current, s, override).standing).toBe(override!.standing);
      }),
    );
  });

  it('never demotes on the score alone when fewer than 5 clocks came due', () => {
    fc.assert(
      fc.property(fc.constantFrom<Standing>('good', 'warning'), arbSummary, (current, s) => {
        fc.pre(s.clocksDue < config.minClocksForScore && s.openBreachesOlderThanGrace < config.suspendOpenBreaches);
        expect(decide(current, s).standing).not.toBe('suspended');
        if (current === 'good') expect(decide(current, s).standing).toBe('good');
      }),
    );
  });

  it('is deterministic and reports a change exactly when the standing differs', () => {
    fc.assert(
      fc.property(arbStanding, arbSummary, arbOverride, (current, s, override) => {
        const first = decide(current, s, override);
        expect(decide(current, s, override)).toEqual(first);
        expect(first.changed).toBe(first.standing !== current);
        expect(first.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});
