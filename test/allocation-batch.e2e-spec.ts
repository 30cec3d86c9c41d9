import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

// Fixed ids: ties between partners go to the smaller id, so both runs must see the same ones.
const partnerId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('allocating many leads together (bulk intake)', () => {
  let t: TestApp;
  let allocation: AllocationService;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday, 10:00 in Berlin
    allocation = t.app.get(AllocationService);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments, breaches, deal_registrations CASCADE`);
  });

  /** Partners of every kind the policy weighs differently, and leads of three countries, in a fixed order. */
  async function world(): Promise<string[]> {
    const type = await makeLeadType(t.dataSource, { key: 'demo', name: 'Demo' });
    const partner = (n: number, fields: Record<string, unknown>) => makePartner(t.dataSource, { id: partnerId(n), name: `Partner ${n}`, ...fields } as never);
    await partner(1, { territories: ['DE'], weight: 3 });
    await partner(2, { territories: ['DE'], weight: 1, capacity: 2 });
    await partner(3, { territories: ['DE-8'], weight: 2 });
    await partner(4, { territories: ['DE'], weight: 2, standing: 'warning' });
    await partner(5, { territories: ['DE'], weight: 5, standing: 'suspended' });
    await partner(6, { territories: ['AT'], weight: 1 });
    await partner(7, { territories: ['AT'], weight: 2, capacity: 1 });
    await partner(8, { territories: ['DE', 'AT'], weight: 1 });
    await partner(9, { territories: ['DE'], weight: 4, specialties: ['security'] });
    // A memory aged by the fairness decay (fractional), and one far behind its peers (fair re-entry lifts it).
    await t.dataSource.query(`UPDATE partners SET allocations_recent = 2.3333 WHERE id = $1`, [partnerId(8)]);
    await t.dataSource.query(`UPDATE partners SET allocations_recent = 4 WHERE id = ANY($1)`, [[partnerId(1), partnerId(4)]]);
    const leads: string[] = [];
    const places = [
      { country: 'DE', postalCode: '80331' }, { country: 'DE', postalCode: '10115' }, { country: 'AT', postalCode: '1010' },
      { country: 'DE', postalCode: '8 0 9' }, { country: 'FR', postalCode: '75001' }, { country: 'DE', postalCode: null },
    ];
    for (let i = 0; i < 36; i++) {
      leads.push(await makeLead(t.dataSource, type.id, { ...places[i % places.length], productInterest: i % 4 === 0 ? 'security' : 'networking', email: `buyer${i}@example.com` }));
    }
    return leads;
  }

  /** What each lead's decision was, by its place in the order, and where the partners' counters ended. */
  async function outcome(leads: string[]) {
    const decisions = await t.dataSource.query(
      `SELECT lead_id, winner_partner_id, summary, candidates FROM allocation_decisions WHERE lead_id = ANY($1)`, [leads],
    );
    const byLead = new Map(decisions.map((d: { lead_id: string }) => [d.lead_id, d]));
    const partners = await t.dataSource.query(`SELECT id, open_leads, allocations_recent FROM partners ORDER BY id`);
    return {
      decisions: leads.map((id) => {
        const { lead_id: _, ...decision } = byLead.get(id) as Record<string, unknown>;
        return decision;
      }),
      partners,
    };
  }

  it('decides exactly as allocating the same leads one after another', async () => {
    const oneByOne = await world();
    for (const leadId of oneByOne) await allocation.allocate(leadId);
    const expected = await outcome(oneByOne);

    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments CASCADE`);
    const together = await world();
    const outcomes = await allocation.allocateMany(together);

    expect(await outcome(together)).toEqual(expected);
    expect(outcomes.map((o) => o.kind)).toEqual(expected.decisions.map((d) => (d.winner_partner_id ? 'offered' : 'unallocated')));
    // The run is worth comparing: partners of every kind won leads (of both countries, in warning, by specialty,
    // up to a capacity), and some leads found nobody.
    const winners = new Set(expected.decisions.map((d) => d.winner_partner_id));
    expect([...winners]).toEqual(expect.arrayContaining([null, partnerId(1), partnerId(2), partnerId(4), partnerId(6), partnerId(8), partnerId(9)]));
    expect(expected.partners.find((p: { id: string }) => p.id === partnerId(2)).open_leads).toBe(2);
  });

  it('shares a bulk request of fifty leads among ten equal partners five each, next to single requests', async () => {
    const type = await makeLeadType(t.dataSource, { key: 'demo', name: 'Demo' });
    const partners = await Promise.all(Array.from({ length: 10 }, () => makePartner(t.dataSource, { territories: ['DE'], capacity: 1000, weight: 1 })));
    const token = await makeToken(t, 'intake');
    const lead = (i: number) => ({ email: `bulk${i}@example.com`, company: `Bulk ${i} GmbH`, country: 'DE', postalCode: '80331', leadType: type.key });

    const [bulk, ...singles] = await Promise.all([
      request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${token}`).send({ leads: Array.from({ length: 40 }, (_, i) => lead(i)) }),
      ...Array.from({ length: 10 }, (_, i) => request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${token}`).send(lead(100 + i))),
    ]);

    expect(bulk.status).toBe(200);
    expect(bulk.body.created).toBe(40);
    expect(singles.map((res) => res.status)).toEqual(singles.map(() => 201));
    const held = await t.dataSource.query(
      `SELECT p.id, (SELECT count(*)::int FROM assignments a WHERE a.partner_id = p.id) AS n, p.allocations_recent::float8 AS memory FROM partners p`,
    );
    expect(held.map((row: { n: number }) => row.n)).toEqual(partners.map(() => 5));
    expect(held.map((row: { memory: number }) => row.memory)).toEqual(partners.map(() => 5));
    const [{ left }] = await t.dataSource.query(`SELECT count(*)::int AS left FROM leads WHERE status <> 'offered'`);
    expect(left).toBe(0);
  });

  it('gives a bulk lead to the partner whose registered deal protects its buyer, outside its territory', async () => {
    const type = await makeLeadType(t.dataSource, { key: 'demo', name: 'Demo' });
    await makePartner(t.dataSource, { name: 'Local GmbH', territories: ['DE'] });
    const holder = await makePartner(t.dataSource, { name: 'Vienna Deals', territories: ['AT'] });
    // The registration's own lead (another lead type, so the bulk lead is no duplicate of it).
    const registered = await makeLead(t.dataSource, (await makeLeadType(t.dataSource)).id, { status: 'accepted', email: 'ceo@protected.example' });
    await t.dataSource.query(
      `INSERT INTO deal_registrations (partner_id, submitted_by, status, company, company_key, email, email_normalized, email_domain, country, submitted_at, decided_at, protected_until, lead_id)
       VALUES ($1, 'test', 'approved', 'Protected AG', deal_company_key('Protected AG'), 'ceo@protected.example', 'ceo@protected.example', 'protected.example', 'DE',
               '2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', '2026-05-01T00:00:00Z', $2)`,
      [holder.id, registered],
    );
    const token = await makeToken(t, 'intake');

    const res = await request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${token}`).send({
      leads: [
        { email: 'someone@else.example', company: 'Else GmbH', country: 'DE', leadType: type.key },
        { email: 'ceo@protected.example', company: 'Protected AG', country: 'DE', leadType: type.key },
      ],
    }).expect(200);

    const [, protectedLead] = res.body.results;
    const [row] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [protectedLead.leadId]);
    expect(row).toEqual({ status: 'offered', current_partner_id: holder.id });
  });
});
