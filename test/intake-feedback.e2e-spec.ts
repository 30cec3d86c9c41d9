// Marketing's feedback loop: an intake token reads what became of the leads it sent, and nothing else.
import request from 'supertest';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('intake tokens read the leads they sent', () => {
  let t: TestApp;
  let leadType: LeadType;
  let partner: Partner;
  let marketing: string;
  let otherSource: string;
  let rep: string;

  const send = (token: string, externalId: string, email: string) =>
    request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${token}`).send({ email, company: 'Buyer GmbH', country: 'DE', leadType: leadType.key, externalId }).expect(201);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const act = (path: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${rep}`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    leadType = await makeLeadType(t.dataSource, { key: 'feedback-loop' });
    partner = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'] });
    marketing = await makeToken(t, 'intake');
    otherSource = await makeToken(t, 'intake');
    rep = await makeToken(t, 'partner_rep', partner.id);
  });
  afterAll(() => t.close());

  it('answers status, verdicts with reason codes and amounts, by id or externalId; never another source’s leads or notes', async () => {
    const mine = (await send(marketing, 'hs-1', 'one@buyer.example')).body.id;
    const lost = (await send(marketing, 'hs-2', 'two@buyer.example')).body.id;
    const theirs = (await send(otherSource, 'hs-1', 'three@buyer.example')).body.id;

    await act(`/api/v1/leads/${mine}/accept`).expect(200);
    await act(`/api/v1/leads/${mine}/activities`, { type: 'call', notes: 'Partner-internal: their CFO is difficult' }).expect(201);
    await act(`/api/v1/leads/${mine}/feedback`, { verdict: 'qualified' }).expect(200);
    await act(`/api/v1/leads/${mine}/feedback`, { verdict: 'won', amountMinor: 1_250_000, currency: 'EUR' }).expect(200);
    await act(`/api/v1/leads/${lost}/accept`).expect(200);
    await act(`/api/v1/leads/${lost}/activities`, { type: 'email' }).expect(201);
    await act(`/api/v1/leads/${lost}/feedback`, { verdict: 'lost', reasonCode: 'price', reasonText: 'Partner-internal: we were too expensive' }).expect(200);

    const one = (await get(`/api/v1/intake/leads/${mine}`, marketing).expect(200)).body;
    expect(one).toMatchObject({
      id: mine, externalId: 'hs-1', leadType: 'feedback-loop', status: 'won', wonAmountMinor: 1_250_000, currency: 'EUR', closedAt: expect.any(String),
      verdicts: [
        { status: 'qualified', at: expect.any(String), reasonCode: null, amountMinor: null, currency: null },
        { status: 'won', at: expect.any(String), reasonCode: null, amountMinor: 1_250_000, currency: 'EUR' },
      ],
    });
    const byExternalId = (await get('/api/v1/intake/leads?externalId=hs-1', marketing).expect(200)).body;
    expect(byExternalId).toMatchObject({ total: 1, items: [{ id: mine }] });
    const all = (await get('/api/v1/intake/leads', marketing).expect(200)).body;
    expect(all.items.map((l: { id: string }) => l.id).sort()).toEqual([mine, lost].sort());
    expect(all.items.find((l: { id: string }) => l.id === lost)).toMatchObject({ status: 'lost', outcomeReasonCode: 'price', verdicts: [{ status: 'lost', reasonCode: 'price' }] });

    const everything = JSON.stringify(all);
    expect(everything).not.toContain('Partner-internal');
    expect(everything).not.toContain(partner.id);
    expect(everything).not.toContain('Alpha IT');
    await get(`/api/v1/intake/leads/${theirs}`, marketing).expect(404);
    expect((await get('/api/v1/intake/leads', otherSource).expect(200)).body).toMatchObject({ total: 1, items: [{ id: theirs }] });
    // The full lead API stays closed to intake tokens; the sent-leads API to everyone else.
    await get(`/api/v1/leads/${mine}`, marketing).expect(403);
    await get('/api/v1/intake/leads', rep).expect(403);
    await get('/api/v1/intake/leads?pageSize=0', marketing).expect(400);
  });
});
