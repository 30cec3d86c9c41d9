// A partner must never learn another partner's identity or data from any answer's side fields.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('what a partner learns about other partners', () => {
  let t: TestApp;
  let type: LeadType;
  let first: Partner;
  let next: Partner;
  let firstRep: string;
  let nextRep: string;

  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const tokenIdOf = async (partner: Partner): Promise<string> => (await t.dataSource.query(`SELECT id FROM api_tokens WHERE partner_id = $1`, [partner.id]))[0].id;
  /** Every trace of a partner an answer could carry: its id, its name, its token's id. */
  const tracesOf = async (partner: Partner): Promise<string[]> => [partner.id, partner.name, await tokenIdOf(partner)];
  const expectNoTraceOf = async (body: unknown, partner: Partner) => {
    const text = JSON.stringify(body);
    for (const trace of await tracesOf(partner)) expect(text).not.toContain(trace);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    type = await makeLeadType(t.dataSource);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, allocation_decisions, assignments, breaches, api_tokens CASCADE`);
    first = await makePartner(t.dataSource, { name: 'First Holder GmbH', territories: ['DE'], weight: 10 });
    next = await makePartner(t.dataSource, { name: 'Next Holder AG', territories: ['DE'], weight: 1 });
    firstRep = await makeToken(t, 'partner_rep', first.id);
    nextRep = await makeToken(t, 'partner_rep', next.id);
  });

  const offeredTo = async (partner: Partner): Promise<string> => {
    const leadId = await makeLead(t.dataSource, type.id);
    await t.app.get(AllocationService).assignManually(leadId, partner.id, 'test setup', 'test');
    return leadId;
  };

  it('answers a decline without naming the partner that gets the lead next', async () => {
    const leadId = await offeredTo(first);

    const res = await post(`/api/v1/leads/${leadId}/decline`, firstRep, { reasonCode: 'no_capacity' }).expect(200);

    expect(res.body).toEqual({ leadId, status: 'declined' });
    await expectNoTraceOf(res.body, next);
    // It did go on to the next partner, in the same request.
    const [lead] = await t.dataSource.query(`SELECT current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead.current_partner_id).toBe(next.id);
  });

  it('answers accept, activities and feedback with the lead and its status only', async () => {
    const leadId = await offeredTo(first);
    expect((await post(`/api/v1/leads/${leadId}/accept`, firstRep).expect(200)).body).toEqual({ leadId, status: 'accepted' });
    expect((await post(`/api/v1/leads/${leadId}/activities`, firstRep, { type: 'call' }).expect(201)).body).toEqual({ leadId, status: 'contacted' });
    expect((await post(`/api/v1/leads/${leadId}/feedback`, firstRep, { verdict: 'qualified' }).expect(200)).body).toEqual({ leadId, status: 'qualified' });
  });

  it('shows the next holder a timeline with no trace of the partner that declined it', async () => {
    const leadId = await offeredTo(first);
    await post(`/api/v1/leads/${leadId}/decline`, firstRep, { reasonCode: 'no_capacity' }).expect(200);

    const res = await get(`/api/v1/leads/${leadId}`, nextRep).expect(200);

    await expectNoTraceOf(res.body, first);
    const offered = res.body.timeline.find((e: { kind: string }) => e.kind === 'offered');
    // The re-offer was caused by the first partner's token: the next holder sees that someone did, not who.
    expect(offered.actor).toBe('hidden');
    // The vendor still sees who caused it.
    const admin = await makeToken(t, 'admin');
    const full = await get(`/api/v1/leads/${leadId}`, admin).expect(200);
    expect(full.body.timeline.find((e: { kind: string; partnerId: string }) => e.kind === 'offered' && e.partnerId === next.id).actor).toBe(`token:${await tokenIdOf(first)}`);
  });

  it('hides who caused an "unallocated" event from the partner that gets the lead later', async () => {
    // Only the first partner covers the lead: its decline parks the lead as unallocated.
    await t.dataSource.query(`UPDATE partners SET territories = '{AT}' WHERE id = $1`, [next.id]);
    const leadId = await offeredTo(first);
    await post(`/api/v1/leads/${leadId}/decline`, firstRep, { reasonCode: 'no_capacity' }).expect(200);
    const [parked] = await t.dataSource.query(`SELECT actor FROM lead_events WHERE lead_id = $1 AND kind = 'unallocated'`, [leadId]);
    expect(parked.actor).toBe(`token:${await tokenIdOf(first)}`);
    await t.app.get(AllocationService).assignManually(leadId, next.id, 'covers it after all', 'user:00000000-0000-4000-8000-000000000001');

    const res = await get(`/api/v1/leads/${leadId}`, nextRep).expect(200);

    await expectNoTraceOf(res.body, first);
    const actors = Object.fromEntries(res.body.timeline.map((e: { kind: string; actor: string }) => [e.kind, e.actor]));
    expect(actors.unallocated).toBe('hidden');
    expect(actors.offered).toBe('hidden');
  });

  it('still shows a partner its own actors', async () => {
    const leadId = await offeredTo(first);
    await post(`/api/v1/leads/${leadId}/accept`, firstRep).expect(200);
    const res = await get(`/api/v1/leads/${leadId}`, firstRep).expect(200);
    expect(res.body.timeline.find((e: { kind: string }) => e.kind === 'accepted').actor).toBe(`token:${await tokenIdOf(first)}`);
  });
});
