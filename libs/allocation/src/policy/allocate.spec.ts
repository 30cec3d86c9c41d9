import fc from 'fast-check';
import { allocate, DEFAULT_POLICY_CONFIG, POLICY_VERSION } from './allocate';
import { describeReason, EXCLUSION_REASONS } from './reasons';
import type { Candidate, LeadFacts, Standing, Tier } from './types';

const TIERS: Tier[] = ['platinum', 'gold', 'silver', 'registered'];
const NOW = new Date('2026-03-02T09:00:00Z');

function lead(overrides: Partial<LeadFacts> = {}): LeadFacts {
  return {
    country: 'DE',
    postalCode: '80331',
    productInterest: null,
    leadTypeAllowedTiers: [...TIERS],
    excludedPartnerIds: [],
    decidedAt: NOW,
    ...overrides,
  };
}

function partner(id: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    id,
    name: `Partner ${id}`,
    active: true,
    standing: 'good',
    override: null,
    pause: null,
    tier: 'gold',
    territories: ['DE'],
    specialties: ['crm'],
    capacity: 10,
    openLeads: 0,
    weight: 1,
    allocatedInWindow: 0,
    calendarUsable: true,
    ...overrides,
  };
}

const config = DEFAULT_POLICY_CONFIG;

describe('allocate: exclusion reasons', () => {
  it.each`
    reason                 | lead                                         | candidate
    ${'inactive'}          | ${{}}                                        | ${{ active: false }}
    ${'suspended'}         | ${{}}                                        | ${{ standing: 'suspended' }}
    ${'paused'}            | ${{}}                                        | ${{ pause: { startsAt: NOW, endsAt: new Date(NOW.getTime() + 1) } }}
    ${'outside_territory'} | ${{ country: 'FR', postalCode: '75001' }}    | ${{}}
    ${'lacks_specialty'}   | ${{ productInterest: 'security' }}           | ${{}}
    ${'tier_not_allowed'}  | ${{ leadTypeAllowedTiers: ['platinum'] }}    | ${{ tier: 'silver' }}
    ${'at_capacity'}       | ${{}}                                        | ${{ capacity: 3, openLeads: 3 }}
    ${'already_had_lead'}  | ${{ excludedPartnerIds: ['a'] }}             | ${{}}
    ${'calendar_unusable'} | ${{}}                                        | ${{ calendarUsable: false }}
  `('excludes a partner that is $reason and offers the lead to nobody', ({ reason, lead: leadOverrides, candidate }) => {
    const decision = allocate(lead(leadOverrides), [partner('a', candidate)], config);

    expect(decision.winnerId).toBeNull();
    expect(decision.eligible).toEqual([]);
    expect(decision.excluded).toEqual([{ partnerId: 'a', name: 'Partner a', reasons: [reason] }]);
    expect(decision.summary).toContain('No eligible partner: 1 excluded');
  });

  it('lists every reason that applies, not only the first', () => {
    const decision = allocate(
      lead({
        country: 'AT',
        postalCode: '1010',
        productInterest: 'security',
        leadTypeAllowedTiers: ['platinum'],
        excludedPartnerIds: ['a'],
      }),
      [
        partner('a', {
          active: false,
          standing: 'suspended',
          pause: { startsAt: NOW, endsAt: new Date(NOW.getTime() + 60_000) },
          tier: 'registered',
          capacity: 0,
          calendarUsable: false,
        }),
      ],
      config,
    );

    expect(decision.excluded[0].reasons).toEqual([...EXCLUSION_REASONS]);
  });

  it('offers the lead to a partner with a postal prefix territory only inside that prefix', () => {
    const candidates = [partner('munich', { territories: ['DE-80', 'DE-81'] }), partner('berlin', { territories: ['DE-10'] })];

    const inMunich = allocate(lead({ postalCode: '81675' }), candidates, config);
    const inBerlin = allocate(lead({ postalCode: '10115' }), candidates, config);
    const noPostal = allocate(lead({ postalCode: null }), candidates, config);

    expect(inMunich.winnerId).toBe('munich');
    expect(inMunich.excluded).toEqual([{ partnerId: 'berlin', name: 'Partner berlin', reasons: ['outside_territory'] }]);
    expect(inBerlin.winnerId).toBe('berlin');
    expect(noPostal.winnerId).toBeNull();
  });

  it('matches the product interest to specialties ignoring case and punctuation', () => {
    const candidates = [partner('a', { specialties: ['Data-Center'] }), partner('b', { specialties: ['crm'] })];

    const decision = allocate(lead({ productInterest: 'data center' }), candidates, config);

    expect(decision.winnerId).toBe('a');
    expect(decision.excluded.map((e) => [e.partnerId, e.reasons])).toEqual([['b', ['lacks_specialty']]]);
  });

  it('does not check specialties when the lead names no product interest', () => {
    const decision = allocate(lead({ productInterest: null }), [partner('a', { specialties: [] })], config);

    expect(decision.winnerId).toBe('a');
  });

  it('ignores specialties when the config does not require a match', () => {
    const decision = allocate(lead({ productInterest: 'security' }), [partner('a')], { ...config, requireSpecialtyMatch: false });

    expect(decision.winnerId).toBe('a');
  });

  it('offers the lead only to tiers the lead type allows', () => {
    const candidates = [partner('a', { tier: 'registered', weight: 10 }), partner('b', { tier: 'platinum' })];

    const decision = allocate(lead({ leadTypeAllowedTiers: ['platinum', 'gold'] }), candidates, config);

    expect(decision.winnerId).toBe('b');
    expect(decision.excluded.map((e) => [e.partnerId, e.reasons])).toEqual([['a', ['tier_not_allowed']]]);
  });

  it('gives every reason a plain-English description', () => {
    expect(describeReason('suspended')).toBe('suspended for missed SLAs');
    expect(describeReason('outside_territory')).toBe('outside its territory');
    for (const reason of EXCLUSION_REASONS) expect(describeReason(reason)).toMatch(/^[a-z].+[a-z]$/);
  });
});

