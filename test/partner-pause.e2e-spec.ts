// Partner pause (issue 13, item 8): no offers during it, clocks of held leads keep running, no penalty
// for offers it did not get, fair re-entry afterwards; over HTTP with a moved clock.
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PASSWORD = 'correct horse battery';

describe('partner pause', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday
  });
  afterAll(() => t.close());

  it('offers a paused partner nothing, keeps its held clocks running, charges no missed offer, and lets it back level with its peer', async () => {
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cm@vendor.example', displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    const away = await makePartner(t.dataSource, { name: 'Away GmbH', channelManagerId: cm.id, capacity: 100 });
    const home = await makePartner(t.dataSource, { name: 'Home AG', channelManagerId: cm.id, capacity: 100 });
    await users.createUser({ email: 'admin@away.example', displayName: 'Ada', role: 'partner_admin', partnerId: away.id, password: PASSWORD });
    const leadType = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 7 * 1440 });
    const campaign = await makeCampaign(t.dataSource);
    const intake = await makeToken(t, 'intake');
    const awayAdmin = await makeToken(t, 'partner_admin', away.id);
    const homeAdmin = await makeToken(t, 'partner_admin', home.id);
    const manager = await makeToken(t, 'channel_manager');
    const admin = await makeToken(t, 'admin');
    let n = 0;
    const postLead = async (): Promise<{ id: string; partnerId: string | null }> => {
      const res = await request(t.http)
        .post('/api/v1/leads')
        .set('Authorization', `Bearer ${intake}`)
        .send({ email: `buyer${++n}@example.com`, company: 'Example GmbH', country: 'DE', postalCode: '80331', leadType: leadType.key, campaign: campaign.key })
        .expect(201);
      const [lead] = await t.dataSource.query(`SELECT id, current_partner_id FROM leads WHERE id = $1`, [res.body.id]);
      return { id: lead.id, partnerId: lead.current_partner_id };
    };
    const pauses = (token: string, partnerId = away.id) => request(t.http).post(`/api/v1/partners/${partnerId}/pauses`).set('Authorization', `Bearer ${token}`);

    // Away holds an accepted lead when it goes.
    let held = await postLead();
    while (held.partnerId !== away.id) held = await postLead();
    await request(t.http).post(`/api/v1/leads/${held.id}/accept`).set('Authorization', `Bearer ${awayAdmin}`).expect(200);

    // Bad input: each field's problem, nothing stored.
    const backwards = await pauses(awayAdmin).send({ from: '2026-03-05T00:00:00Z', until: '2026-03-04T00:00:00Z', reason: 'Fair' }).expect(400);
    expect(backwards.body.errors).toEqual([{ field: 'until', problems: ['until must be after from'] }]);
    const long = await pauses(awayAdmin).send({ from: '2026-03-05T00:00:00Z', until: '2026-05-05T00:00:00Z', reason: 'Fair' }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'until', problems: ['a pause may last at most 60 days'] }]);
    const garbled = await pauses(awayAdmin).send({ from: 'tomorrow', until: '2026-03-04', reason: ' ' }).expect(400);
    expect(garbled.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'reason', 'until']);
    // Another partner's admin does not see this partner at all.
    await pauses(homeAdmin).send({ from: '2026-03-02T10:00:00Z', until: '2026-03-03T10:00:00Z', reason: 'Not mine' }).expect(404);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM partner_pauses`))[0].n).toBe(0);

    // The partner admin pauses its own partner from 10:00 for a week (a trade fair); an overlapping one is refused.
    const created = await pauses(awayAdmin).send({ from: '2026-03-02T10:00:00Z', until: '2026-03-09T10:00:00Z', reason: 'Trade fair' }).expect(201);
    expect(created.body).toMatchObject({ partnerId: away.id, state: 'scheduled', reason: 'Trade fair', until: '2026-03-09T10:00:00.000Z' });
    const overlap = await pauses(manager).send({ from: '2026-03-08T00:00:00Z', until: '2026-03-12T00:00:00Z', reason: 'Holiday' }).expect(400);
    expect(overlap.body.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'until']);
    expect(overlap.body.errors[0].problems[0]).toMatch(/^overlaps the pause from 2 March 2026, 10:00 UTC until 9 March 2026, 10:00 UTC$/);

    // During the pause every lead goes to the peer, and each decision says why.
    t.clock.set('2026-03-02T10:00:00Z');
    const during = [];
    for (let i = 0; i < 6; i++) during.push(await postLead());
    expect(during.map((l) => l.partnerId)).toEqual(Array(6).fill(home.id));
    const [decision] = await t.dataSource.query(`SELECT summary, candidates FROM allocation_decisions WHERE lead_id = $1`, [during[0].id]);
    expect(decision.candidates.excluded).toEqual([{ partnerId: away.id, name: 'Away GmbH', reasons: ['paused'] }]);
    expect(decision.summary).toBe('Offered to Home AG: the only eligible partner; 1 excluded (1 paused)');

    // The held lead's contact clock kept running: missed during the pause. No clock for the leads it did not get.
    t.clock.set('2026-03-02T14:00:00Z');
    await request(t.http).post('/api/v1/jobs/sla-sweep/run').set('Authorization', `Bearer ${admin}`).expect(200);
    const breaches = await t.dataSource.query(`SELECT lead_id, kind FROM breaches WHERE partner_id = $1`, [away.id]);
    expect(breaches).toEqual([{ lead_id: held.id, kind: 'contact' }]);
    const clocks = (await request(t.http).get(`/api/v1/partners/${away.id}/compliance/clocks`).set('Authorization', `Bearer ${awayAdmin}`).expect(200)).body;
    expect(new Set(clocks.items.map((c: { leadId: string }) => c.leadId))).toEqual(new Set([held.id]));

    // Both sides see it: the API for any of the partner's users and its manager, and their pages.
    const listed = (await request(t.http).get(`/api/v1/partners/${away.id}/pauses`).set('Authorization', `Bearer ${manager}`).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: created.body.id, state: 'running', from: '2026-03-02T10:00:00.000Z' })]);
    const partnerPage = await request(t.http).get('/standing').set('Cookie', await signIn(t.http, 'admin@away.example', PASSWORD)).expect(200);
    // Each in their own zone: the partner's users in the partner's (Berlin), the channel manager in UTC.
    expect(partnerPage.text).toContain('Paused until 9 March 2026, 11:00 CET');
    expect(partnerPage.text).toContain('The clocks of leads already held keep running');
    const managerPage = await request(t.http).get(`/partners/${away.id}`).set('Cookie', await signIn(t.http, 'cm@vendor.example', PASSWORD)).expect(200);
    expect(managerPage.text).toContain('Paused until 9 March 2026, 10:00 UTC');
    expect(managerPage.text).toContain('Trade fair');

    // Ended early by its manager: offers resume at once, level with the peer (no burst for the six it missed).
    t.clock.advance(HOUR);
    const ended = await request(t.http).delete(`/api/v1/partners/${away.id}/pauses/${created.body.id}`).set('Authorization', `Bearer ${manager}`).expect(200);
    expect(ended.body).toMatchObject({ state: 'over', endedEarlyAt: '2026-03-02T15:00:00.000Z', until: '2026-03-02T15:00:00.000Z' });
    await request(t.http).delete(`/api/v1/partners/${away.id}/pauses/${created.body.id}`).set('Authorization', `Bearer ${manager}`).expect(409);
    const after = [];
    for (let i = 0; i < 10; i++) after.push((await postLead()).partnerId);
    const toAway = after.filter((id) => id === away.id).length;
    // Equal weights: 5 of 10, within the fair re-entry tolerance of ±2 (ties go by partner id, random per run).
    expect(toAway).toBeGreaterThanOrEqual(3);
    expect(toAway).toBeLessThanOrEqual(7);
  });
});
