import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

describe('partner lead pages', () => {
  let t: TestApp;
  let alpha: Partner;
  let bravo: Partner;
  let cookie: string;
  let sequence = 0;

  const signInAs = async (partnerId: string): Promise<string> => {
    const email = `pages-user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `Rep ${sequence}`, role: 'partner_rep', partnerId, password: PASSWORD });
    return signIn(t.http, email, PASSWORD);
  };
  const leadOfferedTo = async (partner: Partner): Promise<string> => {
    const type = await makeLeadType(t.dataSource); // accept within 240 business minutes
    const id = await makeLead(t.dataSource, type.id);
    await t.app.get(AllocationService).assignManually(id, partner.id, 'test setup', 'test');
    return id;
  };
  const get = (path: string) => request(t.http).get(path).set('Cookie', cookie);
  const postForm = async (leadId: string, action: string, fields: Record<string, string>) => {
    const page = await get(`/leads/${leadId}`).expect(200);
    return request(t.http).post(`/leads/${leadId}/${action}`).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  const statusOf = async (leadId: string): Promise<string> => (await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [leadId]))[0].status;

  beforeAll(async () => {
    // Monday 10:00 in Berlin, inside the partners' 09:00–17:00 hours.
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'], timezone: 'Europe/Berlin' });
    bravo = await makePartner(t.dataSource, { name: 'Bravo Systems', territories: ['DE'], timezone: 'Europe/Berlin' });
    cookie = await signInAs(alpha.id);
  });
  afterAll(() => t.close());

  it('lists only the partner’s own leads in the inbox, filtered by status and paginated', async () => {
    const own = [await leadOfferedTo(alpha), await leadOfferedTo(alpha), await leadOfferedTo(alpha)];
    const others = await leadOfferedTo(bravo);
    await t.dataSource.query(`UPDATE leads SET status = 'accepted' WHERE id = $1`, [own[0]]);

    const all = await get('/leads?pageSize=200').expect(200);
    for (const id of own) expect(all.text).toContain(`href="/leads/${id}"`);
    expect(all.text).not.toContain(others);

    const offered = await get('/leads?status=offered&pageSize=200').expect(200);
    expect(offered.text).toContain(`href="/leads/${own[1]}"`);
    expect(offered.text).not.toContain(`href="/leads/${own[0]}"`);
    expect(offered.text).toContain('<option value="offered" selected>');

    const first = await get('/leads?pageSize=2').expect(200);
    expect(first.text).toContain('Page 1 of 2');
    const unescaped = first.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(unescaped).toContain('href="/leads?page=2&pageSize=2" rel="next"');
    expect(unescaped).not.toContain('rel="prev"');
  });

  it('shows the lead with each SLA clock in words, in the partner’s timezone', async () => {
    const leadId = await leadOfferedTo(alpha);
    const page = await get(`/leads/${leadId}`).expect(200);
    expect(page.text).toContain('accept within 4 business hours — due today 14:00');
    expect(page.text).toContain('contact the buyer within 8 business hours — due tomorrow 10:00');
    expect(page.text).toMatch(/<li><time>today 10:00<\/time> Offered to Alpha Networks/);
    expect(page.text).toContain('<label for="decline-reasonCode">Reason</label>');
  });

  it('accepts a lead from the form, redirects back with a message, and shows the accept clock as met', async () => {
    const leadId = await leadOfferedTo(alpha);
    t.clock.advance(42 * 60_000);
    const res = await postForm(leadId, 'accept', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/leads/${leadId}?done=accepted`);
    expect(await statusOf(leadId)).toBe('accepted');

    const page = await get(res.headers.location).expect(200);
    expect(page.text).toContain('Lead accepted.');
    expect(page.text).toContain('accept within 4 business hours — met today 10:42');
  });

  it('shows the field error for a won verdict without an amount, and changes nothing', async () => {
    const leadId = await leadOfferedTo(alpha);
    await t.dataSource.query(`UPDATE leads SET status = 'contacted' WHERE id = $1`, [leadId]);
    const events = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = $1`, [leadId]))[0].n;
    const before = await events();

    const res = await postForm(leadId, 'feedback', { verdict: 'won', amount: '', currency: 'EUR' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="field-error" id="feedback-amount-error">Enter the amount, more than 0, as a number such as 42000 or 42000.50</p>');
    expect(res.text).toContain('<option value="won" selected>');
    expect(res.text).toContain('value="EUR"');

    const [lead] = await t.dataSource.query(`SELECT status, won_amount_minor, closed_at FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toEqual({ status: 'contacted', won_amount_minor: null, closed_at: null });
    expect(await events()).toBe(before);

    const fixed = await postForm(leadId, 'feedback', { verdict: 'won', amount: '42000.50', currency: 'eur' });
    expect(fixed.status).toBe(303);
    const [won] = await t.dataSource.query(`SELECT status, won_amount_minor, currency FROM leads WHERE id = $1`, [leadId]);
    expect(won).toEqual({ status: 'won', won_amount_minor: '4200050', currency: 'EUR' });
  });

  it('answers a wrong-status action with 409 and the reason on the page', async () => {
    const leadId = await leadOfferedTo(alpha);
    const res = await postForm(leadId, 'activities', { type: 'call' });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/role="alert">[^<]+</);
    expect(await statusOf(leadId)).toBe('offered');
  });

  it('answers another partner’s lead with the not-found page, for viewing and for acting', async () => {
    const leadId = await leadOfferedTo(bravo);
    const page = await get(`/leads/${leadId}`).expect(404);
    expect(page.text).toContain('<h1>Lead not found</h1>');
    const inbox = await get('/leads').expect(200);
    const res = await request(t.http).post(`/leads/${leadId}/accept`).set('Cookie', cookie).type('form').send({ _csrf: csrfOf(inbox) });
    expect(res.status).toBe(404);
    expect(await statusOf(leadId)).toBe('offered');
    await get('/leads/not-a-uuid').expect(404);
  });

  it('refuses a form post without its CSRF token', async () => {
    const leadId = await leadOfferedTo(alpha);
    await request(t.http).post(`/leads/${leadId}/accept`).set('Cookie', cookie).type('form').send({}).expect(403);
    expect(await statusOf(leadId)).toBe('offered');
  });

  it('sends a visitor without a session to the sign-in form', async () => {
    await request(t.http).get('/leads').expect(303).expect('Location', '/login');
  });
});