describe('allocate: choosing the winner', () => {
  it('returns no winner and says so when there are no candidates', () => {
    expect(allocate(lead(), [], config)).toEqual({
      policyVersion: POLICY_VERSION,
      winnerId: null,
      eligible: [],
      excluded: [],
      summary: 'No eligible partner: no partners to consider',
    });
  });

  it('offers the lead to the partner furthest behind its weighted share', () => {
    // a: 3 / (3 + 1) = 0.75; b: 1 / (1 + 1) = 0.5; c: 2 / (1 + 1) = 1
    const candidates = [
      partner('a', { weight: 3, allocatedInWindow: 3 }),
      partner('b', { weight: 1, allocatedInWindow: 1 }),
      partner('c', { weight: 2, allocatedInWindow: 1 }),
    ];

    const decision = allocate(lead(), candidates, config);

    expect(decision.winnerId).toBe('c');
    expect(decision.eligible).toEqual([
      { partnerId: 'c', name: 'Partner c', score: 1, effectiveWeight: 2, allocatedInWindow: 1, countedAllocations: 1 },
      { partnerId: 'a', name: 'Partner a', score: 0.75, effectiveWeight: 3, allocatedInWindow: 3, countedAllocations: 3 },
      { partnerId: 'b', name: 'Partner b', score: 0.5, effectiveWeight: 1, allocatedInWindow: 1, countedAllocations: 1 },
    ]);
  });

  it('counts a partner returning from an exclusion level with its peers, not as owed every lead they got meanwhile', () => {
    // Peers got 30 leads for 3 units of weight: 10 per unit. The returning weight-3 partner is counted
    // as 3 × 10 − 1 = 29, so it is one lead behind, not thirty.
    const candidates = [
      partner('a', { name: 'A', weight: 1, allocatedInWindow: 10 }),
      partner('b', { name: 'B', weight: 2, allocatedInWindow: 20 }),
      partner('c', { name: 'C', weight: 3, allocatedInWindow: 0 }),
    ];

    const decision = allocate(lead(), candidates, config);

    expect(decision.winnerId).toBe('c');
    expect(decision.eligible[0]).toEqual({ partnerId: 'c', name: 'C', score: 0.1, effectiveWeight: 3, allocatedInWindow: 0, countedAllocations: 29 });
    expect(decision.summary).toBe(
      'Offered to C: best fair-share score among 3 eligible partners (re-entered level with its peers: its recent allocations counted as 29, not 0)',
    );
  });

  it('lets an override stop counting at its end, falling back to the standing from before it', () => {
    const ends = new Date(NOW.getTime() - 2_000);
    const reinstatedByOverride = partner('a', { standing: 'good', override: { endsAt: ends, standingBefore: 'suspended' } });
    const suspendedByOverride = partner('b', { standing: 'suspended', override: { endsAt: ends, standingBefore: 'warning' } });

    const after = allocate(lead(), [reinstatedByOverride, suspendedByOverride], config);
    const before = allocate(lead({ decidedAt: new Date(ends.getTime() - 1) }), [reinstatedByOverride, suspendedByOverride], config);

    expect(after.winnerId).toBe('b');
    expect(after.excluded).toEqual([{ partnerId: 'a', name: 'Partner a', reasons: ['suspended'] }]);
    expect(after.eligible[0].effectiveWeight).toBe(0.5);
    expect(before.winnerId).toBe('a');
    expect(before.excluded).toEqual([{ partnerId: 'b', name: 'Partner b', reasons: ['suspended'] }]);
  });

  it('lets a pause begin and end on time: excluded from its start until (not at) its end', () => {
    const pause = { startsAt: new Date(NOW.getTime() + 60_000), endsAt: new Date(NOW.getTime() + 120_000) };
    const at = (ms: number) => allocate(lead({ decidedAt: new Date(NOW.getTime() + ms) }), [partner('a', { pause })], config);

    expect(at(59_999).winnerId).toBe('a');
    expect(at(60_000).excluded).toEqual([{ partnerId: 'a', name: 'Partner a', reasons: ['paused'] }]);
    expect(at(119_999).winnerId).toBeNull();
    expect(at(120_000).winnerId).toBe('a');
  });

  it('breaks ties by partner id', () => {
    const decision = allocate(lead(), [partner('b'), partner('a')], config);

    expect(decision.winnerId).toBe('a');
  });

  it('halves the weight of a partner in warning standing', () => {
    // warned: 4 * 0.5 / (1 + 1) = 1; good: 3 / (1 + 1) = 1.5
    const candidates = [
      partner('warned', { weight: 4, standing: 'warning', allocatedInWindow: 1 }),
      partner('good', { weight: 3, allocatedInWindow: 1 }),
    ];

    const decision = allocate(lead(), candidates, config);

    expect(decision.winnerId).toBe('good');
    expect(decision.eligible.find((e) => e.partnerId === 'warned')?.effectiveWeight).toBe(2);
  });

  it('summarises the winner and the exclusions in plain English', () => {
    const candidates = [
      partner('acme', { name: 'Acme GmbH', weight: 5 }),
      partner('b'),
      partner('c'),
      partner('d', { standing: 'suspended' }),
      partner('e', { territories: ['FR'] }),
    ];

    const decision = allocate(lead(), candidates, config);

    expect(decision.summary).toBe(
      'Offered to Acme GmbH: best fair-share score among 3 eligible partners; 2 excluded (1 suspended, 1 outside territory)',
    );
  });

  it('counts each reason when no partner is eligible', () => {
    const candidates = [
      partner('a', { openLeads: 10 }),
      partner('b', { openLeads: 10, standing: 'suspended' }),
      partner('c', { active: false }),
    ];

    expect(allocate(lead(), candidates, config).summary).toBe(
      'No eligible partner: 3 excluded (1 inactive, 1 suspended, 2 at capacity)',
    );
  });

  it('says when the winner was the only eligible partner', () => {
    expect(allocate(lead(), [partner('a', { name: 'Solo AG' })], config).summary).toBe('Offered to Solo AG: the only eligible partner');
  });
});

