import fc from 'fast-check';
import type { AllocationDecision } from '@leadgate/lifecycle';
import { backLinkOf, partnerChoices, PartnerFacts } from './channel-lead-view';

const partner = (id: string, overrides: Partial<PartnerFacts> = {}): PartnerFacts => ({
  id, name: `Partner ${id}`, standing: 'good', active: true, capacity: 10, openLeads: 0, ...overrides,
});

const decision = (eligible: [string, number][], excluded: [string, string[]][]): AllocationDecision => ({
  id: 'd1', leadId: 'l1', decidedAt: new Date('2026-03-02T09:00:00Z'), mode: 'automatic', policyVersion: 'v1', winnerPartnerId: null,
  actor: 'system', reason: null, summary: 'No eligible partner',
  candidates: {
    eligible: eligible.map(([partnerId, score]) => ({ partnerId, name: partnerId, score, effectiveWeight: 1 })),
    excluded: excluded.map(([partnerId, reasons]) => ({ partnerId, name: partnerId, reasons })),
  },
});

describe('backLinkOf', () => {
  it('returns to the console view or queue page the viewer came from', () => {
    expect(backLinkOf('/manage/leads?q=acme&status=offered', 'offered')).toEqual({ href: '/manage/leads?q=acme&status=offered', label: 'Leads' });
    expect(backLinkOf('/queue?page=3', 'unallocated')).toEqual({ href: '/queue?page=3', label: 'Unallocated queue' });
  });

  it('never follows another address, and falls back to the list the lead belongs in', () => {
    for (const back of ['https://evil.example/manage/leads', '//evil.example', '/manage/leads/123', '/admin/users', undefined, ['/queue']]) {
      expect(backLinkOf(back, 'offered')).toEqual({ href: '/manage/leads', label: 'Leads' });
    }
    expect(backLinkOf(undefined, 'unallocated')).toEqual({ href: '/queue', label: 'Unallocated queue' });
  });
});

describe('partnerChoices', () => {
  it('lists eligible partners first, best score first, then the others with why — today’s facts before the decision’s', () => {
    const rows = partnerChoices(
      [partner('a'), partner('b'), partner('c', { standing: 'suspended' }), partner('d', { capacity: 2, openLeads: 2 }), partner('e'), partner('f')],
      decision([['a', 0.4], ['b', 0.9], ['d', 0.7]], [['c', ['suspended']], ['e', ['already_had_lead']]]),
      new Map([['e', 'no_capacity']]),
    );
    expect(rows.map((r) => [r.id, r.eligible, r.why])).toEqual([
      ['b', true, ''],
      ['a', true, ''],
      ['d', false, 'at capacity for open leads'],
      ['c', false, 'suspended for missed SLAs'],
      ['e', false, 'declined this lead: no capacity'],
      ['f', false, 'not considered: outside its territory'],
    ]);
    expect(rows.find((r) => r.id === 'd')).toMatchObject({ room: 0, score: '0.70' });
  });

  it('says a lead never weighed by the policy is not checked yet, rather than calling everyone eligible', () => {
    const [row] = partnerChoices([partner('a')], undefined);
    expect(row).toMatchObject({ eligible: false, unchecked: true, why: 'not checked yet: the lead has no allocation decision' });
  });

  it('never ranks an ineligible partner above an eligible one, and never calls a partner with a reason eligible', () => {
    const facts = fc.record({
      standing: fc.constantFrom('good', 'warning', 'suspended'), active: fc.boolean(), capacity: fc.integer({ min: 0, max: 5 }), openLeads: fc.integer({ min: 0, max: 5 }),
      score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), declined: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 8 }), (list) => {
        const partners = list.map((f, i) => partner(`p${i}`, f));
        const eligible = list.flatMap((f, i): [string, number][] => (f.score === undefined ? [] : [[`p${i}`, f.score]]));
        const declines = new Map(list.flatMap((f, i): [string, string][] => (f.declined ? [[`p${i}`, 'other']] : [])));
        const rows = partnerChoices(partners, decision(eligible, []), declines);
        const firstIneligible = rows.findIndex((r) => !r.eligible);
        return (firstIneligible === -1 || rows.slice(firstIneligible).every((r) => !r.eligible)) && rows.every((r) => r.eligible === (r.why === ''));
      }),
    );
  });
});
