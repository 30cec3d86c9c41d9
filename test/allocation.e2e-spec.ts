import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('allocation', () => {
  let t: TestApp;
  let allocation: AllocationService;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday, 10:00 in Berlin
    allocation = t.app.get(AllocationService);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments, breaches CASCADE`);
  });

  it('offers a new lead to an eligible partner with SLA due times in its business hours, and explains why', async () => {
    const type = await makeLeadType(t.dataSource, { slaAcceptMinutes: 240, slaContactMinutes: 480, slaFeedbackMinutes: 4800 });
    const fit = await makePartner(t.dataSource, { name: 'Munich Networks', territories: ['DE-80'] });
    const elsewhere = await makePartner(t.dataSource, { name: 'Hamburg IT', territories: ['DE-2'] });
    const suspended = await makePartner(t.dataSource, { name: 'Sleepy GmbH', territories: ['DE'], standing: 'suspended' });
    const leadId = await makeLead(t.dataSource, type.id, { postalCode: '80331' });

    const outcome = await allocation.allocate(leadId);

    expect(outcome).toMatchObject({ kind: 'offered', partnerId: fit.id });
    const [assignment] = await t.dataSource.query(`SELECT * FROM assignments WHERE lead_id = $1`, [leadId]);
    // 10:00 Berlin + 4 business hours = 14:00 Berlin = 13:00 UTC; + 8h = next day 10:00 Berlin.
    expect(assignment.accept_due_at.toISOString()).toBe('2026-03-02T13:00:00.000Z');
    expect(assignment.contact_due_at.toISOString()).toBe('2026-03-03T09:00:00.000Z');
    const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toEqual({ status: 'offered', current_partner_id: fit.id });
    const [partner] = await t.dataSource.query(`SELECT open_leads FROM partners WHERE id = $1`, [fit.id]);
    expect(partner.open_leads).toBe(1);

    const admin = await makeToken(t, 'admin');
    const res = await request(t.http).get(`/api/v1/leads/${leadId}/allocation`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].winnerPartnerId).toBe(fit.id);
    expect(res.body[0].candidates.eligible.map((c: { partnerId: string }) => c.partnerId)).toEqual([fit.id]);
    expect(res.body[0].candidates.excluded).toEqual([{ partnerId: suspended.id, name: 'Sleepy GmbH', reasons: ['suspended'] }]);
    // Partners outside the territory are not listed at all.
    expect(JSON.stringify(res.body[0].candidates)).not.toContain(elsewhere.id);
    const events = await t.dataSource.query(`SELECT kind FROM lead_events WHERE lead_id = $1`, [leadId]);
    expect(events.map((e: { kind: string }) => e.kind)).toContain('offered');
  });

  it('finds partners by postal prefix however the postal code is spaced or cased', async () => {
    const type = await makeLeadType(t.dataSource);
    const london = await makePartner(t.dataSource, { name: 'Thames IT', territories: ['GB-SW1'] });
    const leadId = await makeLead(t.dataSource, type.id, { country: 'GB', postalCode: ' sw1a 1aa' });

    const outcome = await allocation.allocate(leadId);

    expect(outcome).toMatchObject({ kind: 'offered', partnerId: london.id });
  });

  it('parks a lead nobody may take as unallocated, listed in the queue', async () => {
    const type = await makeLeadType(t.dataSource, { allowedTiers: ['platinum'] });
    await makePartner(t.dataSource, { tier: 'silver', territories: ['DE'] });
    const leadId = await makeLead(t.dataSource, type.id);

    const outcome = await allocation.allocate(leadId);

    expect(outcome.kind).toBe('unallocated');
    const admin = await makeToken(t, 'channel_manager');
    const res = await request(t.http).get('/api/v1/leads?status=unallocated').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.items.map((l: { id: string }) => l.id)).toEqual([leadId]);
  });

  it('never offers a lead twice nor passes a capacity with 8 concurrent allocators', async () => {
    const type = await makeLeadType(t.dataSource);
    const partners = await Promise.all([1, 2, 3, 4].map((i) => makePartner(t.dataSource, { territories: ['DE'], capacity: 5, weight: i })));
    const leadIds: string[] = [];
    for (let i = 0; i < 40; i++) leadIds.push(await makeLead(t.dataSource, type.id));

    // Eight allocators each walk every lead, in different orders, at the same time.
    const runs = await Promise.allSettled(
      Array.from({ length: 8 }, (_, worker) => (async () => {
        const order = leadIds.map((id, i) => ({ id, key: (i * (worker + 3)) % 41 })).sort((a, b) => a.key - b.key);
        for (const { id } of order) await allocation.allocate(id, `test:worker-${worker}`);
      })()),
    );

    expect(runs.filter((r) => r.status === 'rejected')).toEqual([]);
    const perLead = await t.dataSource.query(`SELECT lead_id, count(*)::int AS n FROM assignments GROUP BY lead_id`);
    expect(perLead.every((row: { n: number }) => row.n === 1)).toBe(true);
    expect(perLead).toHaveLength(20); // 4 partners × capacity 5
    const counts = await t.dataSource.query(
      `SELECT p.id, p.capacity, p.open_leads, (SELECT count(*)::int FROM assignments a WHERE a.partner_id = p.id AND a.status = 'offered') AS held
         FROM partners p`,
    );
    for (const row of counts) {
      expect(row.held).toBeLessThanOrEqual(row.capacity);
      expect(row.open_leads).toBe(row.held);
    }
    const [{ unallocated }] = await t.dataSource.query(`SELECT count(*)::int AS unallocated FROM leads WHERE status = 'unallocated'`);
    expect(unallocated).toBe(20);
    expect(partners).toHaveLength(4);
  });

  it('shares leads allocated at the same moment as fairly as leads allocated one after another', async () => {
    // Ten partners of equal weight: fifty leads one after another give each exactly five. Allocated all at
    // once (the pool's ten connections in flight), each decision must still count the leads its peers are
    // giving a partner right now, instead of every one of them picking the same partner.
    const type = await makeLeadType(t.dataSource);
    const partners = await Promise.all(Array.from({ length: 10 }, () => makePartner(t.dataSource, { territories: ['DE'], capacity: 1000, weight: 1 })));
    const leadIds: string[] = [];
    for (let i = 0; i < 50; i++) leadIds.push(await makeLead(t.dataSource, type.id));

    const outcomes = await Promise.all(leadIds.map((id) => allocation.allocate(id)));

    expect(outcomes.map((o) => o.kind)).toEqual(leadIds.map(() => 'offered'));
    const held = await t.dataSource.query(
      `SELECT p.id, (SELECT count(*)::int FROM assignments a WHERE a.partner_id = p.id) AS n, p.allocations_recent::float8 AS memory FROM partners p`,
    );
    expect(held.map((row: { n: number }) => row.n)).toEqual(partners.map(() => 5));
    // The fair-share memory counts each lead once.
    expect(held.map((row: { memory: number }) => row.memory)).toEqual(partners.map(() => 5));
  });

  it('lets a channel manager assign a lead by hand, recorded with the reason', async () => {
    const type = await makeLeadType(t.dataSource);
    const chosen = await makePartner(t.dataSource, { name: 'Chosen AG', territories: ['AT'] });
    const leadId = await makeLead(t.dataSource, type.id, { status: 'unallocated' });
    const cm = await makeToken(t, 'channel_manager');

    const res = await request(t.http)
      .post(`/api/v1/leads/${leadId}/assign`)
      .set('Authorization', `Bearer ${cm}`)
      .send({ partnerId: chosen.id, reason: 'Existing customer of Chosen AG' })
      .expect(200);

    expect(res.body).toMatchObject({ kind: 'offered', partnerId: chosen.id });
    const [decision] = await t.dataSource.query(`SELECT mode, reason, winner_partner_id FROM allocation_decisions WHERE lead_id = $1`, [leadId]);
    expect(decision).toEqual({ mode: 'manual', reason: 'Existing customer of Chosen AG', winner_partner_id: chosen.id });
  });

  it('refuses manual assignment to a suspended partner with a clear 409', async () => {
    const type = await makeLeadType(t.dataSource);
    const suspended = await makePartner(t.dataSource, { name: 'Late Ltd', standing: 'suspended' });
    const leadId = await makeLead(t.dataSource, type.id, { status: 'unallocated' });
    const cm = await makeToken(t, 'channel_manager');

    const res = await request(t.http)
      .post(`/api/v1/leads/${leadId}/assign`)
      .set('Authorization', `Bearer ${cm}`)
      .send({ partnerId: suspended.id, reason: 'Try anyway' })
      .expect(409);

    expect(res.body.message).toMatch(/Late Ltd is suspended/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM allocation_decisions`);
    expect(n).toBe(0);
  });

  it('keeps partners out of the allocation endpoints', async () => {
    const type = await makeLeadType(t.dataSource);
    const partner = await makePartner(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id);
    const rep = await makeToken(t, 'partner_rep', partner.id);
    await request(t.http).get(`/api/v1/leads/${leadId}/allocation`).set('Authorization', `Bearer ${rep}`).expect(403);
    await request(t.http).post(`/api/v1/leads/${leadId}/assign`).set('Authorization', `Bearer ${rep}`).send({ partnerId: partner.id, reason: 'mine' }).expect(403);
  });
});