// ---- properties ----

const COUNTRIES = ['DE', 'AT', 'FR'];
const POSTAL_CODES = ['80331', '81675', '10115', '1010', '75001'];
const TERRITORIES = ['DE', 'AT', 'FR', 'DE-80', 'DE-81', 'DE-1', 'AT-10', 'FR-75'];
const SPECIALTIES = ['crm', 'security', 'data-center'];
const STANDINGS: Standing[] = ['good', 'warning', 'suspended'];

const idArb = fc.integer({ min: 0, max: 30 }).map((n) => `p${String(n).padStart(2, '0')}`);

const candidateArb = fc.record({
  id: idArb,
  name: fc.constantFrom('Acme', 'Globex', 'Initech', 'Umbrella'),
  active: fc.boolean(),
  standing: fc.constantFrom(...STANDINGS),
  override: fc.constant(null),
  pause: fc.option(
    fc.record({ from: fc.integer({ min: -3, max: 3 }), hours: fc.integer({ min: 1, max: 3 }) }).map(({ from, hours }) => ({
      startsAt: new Date(NOW.getTime() + from * 3_600_000),
      endsAt: new Date(NOW.getTime() + (from + hours) * 3_600_000),
    })),
    { nil: null },
  ),
  tier: fc.constantFrom(...TIERS),
  territories: fc.subarray(TERRITORIES, { maxLength: 3 }),
  specialties: fc.subarray(SPECIALTIES),
  capacity: fc.integer({ min: 0, max: 5 }),
  openLeads: fc.integer({ min: 0, max: 6 }),
  weight: fc.integer({ min: 1, max: 10 }),
  allocatedInWindow: fc.integer({ min: 0, max: 20 }),
  calendarUsable: fc.boolean(),
});

