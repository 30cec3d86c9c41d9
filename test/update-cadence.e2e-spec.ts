// Update cadence (issue 13, item 6): while a qualified lead stays open an update is due every
// sla_update_cadence_minutes; a miss is a breach of kind update and a missed clock in the score.
import request from 'supertest';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;

describe('update cadence', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday
  });
  afterAll(() => t.close());

  it('asks for an update every cadence while the lead is qualified, records each miss, cures it on the update and stops at the close', async () => {
    const partner = await makePartner(t.dataSource, { name: 'Steady GmbH' });
    const leadType = await makeLeadType(t.dataSource, {
      businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 7 * 1440, slaUpdateCadenceMinutes: 1440,
    });
    const campaign = await makeCampaign(t.dataSource);
    const [intake, rep, admin] = [await makeToken(t, 'intake'), await makeToken(t, 'partner_rep', partner.id), await makeToken(t, 'admin')];
    const as = (token: string) => (method: 'get' | 'post', path: string) => request(t.http)[method](path).set('Authorization', `Bearer ${token}`);
    const byRep = as(rep);
    const sweep = async () => (await as(admin)('post', '/api/v1/jobs/sla-sweep/run').expect(200)).body;
    const updateBreaches = () => t.dataSource.query(`SELECT due_at, detected_at, cured_at FROM breaches WHERE kind = 'update'`);

    const lead = (
      await as(intake)('post', '/api/v1/leads')
        .send({ email: 'buyer@example.com', company: 'Example GmbH', country: 'DE', postalCode: '80331', leadType: leadType.key, campaign: campaign.key })
        .expect(201)
    ).body.id;
    await byRep('post', `/api/v1/leads/${lead}/accept`).expect(200);
    await byRep('post', `/api/v1/leads/${lead}/activities`).send({ type: 'call' }).expect(201);
    // Contacted is not yet after the verdict: no cadence runs.
    t.clock.advance(3 * 24 * HOUR);
    expect((await sweep()).breaches.update).toBe(0);

    // The verdict starts it: an update is due a day later.
    await byRep('post', `/api/v1/leads/${lead}/feedback`).send({ verdict: 'qualified' }).expect(200); // 5 March 09:00
    t.clock.advance(12 * HOUR);
    await byRep('post', `/api/v1/leads/${lead}/activities`).send({ type: 'note', notes: 'Budget meeting next week' }).expect(201);
    t.clock.advance(24 * HOUR); // the next one was due 6 March 21:00; now 6 March 21:00 exactly: not missed yet
    expect((await sweep()).breaches.update).toBe(0);
    t.clock.advance(HOUR);
    expect((await sweep()).breaches.update).toBe(1);
    expect((await sweep()).breaches.update).toBe(0); // once
    expect(await updateBreaches()).toEqual([{ due_at: new Date('2026-03-06T21:00:00Z'), detected_at: new Date('2026-03-06T22:00:00Z'), cured_at: null }]);

    const card = (await byRep('get', `/api/v1/partners/${partner.id}/compliance`).expect(200)).body;
    expect(card.counts.missedByKind.update).toBe(1);
    expect(card.openBreaches).toEqual([expect.objectContaining({ leadId: lead, kind: 'update' })]);
    const listed = (await byRep('get', `/api/v1/leads?overdue=true`).expect(200)).body;
    expect(listed.items.map((l: { id: string; nextDeadline: { clock: string } | null }) => [l.id, l.nextDeadline?.clock])).toEqual([[lead, 'update']]);

    // A late update cures it and starts the next cycle; missing that one reopens the same breach row.
    await byRep('post', `/api/v1/leads/${lead}/feedback`).send({ verdict: 'opportunity', amountMinor: 500000, currency: 'EUR' }).expect(200); // 6 March 22:00
    expect((await updateBreaches())[0].cured_at).toEqual(new Date('2026-03-06T22:00:00Z'));
    t.clock.advance(25 * HOUR);
    expect((await sweep()).breaches.update).toBe(1);
    expect(await updateBreaches()).toEqual([{ due_at: new Date('2026-03-07T22:00:00Z'), detected_at: new Date('2026-03-07T23:00:00Z'), cured_at: null }]);
    const missed = (await byRep('get', `/api/v1/partners/${partner.id}/compliance/clocks?outcome=missed`).expect(200)).body;
    expect(missed.items.filter((c: { kind: string }) => c.kind === 'update')).toHaveLength(2);
    const timeline = await t.dataSource.query(`SELECT summary FROM lead_events WHERE lead_id = $1 AND kind = 'breach' ORDER BY at`, [lead]);
    expect(timeline.map((e: { summary: string }) => e.summary)).toEqual([
      'No update from Steady GmbH within the agreed cadence (due 6 March 2026, 21:00 UTC)',
      'No update from Steady GmbH within the agreed cadence (due 7 March 2026, 22:00 UTC)',
    ]);

    // Closing is the last update: nothing runs afterwards.
    await byRep('post', `/api/v1/leads/${lead}/feedback`).send({ verdict: 'won', amountMinor: 450000, currency: 'EUR' }).expect(200);
    t.clock.advance(10 * 24 * HOUR);
    expect((await sweep()).breaches.update).toBe(0);
    const [{ running }] = await t.dataSource.query(`SELECT count(*)::int AS running FROM update_clocks WHERE met_at IS NULL`);
    expect(running).toBe(0);
  });
});
