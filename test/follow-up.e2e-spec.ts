import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('partner follow-up actions', () => {
  let t: TestApp;
  let partner: Partner;
  let other: Partner;
  let rep: string;
  let otherRep: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments, breaches, api_tokens CASCADE`);
    partner = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'], weight: 10 });
    other = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'], weight: 1 });
    rep = await makeToken(t, 'partner_rep', partner.id);
    otherRep = await makeToken(t, 'partner_rep', other.id);
  });

  async function leadOfferedTo(p: Partner): Promise<string> {
    const type = await makeLeadType(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id);
    await t.app.get(AllocationService).assignManually(leadId, p.id, 'test setup', 'test');
    return leadId;
  }

  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);

  it('works a lead from offer to won, each step on the timeline and each clock stopped', async () => {
    const leadId = await leadOfferedTo(partner);

    await post(`/api/v1/leads/${leadId}/accept`, rep).expect(200, { leadId, status: 'accepted' });
    t.clock.advance(30 * 60_000);
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call', notes: 'Reached the IT lead' }).expect(201);
    await post(`/api/v1/leads/${leadId}/feedback`, rep, { verdict: 'qualified' }).expect(200);
    await post(`/api/v1/leads/${leadId}/feedback`, rep, { verdict: 'opportunity', amountMinor: 5_000_000, currency: 'EUR' }).expect(200);
    const won = await post(`/api/v1/leads/${leadId}/feedback`, rep, { verdict: 'won', amountMinor: 4_200_000, currency: 'EUR' }).expect(200);

    expect(won.body.status).toBe('won');
    const [lead] = await t.dataSource.query(`SELECT status, won_amount_minor, opportunity_amount_minor, currency, closed_at FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toMatchObject({ status: 'won', won_amount_minor: '4200000', opportunity_amount_minor: '5000000', currency: 'EUR' });
    expect(lead.closed_at).not.toBeNull();
    const [assignment] = await t.dataSource.query(`SELECT status, accepted_at, first_contact_at, feedback_at FROM assignments WHERE lead_id = $1`, [leadId]);
    expect(assignment.status).toBe('closed');
    expect(assignment.first_contact_at.toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(assignment.feedback_at).not.toBeNull();
    const [{ open_leads }] = await t.dataSource.query(`SELECT open_leads FROM partners WHERE id = $1`, [partner.id]);
    expect(open_leads).toBe(0);
    const events = await t.dataSource.query(`SELECT kind, summary FROM lead_events WHERE lead_id = $1 ORDER BY id`, [leadId]);
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['offered', 'accepted', 'activity', 'feedback', 'feedback', 'feedback']);
    expect(events[5].summary).toMatch(/^Marked won by API token "partner_rep token \d+" \(Alpha IT\) \(€42,000\.00\)$/);
  });

  it('re-offers a declined lead to a different partner within the same request', async () => {
    const leadId = await leadOfferedTo(partner);

    const res = await post(`/api/v1/leads/${leadId}/decline`, rep, { reasonCode: 'no_capacity', reasonText: 'Fully booked' }).expect(200);

    // The decliner learns what its own action did, never who holds the lead now.
    expect(res.body).toEqual({ leadId, status: 'declined' });
    const assignments = await t.dataSource.query(`SELECT partner_id, status, end_reason_code FROM assignments WHERE lead_id = $1 ORDER BY offered_at, status`, [leadId]);
    expect(assignments).toEqual(
      expect.arrayContaining([
        { partner_id: partner.id, status: 'declined', end_reason_code: 'no_capacity' },
        { partner_id: other.id, status: 'offered', end_reason_code: null },
      ]),
    );
    // The decliner can no longer see or act on it.
    await post(`/api/v1/leads/${leadId}/accept`, rep).expect(404);
    await post(`/api/v1/leads/${leadId}/accept`, otherRep).expect(200);
  });

  it('answers 404 when a partner acts on another partner’s lead, and changes nothing', async () => {
    const leadId = await leadOfferedTo(partner);
    const res = await post(`/api/v1/leads/${leadId}/accept`, otherRep).expect(404);
    expect(res.body.message).toBe('Lead not found');
    const [lead] = await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [leadId]);
    expect(lead.status).toBe('offered');
  });

  it('answers 409 with a clear message when the status does not allow the action', async () => {
    const leadId = await leadOfferedTo(partner);
    const res = await post(`/api/v1/leads/${leadId}/feedback`, rep, { verdict: 'won', amountMinor: 100, currency: 'EUR' }).expect(409);
    expect(res.body.message).toMatch(/This lead is offered, so you cannot mark it won now/);
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call' }).expect(409);
  });

  it.each([
    [{ verdict: 'won' }, 'amountMinor'],
    [{ verdict: 'won', amountMinor: 100 }, 'currency'],
    [{ verdict: 'opportunity', amountMinor: 12.5, currency: 'EUR' }, 'amountMinor'],
    [{ verdict: 'lost' }, 'reasonCode'],
    [{ verdict: 'disqualified', reasonCode: 'not_a_reason' }, 'reasonCode'],
    [{ verdict: 'maybe' }, 'verdict'],
  ])('rejects feedback %j naming %s, and changes nothing', async (body, field) => {
    const leadId = await leadOfferedTo(partner);
    await post(`/api/v1/leads/${leadId}/accept`, rep).expect(200);
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'email' }).expect(201);

    const res = await post(`/api/v1/leads/${leadId}/feedback`, rep, body).expect(400);

    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const [lead] = await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [leadId]);
    expect(lead.status).toBe('contacted');
  });

  it('rejects an unknown decline reason and a future activity time', async () => {
    const leadId = await leadOfferedTo(partner);
    const bad = await post(`/api/v1/leads/${leadId}/decline`, rep, { reasonCode: 'bored' }).expect(400);
    expect(bad.body.errors[0].field).toBe('reasonCode');
    await post(`/api/v1/leads/${leadId}/accept`, rep).expect(200);
    const future = await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call', occurredAt: '2030-01-01T00:00:00Z' }).expect(400);
    expect(future.body.errors[0].field).toBe('occurredAt');
    const [assignment] = await t.dataSource.query(`SELECT first_contact_at FROM assignments WHERE lead_id = $1`, [leadId]);
    expect(assignment.first_contact_at).toBeNull();
  });

  it('cures a contact breach when the late contact is logged', async () => {
    const leadId = await leadOfferedTo(partner);
    await post(`/api/v1/leads/${leadId}/accept`, rep).expect(200);
    const [a] = await t.dataSource.query(`SELECT id, contact_due_at FROM assignments WHERE lead_id = $1`, [leadId]);
    await t.dataSource.query(
      `INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at) VALUES ($1, $2, $3, 'contact', $4, $4)`,
      [a.id, leadId, partner.id, a.contact_due_at],
    );
    t.clock.advance(3 * 24 * 3600_000);
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'meeting' }).expect(201);
    const [breach] = await t.dataSource.query(`SELECT cured_at FROM breaches WHERE lead_id = $1`, [leadId]);
    expect(breach.cured_at).not.toBeNull();
  });

  it('is for partner tokens only', async () => {
    const leadId = await leadOfferedTo(partner);
    const admin = await makeToken(t, 'admin');
    await post(`/api/v1/leads/${leadId}/accept`, admin).expect(403);
    await request(t.http).post(`/api/v1/leads/${leadId}/accept`).expect(401);
  });
});
