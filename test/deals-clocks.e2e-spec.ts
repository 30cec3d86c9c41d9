// A registered deal's clocks: no accept clock (nothing to accept), and contact and feedback clocks that count and
// can be missed like any lead's — in the score, the sweep, the clock pages and the SLA report by source. Also the
// seeded registered-deal lead type, which approvals keep using when an admin renames or deactivates it.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { ReportRollupService } from '@leadgate/reporting';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const START = '2026-03-02T09:00:00Z'; // a Monday, 10:00 in Berlin

describe('a registered deal’s clocks', () => {
  let t: TestApp;
  let alpha: Partner;
  let rep: string;
  let admin: string;
  let cmCookie: string;
  let cmCsrf: string;
  let repCookie: string;

  const get = (path: string, token = admin) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const asCm = (path: string, body: object = {}) => request(t.http).post(path).set('Cookie', cmCookie).set('X-CSRF-Token', cmCsrf).send(body);
  const counts = async () => (await get(`/api/v1/partners/${alpha.id}/compliance`).expect(200)).body;

  /** A registration by Alpha, approved by its channel manager: the id of the lead it became. */
  async function approvedDeal(company = 'Globex GmbH'): Promise<string> {
    const submitted = await post('/api/v1/deals', rep, { company, contactName: 'Jane Doe', email: `jane@${company.split(' ')[0].toLowerCase()}.example`, country: 'DE' })
      .expect(201);
    return (await asCm(`/api/v1/deals/${submitted.body.id}/approve`).expect(200)).body.leadId;
  }

  beforeAll(async () => {
    t = await createTestApp({ now: START });
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cara@vendor.example', displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    cmCookie = await signIn(t.http, 'cara@vendor.example', PASSWORD);
    cmCsrf = csrfOf(await request(t.http).get('/partners').set('Cookie', cmCookie).expect(200));
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'], channelManagerId: cm.id });
    await users.createUser({ email: 'rita@alpha.example', displayName: 'Rita', role: 'partner_rep', partnerId: alpha.id, password: PASSWORD });
    repCookie = await signIn(t.http, 'rita@alpha.example', PASSWORD);
    [rep, admin] = await Promise.all([makeToken(t, 'partner_rep', alpha.id), makeToken(t, 'admin')]);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.set(START);
    await t.dataSource.query(`TRUNCATE deal_registrations, leads, assignments, breaches, clock_alerts, outbound_emails CASCADE; UPDATE partners SET open_leads = 0, standing = 'good'`);
  });

  it('adds no accept clock to the score; its contact clock is swept, counted and missed like any lead’s, and its feedback clock counts when met', async () => {
    // A marketing lead Alpha accepted in time, with long contact and feedback times: one accept clock, met.
    const type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 30 * 24 * 60, slaFeedbackMinutes: 60 * 24 * 60 });
    const marketing = await makeLead(t.dataSource, type.id);
    await t.app.get(AllocationService).assignManually(marketing, alpha.id, 'test setup', 'test');
    await post(`/api/v1/leads/${marketing}/accept`, rep).expect(200);
    const before = await counts();
    expect(before.counts).toMatchObject({ clocksDue: 1, clocksMet: 1 });

    const leadId = await approvedDeal();
    const detail = await get(`/api/v1/leads/${leadId}`, rep).expect(200);
    expect(detail.body.assignments).toEqual([expect.objectContaining({ status: 'accepted', acceptDueAt: null, contactDueAt: '2026-03-04T09:00:00.000Z' })]);
    // The same score as without the deal: nothing of it has come due yet, and it has no accept clock to meet.
    const after = await counts();
    expect(after.counts).toEqual(before.counts);
    expect(after.score).toBe(before.score);

    // Wednesday 10:00 Berlin has passed without a contact: the sweep records the breach and the score counts the miss.
    t.clock.set('2026-03-04T09:01:00Z');
    await post('/api/v1/jobs/sla-sweep/run', admin).expect(200);
    const breaches = await t.dataSource.query(`SELECT lead_id, kind FROM breaches ORDER BY kind`);
    expect(breaches).toEqual([{ lead_id: leadId, kind: 'contact' }]);
    const missed = await counts();
    expect(missed.counts).toMatchObject({ clocksDue: 2, clocksMet: 1, openBreaches: 1, missedByKind: { accept: 0, contact: 1, feedback: 0, update: 0 } });
    expect(missed.score).toBe(0.5);
    // No alert or breach of an accept clock, ever: there is none.
    expect(await t.dataSource.query(`SELECT kind FROM clock_alerts WHERE kind = 'accept'`)).toEqual([]);

    // Contact (late: the breach is cured, the miss stays) and feedback in time.
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call' }).expect(201);
    await post(`/api/v1/leads/${leadId}/feedback`, rep, { verdict: 'qualified' }).expect(200);
    const caughtUp = await counts();
    expect(caughtUp.counts).toMatchObject({ clocksDue: 3, clocksMet: 2, openBreaches: 0, missedByKind: { accept: 0, contact: 1, feedback: 0, update: 0 } });
    const clocks = await get(`/api/v1/partners/${alpha.id}/compliance/clocks`).expect(200);
    const ofDeal = clocks.body.items.filter((c: { leadId: string }) => c.leadId === leadId).map((c: { kind: string; met: boolean }) => [c.kind, c.met]);
    expect(ofDeal.sort()).toEqual([['contact', false], ['feedback', true]]);
  });

  it('shows no accept clock on the lead pages', async () => {
    const leadId = await approvedDeal();
    const partnerPage = await request(t.http).get(`/leads/${leadId}`).set('Cookie', repCookie).expect(200);
    expect(partnerPage.text).toContain('contact the buyer within 16 business hours');
    expect(partnerPage.text).toContain('give feedback within 80 business hours');
    expect(partnerPage.text).not.toMatch(/class="clock clock-\w+">accept/);
    const managerPage = await request(t.http).get(`/manage/leads/${leadId}`).set('Cookie', cmCookie).expect(200);
    expect(managerPage.text).toContain('no accept clock: registered deal');
  });

  it('reports no hand-off and no accept figure for registered deals in the SLA report by source', async () => {
    const type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    const marketing = await makeLead(t.dataSource, type.id, { createdAt: new Date(START) });
    await t.app.get(AllocationService).assignManually(marketing, alpha.id, 'test setup', 'test');
    await post(`/api/v1/leads/${marketing}/accept`, rep).expect(200);
    const leadId = await approvedDeal();
    await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call' }).expect(201);
    t.clock.set('2026-03-20T09:00:00Z');
    await t.app.get(ReportRollupService).run();

    const report = await get('/api/v1/reports/sla?from=2026-03-01&to=2026-03-31&groupBy=source').expect(200);
    const bySource = Object.fromEntries(report.body.rows.map((r: { groupId: string }) => [r.groupId, r]));
    expect(bySource.registered_deal).toMatchObject({
      groupName: 'Registered deal', firstOffers: 0, handoffMedianMinutes: null, acceptMedianMinutes: null,
      acceptClocks: 0, acceptMet: 0, acceptWithinSla: null, contactClocks: 1, contactMet: 1, contactWithinSla: 1, feedbackClocks: 1, feedbackMet: 0,
    });
    expect(bySource.marketing).toMatchObject({ groupName: 'Marketing lead', firstOffers: 1, acceptClocks: 1, acceptMet: 1, acceptWithinSla: 1 });
    // The program's figures (the summary) and a filtered report (the rows) agree.
    const program = await get('/api/v1/reports/sla?from=2026-03-01&to=2026-03-31').expect(200);
    expect(program.body.rows[0]).toMatchObject({ firstOffers: 1, acceptClocks: 1, contactClocks: 2 });
    const filtered = await get(`/api/v1/reports/sla?from=2026-03-01&to=2026-03-31&source=registered_deal&partnerId=${alpha.id}`).expect(200);
    expect(filtered.body.rows[0]).toMatchObject({ acceptClocks: 0, acceptWithinSla: null, contactClocks: 1 });
  });

  it('uses the seeded registered-deal lead type, also after an admin renamed and deactivated it', async () => {
    const [seeded] = await t.dataSource.query(`SELECT id, name, sla_contact_minutes FROM lead_types WHERE key = 'registered-deal'`);
    expect(seeded).toMatchObject({ name: 'Registered deal', sla_contact_minutes: 960 });
    await request(t.http).patch(`/api/v1/lead-types/${seeded.id}`).set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Partner-sourced deal', active: false, slaContactMinutes: 480 }).expect(200);
    const leadId = await approvedDeal();
    const [lead] = await t.dataSource.query(
      `SELECT l.lead_type_id, a.contact_due_at FROM leads l JOIN assignments a ON a.lead_id = l.id WHERE l.id = $1`,
      [leadId],
    );
    // The same type, with the admin's SLA: one business day (8 hours) from Monday 10:00 Berlin.
    expect(lead).toEqual({ lead_type_id: seeded.id, contact_due_at: new Date('2026-03-03T09:00:00Z') });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM lead_types WHERE key LIKE 'registered-deal%'`))[0].n).toBe(1);
    await request(t.http).patch(`/api/v1/lead-types/${seeded.id}`).set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Registered deal', active: true, slaContactMinutes: 960 }).expect(200);
  });
});
