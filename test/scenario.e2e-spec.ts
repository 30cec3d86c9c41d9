// The rule LeadGate exists for, end to end over HTTP with a moved clock: a partner that does not
// follow up gets no more leads until it catches up.
import request from 'supertest';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('scenario: compliance gates allocation', () => {
  let t: TestApp;
  let type: LeadType;
  let alpha: Partner; // weight 2, works every lead at once
  let beta: Partner; // weight 1, works every lead at once
  let lazy: Partner; // weight 1, never accepts — until it is suspended
  let tokens: { intake: string; admin: string; manager: string; alpha: string; beta: string; lazy: string };
  let sent = 0;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const runJob = async (name: string) => (await request(t.http).post(`/api/v1/jobs/${name}/run`).set(auth(tokens.admin)).expect(200)).body;

  async function sendLeads(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await request(t.http)
        .post('/api/v1/leads')
        .set(auth(tokens.intake))
        .send({ email: `buyer${++sent}@example.com`, company: `Buyer ${sent} GmbH`, country: 'DE', postalCode: '10115', leadType: type.key })
        .expect(201);
      ids.push(res.body.id);
    }
    return ids;
  }

  async function holders(leadIds: string[]): Promise<Record<string, number>> {
    const rows: { partner_id: string; n: number }[] = await t.dataSource.query(
      `SELECT partner_id, count(*)::int AS n FROM assignments WHERE lead_id = ANY($1) AND decision_id IN
         (SELECT id FROM allocation_decisions WHERE lead_id = ANY($1)) GROUP BY partner_id`,
      [leadIds],
    );
    const byName: Record<string, number> = { alpha: 0, beta: 0, lazy: 0 };
    for (const row of rows) byName[row.partner_id === alpha.id ? 'alpha' : row.partner_id === beta.id ? 'beta' : 'lazy'] += row.n;
    return byName;
  }

  /** What a diligent partner does: accept, call and qualify every lead offered to it, right away. */
  async function workOffers(token: string): Promise<number> {
    const res = await request(t.http).get('/api/v1/leads?status=offered&pageSize=200').set(auth(token)).expect(200);
    for (const lead of res.body.items as { id: string }[]) {
      await request(t.http).post(`/api/v1/leads/${lead.id}/accept`).set(auth(token)).expect(200);
      await request(t.http).post(`/api/v1/leads/${lead.id}/activities`).set(auth(token)).send({ type: 'call' }).expect(201);
      await request(t.http).post(`/api/v1/leads/${lead.id}/feedback`).set(auth(token)).send({ verdict: 'qualified' }).expect(200);
    }
    return res.body.items.length;
  }

  const standingOf = async (p: Partner) => (await t.dataSource.query(`SELECT standing FROM partners WHERE id = $1`, [p.id]))[0].standing;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    // Calendar time keeps the arithmetic of this story simple; business hours have their own tests.
    type = await makeLeadType(t.dataSource, { key: 'demo-request', businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 1440 });
    alpha = await makePartner(t.dataSource, { name: 'Alpha', territories: ['DE'], weight: 2, capacity: 1000 });
    beta = await makePartner(t.dataSource, { name: 'Beta', territories: ['DE'], weight: 1, capacity: 1000 });
    lazy = await makePartner(t.dataSource, { name: 'Lazy', territories: ['DE'], weight: 1, capacity: 1000 });
    tokens = {
      intake: await makeToken(t, 'intake'),
      admin: await makeToken(t, 'admin'),
      manager: await makeToken(t, 'channel_manager'),
      alpha: await makeToken(t, 'partner_rep', alpha.id),
      beta: await makeToken(t, 'partner_rep', beta.id),
      lazy: await makeToken(t, 'partner_rep', lazy.id),
    };
  });
  afterAll(() => t.close());

  it('suspends the partner that never accepts, routes around it by weight, and reinstates it once it works its backlog', async () => {
    // 09:00 — the first 20 leads; a quarter go to Lazy, which ignores them.
    const first = await sendLeads(20);
    expect(await holders(first)).toEqual({ alpha: 10, beta: 5, lazy: 5 });
    await workOffers(tokens.alpha);
    await workOffers(tokens.beta);

    // 09:30 — 60 more; Lazy's share of these will be its backlog.
    t.clock.advance(30 * MINUTE);
    const second = await sendLeads(60);
    expect(await holders(second)).toEqual({ alpha: 30, beta: 15, lazy: 15 });
    await workOffers(tokens.alpha);
    await workOffers(tokens.beta);

    // 10:01 — Lazy's first five offers are overdue: recalled, re-offered elsewhere, breaches recorded.
    t.clock.advance(31 * MINUTE);
    await runJob('sla-sweep');
    const [{ breaches }] = await t.dataSource.query(`SELECT count(*)::int AS breaches FROM breaches WHERE partner_id = $1 AND kind = 'accept'`, [lazy.id]);
    expect(breaches).toBe(5);
    const recalled = await t.dataSource.query(`SELECT DISTINCT lead_id FROM assignments WHERE partner_id = $1 AND status = 'recalled'`, [lazy.id]);
    expect(recalled).toHaveLength(5);
    const reoffered = await t.dataSource.query(
      `SELECT partner_id FROM assignments WHERE lead_id = ANY($1) AND status = 'offered'`,
      [recalled.map((r: { lead_id: string }) => r.lead_id)],
    );
    expect(reoffered.every((r: { partner_id: string }) => r.partner_id !== lazy.id)).toBe(true);
    await workOffers(tokens.alpha);
    await workOffers(tokens.beta);

    await runJob('compliance-recompute');
    expect(await standingOf(lazy)).toBe('suspended');
    expect(await standingOf(alpha)).toBe('good');
    expect(await standingOf(beta)).toBe('good');
    const compliance = await request(t.http).get(`/api/v1/partners/${lazy.id}/compliance`).set(auth(tokens.manager)).expect(200);
    expect(compliance.body.standing).toBe('suspended');
    const reason: string = compliance.body.history[0].reason;
    expect(reason).toMatch(/5 leads not accepted/);
    expect(reason).toMatch(/0% of SLAs met/);

    // 10:02 — the next 60 leads go only to Alpha and Beta, two to one.
    t.clock.advance(MINUTE);
    const third = await sendLeads(60);
    const split = await holders(third);
    expect(split.lazy).toBe(0);
    expect(split.alpha + split.beta).toBe(60);
    expect(Math.abs(split.alpha - 40)).toBeLessThanOrEqual(2);
    await workOffers(tokens.alpha);
    await workOffers(tokens.beta);

    // 10:10 — Lazy wakes up and works its backlog in time: 15 offers accepted, called and qualified.
    t.clock.advance(8 * MINUTE);
    expect(await workOffers(tokens.lazy)).toBe(15);
    await runJob('sla-sweep');
    await runJob('compliance-recompute');
    // 45 clocks met, 5 missed: 90%, the line for reinstatement.
    expect(await standingOf(lazy)).toBe('good');
    const after = await request(t.http).get(`/api/v1/partners/${lazy.id}/compliance`).set(auth(tokens.manager)).expect(200);
    expect(after.body.history[0].reason).toMatch(/^Reinstated/);

    // 10:11 — and it gets leads again.
    t.clock.advance(MINUTE);
    const fourth = await sendLeads(20);
    const lazyShare = (await holders(fourth)).lazy;
    expect(lazyShare).toBeGreaterThan(0);
    expect(await workOffers(tokens.lazy)).toBe(lazyShare);
  });

  it('re-offers a declined lead to a different partner within the same request', async () => {
    const [leadId] = await sendLeads(1);
    const [{ partner_id: first }] = await t.dataSource.query(`SELECT partner_id FROM assignments WHERE lead_id = $1`, [leadId]);
    const token = first === alpha.id ? tokens.alpha : first === beta.id ? tokens.beta : tokens.lazy;

    const res = await request(t.http).post(`/api/v1/leads/${leadId}/decline`).set(auth(token)).send({ reasonCode: 'no_capacity' }).expect(200);

    expect(res.body).toEqual({ leadId, status: 'declined' });
    const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead.status).toBe('offered');
    expect([alpha.id, beta.id, lazy.id]).toContain(lead.current_partner_id);
    expect(lead.current_partner_id).not.toBe(first);
  });
});
