import request from 'supertest';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

// The clock stands at 12:00; "past" due times are 11:00, "future" ones 13:00.
const NOW = '2026-03-02T12:00:00Z';
const PAST = '2026-03-02T11:00:00Z';
const FUTURE = '2026-03-02T13:00:00Z';
const OFFERED_AT = '2026-03-02T08:00:00Z';

interface Clocks {
  status: 'offered' | 'accepted' | 'declined';
  acceptDue?: string;
  contactDue?: string;
  feedbackDue?: string;
  firstContactAt?: string | null;
  feedbackAt?: string | null;
}

describe('GET /api/v1/leads?overdue=true', () => {
  let t: TestApp;
  let type: LeadType;
  let partnerA: Partner;
  let partnerB: Partner;
  let tokens: Record<'admin' | 'repA' | 'repB', string>;
  const leads: Record<string, string> = {};

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((l) => l.id).sort();

  /** A lead held by the partner with one assignment whose clocks are as given. */
  const leadWith = async (partner: Partner, clocks: Clocks): Promise<string> => {
    const leadStatus = clocks.status === 'declined' ? 'offered' : clocks.status;
    const id = await makeLead(t.dataSource, type.id, { status: leadStatus });
    await t.dataSource.query(`UPDATE leads SET current_partner_id = $2 WHERE id = $1`, [id, partner.id]);
    const accepted = clocks.status !== 'offered';
    await t.dataSource.query(
      `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id, partner.id, clocks.status, OFFERED_AT,
        clocks.acceptDue ?? FUTURE, clocks.contactDue ?? FUTURE, clocks.feedbackDue ?? FUTURE,
        accepted ? OFFERED_AT : null, clocks.firstContactAt ?? null, clocks.feedbackAt ?? null,
        clocks.status === 'declined' ? OFFERED_AT : null,
      ],
    );
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    type = await makeLeadType(t.dataSource);
    partnerA = await makePartner(t.dataSource, { territories: ['AT'] });
    partnerB = await makePartner(t.dataSource, { territories: ['AT'] });
    tokens = { admin: await makeToken(t, 'admin'), repA: await makeToken(t, 'partner_rep', partnerA.id), repB: await makeToken(t, 'partner_rep', partnerB.id) };

    leads.offeredLate = await leadWith(partnerA, { status: 'offered', acceptDue: PAST });
    leads.offeredInTime = await leadWith(partnerA, { status: 'offered', acceptDue: FUTURE, contactDue: PAST, feedbackDue: PAST });
    leads.contactLate = await leadWith(partnerA, { status: 'accepted', acceptDue: PAST, contactDue: PAST });
    leads.contactMet = await leadWith(partnerA, { status: 'accepted', acceptDue: PAST, contactDue: PAST, firstContactAt: '2026-03-02T10:00:00Z' });
    leads.feedbackLate = await leadWith(partnerA, { status: 'accepted', contactDue: PAST, firstContactAt: '2026-03-02T10:00:00Z', feedbackDue: PAST });
    leads.allMet = await leadWith(partnerA, {
      status: 'accepted', acceptDue: PAST, contactDue: PAST, feedbackDue: PAST, firstContactAt: '2026-03-02T10:00:00Z', feedbackAt: '2026-03-02T10:30:00Z',
    });
    leads.endedLate = await leadWith(partnerA, { status: 'declined', acceptDue: PAST, contactDue: PAST, feedbackDue: PAST });
    leads.ofBLate = await leadWith(partnerB, { status: 'offered', acceptDue: PAST });
  });
  afterAll(() => t.close());

  it('lists the partner’s leads with an unmet clock past due: accept while offered, contact or feedback once accepted', async () => {
    const res = await get('/api/v1/leads?overdue=true', tokens.repA).expect(200);
    expect(idsOf(res.body)).toEqual([leads.offeredLate, leads.contactLate, leads.feedbackLate].sort());
    expect(res.body.total).toBe(3);
  });

  it('ignores clocks that are met, not yet due, or belong to an assignment that has ended', async () => {
    const ids = idsOf((await get('/api/v1/leads?overdue=true&pageSize=200', tokens.admin).expect(200)).body);
    for (const notOverdue of [leads.offeredInTime, leads.contactMet, leads.allMet, leads.endedLate]) expect(ids).not.toContain(notOverdue);
  });

  it('keeps another partner’s overdue leads out, while an admin sees every partner’s', async () => {
    expect(idsOf((await get('/api/v1/leads?overdue=true', tokens.repB).expect(200)).body)).toEqual([leads.ofBLate]);
    const all = await get('/api/v1/leads?overdue=true&pageSize=200', tokens.admin).expect(200);
    expect(idsOf(all.body)).toEqual([leads.offeredLate, leads.contactLate, leads.feedbackLate, leads.ofBLate].sort());
  });

  it('combines with the other filters and with paging', async () => {
    expect(idsOf((await get('/api/v1/leads?overdue=true&status=offered', tokens.repA).expect(200)).body)).toEqual([leads.offeredLate]);
    const first = await get('/api/v1/leads?overdue=true&pageSize=2', tokens.repA).expect(200);
    const second = await get('/api/v1/leads?overdue=true&pageSize=2&page=2', tokens.repA).expect(200);
    expect(first.body.total).toBe(3);
    expect([...idsOf(first.body), ...idsOf(second.body)].sort()).toEqual([leads.offeredLate, leads.contactLate, leads.feedbackLate].sort());
  });

  it('lists everything the partner holds when overdue is false', async () => {
    const res = await get('/api/v1/leads?overdue=false&pageSize=200', tokens.repA).expect(200);
    expect(res.body.total).toBe(7);
  });

  it('counts a clock as overdue once time passes it: an offer in time now is late an hour and a half later', async () => {
    t.clock.advance(90 * 60 * 1000);
    try {
      const ids = idsOf((await get('/api/v1/leads?overdue=true', tokens.repA).expect(200)).body);
      expect(ids).toContain(leads.offeredInTime);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('answers a value that is not a boolean with a 400 naming the field', async () => {
    const res = await get('/api/v1/leads?overdue=maybe', tokens.repA).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'overdue' })]);
  });
});
