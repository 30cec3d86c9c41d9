// "Not sales-ready": a partner hands a lead back to marketing for nurturing (status recycled).
import request from 'supertest';
import { JobsService } from '@leadgate/jobs';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { signIn } from './support/browser-session';
import { UsersService } from '@leadgate/users';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('recycling a lead to marketing', () => {
  let t: TestApp;
  let leadType: LeadType;
  let alpha: Partner;
  let admin: string;
  let intake: string;
  let rep: string;
  let n = 0;

  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  /** A lead marketing sends in, offered to Alpha (the only partner), accepted and contacted. */
  const contactedLead = async (campaign?: string): Promise<string> => {
    const id = (await post('/api/v1/leads', intake, { email: `buyer${++n}@example.com`, company: `Buyer ${n} GmbH`, country: 'DE', leadType: leadType.key, ...(campaign && { campaign }) }).expect(201)).body.id;
    await post(`/api/v1/leads/${id}/accept`, rep).expect(200);
    await post(`/api/v1/leads/${id}/activities`, rep, { type: 'call', notes: 'Spoke to the buyer' }).expect(201);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    leadType = await makeLeadType(t.dataSource, { key: 'recycle-demo' });
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'], capacity: 1 });
    admin = await makeToken(t, 'admin');
    intake = await makeToken(t, 'intake');
    rep = await makeToken(t, 'partner_rep', alpha.id);
    await post('/api/v1/webhooks', admin, { url: 'http://127.0.0.1:9/hook', events: ['lead.status_changed'] }).expect(201);
  });
  afterAll(() => t.close());

  it('lists the recycle reasons for every role', async () => {
    const res = await get('/api/v1/reason-codes', rep).expect(200);
    expect(res.body.recycled).toEqual(expect.arrayContaining([{ code: 'early_research', label: 'early research' }]));
    expect(res.body.disqualified.map((r: { code: string }) => r.code)).not.toContain('early_research');
  });

  it('refuses a recycle without a reason, or with a reason from another list, and changes nothing', async () => {
    const id = await contactedLead();
    const missing = await post(`/api/v1/leads/${id}/feedback`, rep, { verdict: 'recycled' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'reasonCode', problems: [expect.stringMatching(/required for lost, disqualified and recycled/)] }]);
    const wrong = await post(`/api/v1/leads/${id}/feedback`, rep, { verdict: 'recycled', reasonCode: 'no_budget' }).expect(400);
    expect(wrong.body.errors[0].problems[0]).toMatch(/^reasonCode must be one of: early_research, /);
    const [lead] = await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [id]);
    expect(lead.status).toBe('contacted');
    // Clean up: close it so Alpha's one slot is free for the next test.
    await post(`/api/v1/leads/${id}/feedback`, rep, { verdict: 'disqualified', reasonCode: 'no_need' }).expect(200);
  });

  it('answers the feedback clock, frees the slot, ends the hold and tells marketing and integrators', async () => {
    const id = await contactedLead();
    // Alpha is full (capacity 1): a second lead waits.
    const waiting = (await post('/api/v1/leads', intake, { email: 'waiting@example.com', company: 'Waiting GmbH', country: 'DE', leadType: leadType.key }).expect(201)).body.id;
    expect((await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [waiting]))[0].status).toBe('unallocated');

    const res = await post(`/api/v1/leads/${id}/feedback`, rep, { verdict: 'recycled', reasonCode: 'early_research', reasonText: 'Budget talks start in Q3' }).expect(200);
    expect(res.body).toEqual({ leadId: id, status: 'recycled' });

    const [lead] = await t.dataSource.query(`SELECT status, outcome_reason_code, closed_at FROM leads WHERE id = $1`, [id]);
    expect(lead).toMatchObject({ status: 'recycled', outcome_reason_code: 'early_research' });
    expect(lead.closed_at).not.toBeNull();
    const [assignment] = await t.dataSource.query(`SELECT status, feedback_at FROM assignments WHERE lead_id = $1`, [id]);
    expect(assignment.status).toBe('closed');
    expect(assignment.feedback_at).not.toBeNull();
    // The partner can no longer act on it.
    await post(`/api/v1/leads/${id}/activities`, rep, { type: 'call' }).expect(409);

    // The freed slot goes to the waiting lead.
    await t.app.get(JobsService).runNow('allocate-pending');
    expect((await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [waiting]))[0].status).toBe('offered');

    // Long after the feedback deadline: no breach for the recycled lead.
    t.clock.advance(30 * 24 * 3600_000);
    await t.app.get(JobsService).runNow('sla-sweep');
    const breaches = await t.dataSource.query(`SELECT b.kind FROM breaches b JOIN assignments a ON a.id = b.assignment_id WHERE a.lead_id = $1`, [id]);
    expect(breaches).toEqual([]);

    // The timeline says what happened, in plain words.
    const timeline = (await get(`/api/v1/leads/${id}`, admin).expect(200)).body.timeline;
    expect(timeline.at(-1).summary).toMatch(/^Returned to marketing as not sales-ready by API token "partner_rep token \d+" \(Alpha IT\): early research$/);

    // Marketing (the intake token that sent it) sees it recycled, with the reason code and never the free text.
    const sent = (await get(`/api/v1/intake/leads/${id}`, intake).expect(200)).body;
    expect(sent).toMatchObject({ status: 'recycled', outcomeReasonCode: 'early_research' });
    expect(sent.verdicts.at(-1)).toMatchObject({ status: 'recycled', reasonCode: 'early_research' });
    expect(JSON.stringify(sent)).not.toContain('Budget talks');

    // Integrators hear of it as a status change.
    const [event] = await t.dataSource.query(`SELECT data FROM webhook_events WHERE type = 'lead.status_changed' AND lead_id = $1`, [id]);
    expect(event.data).toMatchObject({ leadId: id, partnerId: alpha.id, status: 'recycled', reasonCode: 'early_research' });
    expect(JSON.stringify(event.data)).not.toContain('Budget talks');
  });

  it('reports recycled leads apart from disqualified ones in the campaign quality figures', async () => {
    await makeCampaign(t.dataSource, { key: 'nurture-test', name: 'Nurture test', costMinor: 40_000 });
    // Free Alpha's slot first (the waiting lead from the last test holds it).
    await t.dataSource.query(`UPDATE assignments SET status = 'closed', ended_at = now() WHERE status IN ('offered', 'accepted')`);
    await t.dataSource.query(`UPDATE partners SET open_leads = 0`);
    const recycled = await contactedLead('nurture-test');
    await post(`/api/v1/leads/${recycled}/feedback`, rep, { verdict: 'recycled', reasonCode: 'no_project_yet' }).expect(200);
    const disqualified = await contactedLead('nurture-test');
    await post(`/api/v1/leads/${disqualified}/feedback`, rep, { verdict: 'disqualified', reasonCode: 'no_budget' }).expect(200);
    const qualified = await contactedLead('nurture-test');
    await post(`/api/v1/leads/${qualified}/feedback`, rep, { verdict: 'qualified' }).expect(200);
    await post(`/api/v1/leads/${qualified}/feedback`, rep, { verdict: 'won', amountMinor: 120_000, currency: 'EUR' }).expect(200);
    const open = await contactedLead('nurture-test');
    await post(`/api/v1/leads/${open}/feedback`, rep, { verdict: 'disqualified', reasonCode: 'no_budget' }).expect(200);
    await t.app.get(JobsService).runNow('reports-rollup');

    const today = t.clock.now().toISOString().slice(0, 10);
    const res = await get(`/api/v1/reports/quality?from=${today}&to=${today}&groupBy=campaign`, admin).expect(200);
    const row = res.body.rows.find((r: { groupName: string }) => r.groupName === 'Nurture test');
    expect(row).toMatchObject({
      leads: 4, qualified: 1, qualifiedShare: 0.25, disqualified: 2, disqualifiedShare: 0.5, recycled: 1, recycledShare: 0.25,
      disqualifiedByReason: [{ code: 'no_budget', leads: 2, share: 0.5 }],
      recycledByReason: [{ code: 'no_project_yet', leads: 1, share: 0.25 }],
      // 400.00 over 4 leads, 1 qualified; 1,200.00 won.
      spendMinor: 40_000, costPerQualifiedLeadMinor: 40_000, wonMinor: 120_000, wonPerLeadMinor: 30_000, wonPerSpend: 3, otherCurrencies: [],
    });
    expect(res.body.definitions.recycledShare).toMatch(/not counted as disqualified/);

    const csv = await get(`/api/v1/reports/quality?from=${today}&to=${today}&groupBy=campaign&format=csv`, admin).expect(200);
    expect(csv.headers['content-disposition']).toContain('quality-');
    const [header] = csv.text.split('\r\n');
    expect(header).toContain('disqualified: no budget,disqualified: no budget (share)');
    expect(header).toContain('recycled: no project yet,recycled: no project yet (share)');
    expect(csv.text).toMatch(/Nurture test,4,1,0\.25,2,0\.5,/);

    const outcomes = await get(`/api/v1/reports/outcomes?from=${today}&to=${today}&campaignId=${row.groupId}`, admin).expect(200);
    expect(outcomes.body.rows[0]).toMatchObject({ leads: 4, disqualified: 2, recycled: 1 });
  });

  it('offers "not sales-ready" on the partner’s lead page, with its reasons', async () => {
    await t.dataSource.query(`UPDATE assignments SET status = 'closed', ended_at = now() WHERE status IN ('offered', 'accepted')`);
    await t.dataSource.query(`UPDATE partners SET open_leads = 0`);
    const id = await contactedLead();
    await t.app.get(UsersService).createUser({ email: 'rita@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: alpha.id, password: 'rita-password-1' });
    const cookie = await signIn(t.http, 'rita@alpha.example', 'rita-password-1');
    const page = await request(t.http).get(`/leads/${id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('<option value="recycled">not sales-ready (back to marketing)</option>');
    expect(page.text).toContain('<option value="early_research">early research</option>');
  });
});