const candidatesArb = fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 8 });

const scenarioArb = candidatesArb.chain((candidates) =>
  fc.record({
    candidates: fc.constant(candidates),
    lead: fc.record({
      country: fc.constantFrom(...COUNTRIES),
      postalCode: fc.option(fc.constantFrom(...POSTAL_CODES), { nil: null }),
      productInterest: fc.option(
        fc.constantFrom(...SPECIALTIES).chain((s) => fc.constantFrom(s, s.toUpperCase(), ` ${s} `)),
        { nil: null },
      ),
      leadTypeAllowedTiers: fc.subarray(TIERS),
      excludedPartnerIds: fc.subarray(candidates.map((c) => c.id)),
      decidedAt: fc.constant(NOW),
    }),
  }),
);

// Written independently of the policy's helpers so a bug there cannot hide here.
function mayReceive(l: LeadFacts, c: Candidate): boolean {
  const inTerritory = c.territories.some((t) => {
    const [country, prefix] = t.split('-');
    return country === l.country && (prefix === undefined || (l.postalCode ?? '').startsWith(prefix));
  });
  const interest = l.productInterest?.trim().toLowerCase();
  return (
    c.active &&
    c.standing !== 'suspended' &&
    !(c.pause && c.pause.startsAt <= l.decidedAt && l.decidedAt < c.pause.endsAt) &&
    inTerritory &&
    (!interest || c.specialties.includes(interest)) &&
    l.leadTypeAllowedTiers.includes(c.tier) &&
    c.openLeads < c.capacity &&
    !l.excludedPartnerIds.includes(c.id) &&
    c.calendarUsable
  );
}

describe('allocate: properties', () => {
  it('never offers the lead to a partner that may not receive it, and offers it whenever someone may', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lead: l, candidates }) => {
        const decision = allocate(l, candidates, config);
        const allowed = candidates.filter((c) => mayReceive(l, c)).map((c) => c.id);

        expect(decision.eligible.map((e) => e.partnerId).sort()).toEqual([...allowed].sort());
        if (decision.winnerId !== null) expect(allowed).toContain(decision.winnerId);
        expect(decision.winnerId === null).toBe(allowed.length === 0);
        expect(decision.winnerId).toBe(decision.eligible[0]?.partnerId ?? null);
        expect(decision.excluded.every((e) => e.reasons.length > 0)).toBe(true);
        expect(decision.eligible.length + decision.excluded.length).toBe(candidates.length);
      }),
    );
  });

  it('never offers the lead to a suspended partner', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lead: l, candidates }) => {
        const decision = allocate(l, candidates, config);
        const winner = candidates.find((c) => c.id === decision.winnerId);

        expect(winner?.standing).not.toBe('suspended');
        const allSuspended = candidates.map((c) => ({ ...c, standing: 'suspended' as const }));
        expect(allocate(l, allSuspended, config).winnerId).toBeNull();
      }),
    );
  });

  it('gives the same decision whatever order the candidates come in', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        shuffled: fc.shuffledSubarray(scenario.candidates, {
          minLength: scenario.candidates.length,
          maxLength: scenario.candidates.length,
        }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario, shuffled }) => {
        expect(allocate(scenario.lead, shuffled, config)).toEqual(allocate(scenario.lead, scenario.candidates, config));
      }),
    );
  });

  it('never exceeds a partner capacity over a sequence of allocations', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 40 }), ({ lead: l, candidates }, rounds) => {
        const state = candidates.map((c) => ({ ...c }));
        for (let i = 0; i < rounds; i++) {
          const winner = state.find((c) => c.id === allocate(l, state, config).winnerId);
          if (winner === undefined) break;
          winner.openLeads += 1;
          winner.allocatedInWindow += 1;
          expect(winner.openLeads).toBeLessThanOrEqual(winner.capacity);
        }
      }),
    );
  });

  // D'Hondt keeps each partner's count within a few leads of its exact quota, so after 10,000
  // leads even the smallest share (weight 1 against 7 × 10, i.e. 1/71 ≈ 141 leads) is within 1%.
  // We assert the stated bound: every share within 5% of its fair share, relative to that share.
  it('shares 10,000 leads in proportion to effective weight, within 5% of each fair share', () => {
    const LEADS = 10_000;
    const eligibleArb = fc.array(
      fc.record({ weight: fc.integer({ min: 1, max: 10 }), standing: fc.constantFrom<Standing>('good', 'warning') }),
      { minLength: 2, maxLength: 8 },
    );
    const ineligibleArb = fc.array(fc.constantFrom<Partial<Candidate>>({ standing: 'suspended' }, { territories: ['FR'] }), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(eligibleArb, ineligibleArb, (eligibleSpecs, ineligibleSpecs) => {
        const state = [
          ...eligibleSpecs.map((spec, i) => partner(`e${i}`, { ...spec, capacity: LEADS })),
          ...ineligibleSpecs.map((spec, i) => partner(`x${i}`, { ...spec, weight: 10, capacity: LEADS })),
        ];
        const byId = new Map(state.map((c) => [c.id, c]));
        for (let i = 0; i < LEADS; i++) {
          const winner = byId.get(allocate(lead(), state, config).winnerId ?? '');
          if (winner === undefined) throw new Error('an eligible partner exists, so every lead must be offered');
          winner.allocatedInWindow += 1;
        }

        const effective = (c: Candidate) => c.weight * (c.standing === 'warning' ? config.warningWeightFactor : 1);
        const eligible = state.filter((c) => c.id.startsWith('e'));
        const totalWeight = eligible.reduce((sum, c) => sum + effective(c), 0);
        for (const c of eligible) {
          const fairShare = effective(c) / totalWeight;
          const share = c.allocatedInWindow / LEADS;
          expect(Math.abs(share - fairShare) / fairShare).toBeLessThanOrEqual(0.05);
        }
        for (const c of state.filter((c) => c.id.startsWith('x'))) expect(c.allocatedInWindow).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe('allocate: fair re-entry', () => {
  const WINDOW = 30;
  // D'Hondt keeps each count within about a lead of its quota; the re-entry lead and the window's edges
  // add a little. Stated bound: in every window of 30 leads after a return, each partner within 2 leads
  // of its weight share (checked with 1,500 runs while writing; 60 per run here).
  const TOLERANCE = 2;
  type Exclusion = Partial<Candidate>;
  const EXCLUSIONS: Exclusion[] = [
    { standing: 'suspended' },
    { openLeads: 1_000_000 },
    { active: false },
    { standing: 'good', override: { endsAt: new Date(NOW.getTime() - 1), standingBefore: 'suspended' } },
    // A pause phase: the partner asked for no offers (holiday, trade fair).
    { pause: { startsAt: new Date(NOW.getTime() - 1), endsAt: new Date(NOW.getTime() + 1) } },
  ];
  const phaseArb = fc.record({
    excluded: fc.array(fc.record({ index: fc.nat(), how: fc.constantFrom(...EXCLUSIONS) }), { maxLength: 2 }),
    leads: fc.integer({ min: WINDOW, max: 3 * WINDOW }),
    decayFirst: fc.boolean(),
  });

  it('gives an excluded partner nothing, and splits every window of 30 leads after a return by weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }), fc.array(phaseArb, { minLength: 2, maxLength: 6 }), (weights, phases) => {
        const memory = weights.map(() => 0);
        for (const phase of phases) {
          if (phase.decayFirst) memory.forEach((m, i) => (memory[i] = Math.round(m * 0.9 * 10_000) / 10_000));
          const exclusions = new Map(phase.excluded.map(({ index, how }) => [index % weights.length, how]));
          if (exclusions.size === weights.length) exclusions.delete(0);
          const received: number[][] = [];
          for (let n = 0; n < phase.leads; n++) {
            const candidates = weights.map((weight, i) =>
              partner(`p${i}`, { weight, allocatedInWindow: memory[i], capacity: 1_000_000, ...exclusions.get(i) }),
            );
            const decision = allocate(lead(), candidates, config);
            const winner = Number(decision.winnerId!.slice(1));
            expect(exclusions.has(winner)).toBe(false);
            // What the offer statement stores: GREATEST(allocations_recent, counted) + 1.
            memory[winner] = Math.max(memory[winner], decision.eligible[0].countedAllocations) + 1;
            received.push(weights.map((_, i) => (i === winner ? 1 : 0)));
          }
          const eligible = weights.map((w, i) => (exclusions.has(i) ? 0 : w));
          const total = eligible.reduce((a, b) => a + b, 0);
          for (let start = 0; start + WINDOW <= received.length; start++) {
            const window = received.slice(start, start + WINDOW);
            eligible.forEach((w, i) => {
              const got = window.reduce((sum, row) => sum + row[i], 0);
              expect(Math.abs(got - (WINDOW * w) / total)).toBeLessThanOrEqual(TOLERANCE);
            });
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('allocate: a registered deal', () => {
  const until = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);

  it('offers the buyer to the partner whose approved registration protects it, whatever its fair share, territory or specialty', () => {
    const candidates = [partner('holder', { territories: ['AT'], specialties: [], allocatedInWindow: 50 }), partner('other', { weight: 10 })];
    const decision = allocate(lead({ productInterest: 'crm', registeredDeal: { partnerId: 'holder', protectedUntil: until } }), candidates, config);

    expect(decision.winnerId).toBe('holder');
    expect(decision.eligible.map((e) => e.partnerId)).toEqual(['holder', 'other']);
    expect(decision.summary).toBe('Offered to Partner holder: registered deal — its approved registration protects this buyer until 3 March 2026, 09:00 UTC');
  });

  it('passes over a protected partner that may not take leads, and says so', () => {
    const candidates = [partner('holder', { standing: 'suspended' }), partner('other')];
    const decision = allocate(lead({ registeredDeal: { partnerId: 'holder', protectedUntil: until } }), candidates, config);

    expect(decision.winnerId).toBe('other');
    expect(decision.summary).toContain('; Partner holder holds a registered deal for this buyer but is suspended');
  });

  it('ignores a window that has ended at the decision’s time', () => {
    const candidates = [partner('holder', { allocatedInWindow: 5 }), partner('other')];
    const decision = allocate(lead({ registeredDeal: { partnerId: 'holder', protectedUntil: NOW } }), candidates, config);

    expect(decision.winnerId).toBe('other');
    expect(decision.summary).not.toContain('registered deal');
  });

  it('always gives the lead to an eligible protected partner, and otherwise decides as if there were no registration', () => {
    const candidate = fc.record({
      weight: fc.integer({ min: 1, max: 5 }),
      allocatedInWindow: fc.integer({ min: 0, max: 20 }),
      standing: fc.constantFrom<Standing>('good', 'warning', 'suspended'),
      capacity: fc.integer({ min: 1, max: 3 }),
      openLeads: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 6 }), fc.nat(), (specs, pick) => {
        const candidates = specs.map((spec, i) => partner(`p${i}`, spec));
        const holder = candidates[pick % candidates.length];
        const protectedLead = lead({ registeredDeal: { partnerId: holder.id, protectedUntil: until } });
        const decision = allocate(protectedLead, candidates, config);
        const plain = allocate(lead(), candidates, config);
        const holderEligible = plain.eligible.some((e) => e.partnerId === holder.id);
        return holderEligible ? decision.winnerId === holder.id : decision.winnerId === plain.winnerId;
      }),
    );
  });
});
