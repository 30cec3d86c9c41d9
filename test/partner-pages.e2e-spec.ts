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

  const unescape = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const leadOrder = (html: string) => [...html.matchAll(/<a href="\/leads\/([0-9a-f-]{36})">/g)].map((m) => m[1]);

  it('lists only the partner’s own leads, by what to do next, with counts, paginated', async () => {
    const own = [await leadOfferedTo(alpha), await leadOfferedTo(alpha), await leadOfferedTo(alpha)];
    const others = await leadOfferedTo(bravo);
    await t.dataSource.query(`UPDATE assignments SET status = 'accepted', accepted_at = offered_at WHERE lead_id = $1`, [own[0]]);
    await t.dataSource.query(`UPDATE leads SET status = 'accepted' WHERE id = $1`, [own[0]]);

    const all = await get('/leads?pageSize=200').expect(200);
    for (const id of own) expect(all.text).toContain(`href="/leads/${id}"`);
    expect(all.text).not.toContain(others);
    expect(all.text).toMatch(/aria-current="page">All open <span class="count">3<\/span>/);
    expect(all.text).toContain('To accept <span class="count">2</span>');
    expect(all.text).toContain('To contact <span class="count">1</span>');

    const toAccept = await get('/leads?stage=to_accept&pageSize=200').expect(200);
    expect(toAccept.text).toContain(`href="/leads/${own[1]}"`);
    expect(toAccept.text).not.toContain(`href="/leads/${own[0]}"`);
    expect(toAccept.text).toMatch(/aria-current="page">To accept/);
    // Each row says what is due next, in plain words and in the partner's zone.
    expect(toAccept.text).toContain('accept within 4 h');

    const first = await get('/leads?pageSize=2').expect(200);
    expect(first.text).toContain('Page 1 of 2');
    expect(unescape(first.text)).toContain('href="/leads?page=2&pageSize=2" rel="next"');
    expect(first.text).not.toContain('rel="prev"');
  });

  it('orders by the nearest deadline, finds by company or email, and keeps the view in the address', async () => {
    const [later, sooner] = [await leadOfferedTo(alpha), await leadOfferedTo(alpha)];
    await t.dataSource.query(`UPDATE assignments SET accept_due_at = accept_due_at + interval '1 hour' WHERE lead_id = $1`, [later]);
    await t.dataSource.query(`UPDATE leads SET company = 'Zebra Müller GmbH', email = 'anna@zebra.example', email_normalized = 'anna@zebra.example' WHERE id = $1`, [sooner]);

    const urgent = leadOrder((await get('/leads?stage=to_accept&pageSize=200').expect(200)).text);
    expect(urgent.indexOf(sooner)).toBeLessThan(urgent.indexOf(later));

    for (const q of ['zebra müller', 'ANNA@ZEBRA', '%']) {
      const found = leadOrder((await get(`/leads?q=${encodeURIComponent(q)}`).expect(200)).text);
      expect({ q, found }).toEqual({ q, found: q === '%' ? [] : [sooner] });
    }
    const page = unescape((await get('/leads?q=zebra&stage=to_accept&pageSize=1').expect(200)).text);
    expect(page).toContain('href="/leads/export.csv?stage=to_accept&q=zebra"');
    expect(page).toContain('value="zebra"');
  });

  it('downloads the current view as CSV: its own leads only, times in its zone, formulas disarmed', async () => {
    const mine = await leadOfferedTo(alpha);
    await t.dataSource.query(`UPDATE leads SET company = '=HYPERLINK("http://evil.example")' WHERE id = $1`, [mine]);
    const theirs = await leadOfferedTo(bravo);
    const res = await get('/leads/export.csv?stage=to_accept').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="leads-to_accept-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Next deadline,Due (Europe/Berlin),Status,Owner,Lead type,Company,First name,Last name,Email,Phone,Country,Postal code,Interest,Received (Europe/Berlin),Lead id');
    const row = lines.find((line) => line.endsWith(mine))!;
    expect(row).toMatch(/^accept within [^,]+,\d{4}-\d{2}-\d{2} \d{2}:\d{2} CET,offered,[^,]*,/);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(res.text).not.toContain(theirs);
    // Every lead of the view, not one page of it.
    const listed = (await get('/leads?stage=to_accept&pageSize=200').expect(200)).text.match(/<a href="\/leads\/[0-9a-f-]{36}">/g)!.length;
    expect(lines.length - 1).toBe(listed);
  });

  it('says why after a decline, on the inbox page, never as JSON', async () => {
    const leadId = await leadOfferedTo(alpha);
    const res = await postForm(leadId, 'decline', { reasonCode: 'no_capacity' });
    expect(res.status).toBe(303);
    const inbox = await get(res.headers.location).expect(200);
    expect(inbox.type).toBe('text/html');
    expect(inbox.text).toContain('Lead declined.');
  });

  it('lists the leads that left the partner, with what happened and why, and no buyer contact details', async () => {
    const declined = await leadOfferedTo(alpha);
    await postForm(declined, 'decline', { reasonCode: 'no_capacity', reasonText: 'trade fair week' });
    const moved = await leadOfferedTo(alpha);
    await t.app.get(AllocationService).assignManually(moved, bravo.id, 'closer to the buyer', 'test');
    const recalled = await leadOfferedTo(alpha);
    await t.dataSource.query(`UPDATE assignments SET status = 'recalled', ended_at = accept_due_at, end_reason_code = 'accept_timeout' WHERE lead_id = $1 AND partner_id = $2`, [recalled, alpha.id]);
    const stillOurs = await leadOfferedTo(alpha);

    const page = await get('/leads/history').expect(200);
    expect(page.text).toContain('Declined today 10:00 CET: no capacity (trade fair week)');
    expect(page.text).toContain('Recalled today 14:00 CET: not accepted by today 14:00 CET');
    expect(page.text).toContain('Moved to another partner by a channel manager today 10:00 CET: closer to the buyer');
    expect(page.text).not.toMatch(/@example\.com|mailto:/);

    const api = await request(t.http).get('/api/v1/leads/history?pageSize=100').set('Cookie', cookie).expect(200);
    const ids = api.body.items.map((item: { leadId: string }) => item.leadId);
    expect(ids).toEqual(expect.arrayContaining([declined, moved, recalled]));
    expect(ids).not.toContain(stillOurs);
    expect(Object.keys(api.body.items[0]).sort()).toEqual(['acceptDueAt', 'company', 'country', 'endedAt', 'leadId', 'leadType', 'offeredAt', 'outcome', 'reasonCode', 'reasonText']);
    // Bravo holds the moved lead now; Bravo's history does not list it, Alpha's lead page still does not open it.
    const bravoCookie = await signInAs(bravo.id);
    const bravoIds = (await request(t.http).get('/api/v1/leads/history').set('Cookie', bravoCookie).expect(200)).body.items.map((i: { leadId: string }) => i.leadId);
    expect(bravoIds).not.toContain(moved);
    await get(`/leads/${moved}`).expect(404);
  });

  it('answers a view it cannot read with an HTML page that says what is wrong and where to go on', async () => {
    const res = await get('/leads?stage=someday').expect(400);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('stage must be one of: open, to_accept, to_contact, awaiting_feedback, opportunities, closed');
    expect(res.text).toContain('<a href="/leads">Back to your leads</a>');
    expect(res.text).toContain('aria-label="Main"');
  });

  it('shows the lead with each SLA clock in words, in the partner’s timezone', async () => {
    const leadId = await leadOfferedTo(alpha);
    const page = await get(`/leads/${leadId}`).expect(200);
    expect(page.text).toContain('accept within 4 business hours — due today 14:00 CET');
    expect(page.text).toContain('contact the buyer within 8 business hours — due tomorrow 10:00 CET');
    expect(page.text).toMatch(/<li><time>today 10:00 CET<\/time> Offered to Alpha Networks/);
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
    expect(page.text).toContain('accept within 4 business hours — met today 10:42 CET');
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

  it('shows a logged call with its notes, newest first, and keeps decline behind a confirmation', async () => {
    const leadId = await leadOfferedTo(alpha);
    expect((await postForm(leadId, 'accept', {})).status).toBe(303);
    t.clock.advance(5 * 60_000);
    expect((await postForm(leadId, 'activities', { type: 'call', notes: 'Spoke to Anna.\nWants a demo on Friday.' })).status).toBe(303);
    const page = (await get(`/leads/${leadId}`).expect(200)).text;
    expect(page).toMatch(/<li><time>[^<]+<\/time> Call logged by [^<]+<blockquote class="notes">Spoke to Anna.\nWants a demo on Friday.<\/blockquote><\/li>/);
    expect(page.indexOf('Call logged')).toBeLessThan(page.indexOf('Offered to Alpha Networks'));
  });

  it('keeps a lead in the currency of its first amount and reads amounts as people write them', async () => {
    const leadId = await leadOfferedTo(alpha);
    await t.dataSource.query(`UPDATE leads SET status = 'qualified' WHERE id = $1`, [leadId]);
    expect((await get(`/leads/${leadId}`).expect(200)).text).toContain('value="EUR"');
    expect((await postForm(leadId, 'feedback', { verdict: 'opportunity', amount: '42.000,50', currency: 'EUR' })).status).toBe(303);

    const usd = await postForm(leadId, 'feedback', { verdict: 'won', amount: '39,000', currency: 'USD' });
    expect(usd.status).toBe(400);
    expect(usd.text).toContain("This lead&#x27;s amounts are in EUR: give this amount in EUR too");
    const kept = async () => (await t.dataSource.query(`SELECT status, opportunity_amount_minor, won_amount_minor, currency FROM leads WHERE id = $1`, [leadId]))[0];
    expect(await kept()).toEqual({ status: 'opportunity', opportunity_amount_minor: '4200050', won_amount_minor: null, currency: 'EUR' });

    expect((await postForm(leadId, 'feedback', { verdict: 'won', amount: '39,000', currency: 'EUR' })).status).toBe(303);
    expect(await kept()).toEqual({ status: 'won', opportunity_amount_minor: '4200050', won_amount_minor: '3900000', currency: 'EUR' });
  });

  it('says what is missing in plain words next to the field', async () => {
    const leadId = await leadOfferedTo(alpha);
    const res = await postForm(leadId, 'decline', {});
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="field-error" id="decline-reasonCode-error">Choose a reason for declining.</p>');
    // The decline form opens itself to show it.
    expect(res.text).toMatch(/<details class="action secondary" open/);
    const unknown = await postForm(leadId, 'decline', { reasonCode: 'bored' });
    expect(unknown.text).toContain('Choose a reason for declining.');
    expect(await statusOf(leadId)).toBe('offered');
  });

  it('plans a next step on a lead, shows it in the inbox, and refuses a day that does not exist', async () => {
    const leadId = await leadOfferedTo(alpha);
    await t.dataSource.query(`UPDATE leads SET status = 'contacted' WHERE id = $1`, [leadId]);
    const bad = await postForm(leadId, 'next-step', { on: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<p class="field-error" id="next-step-on-error">Pick the day of the next step.</p>');
    expect((await postForm(leadId, 'next-step', { on: '2026-03-06', note: 'Send the offer' })).status).toBe(303);
    expect((await get('/leads?stage=awaiting_feedback&pageSize=200').expect(200)).text).toContain('next step Fri 6 Mar: Send the offer');

    // The API: the same, and another partner's lead is not found.
    const api = await request(t.http).put(`/api/v1/leads/${leadId}/next-step`).set('Cookie', cookie).set('X-CSRF-Token', csrfOf(await get('/leads').expect(200))).send({ on: null });
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ leadId, nextStepOn: null, nextStep: null });
    const theirs = await leadOfferedTo(bravo);
    const page = await get('/leads').expect(200);
    await request(t.http).put(`/api/v1/leads/${theirs}/next-step`).set('Cookie', cookie).set('X-CSRF-Token', csrfOf(page)).send({ on: '2026-03-06' }).expect(404);
    expect((await t.dataSource.query(`SELECT next_step_on FROM leads WHERE id = $1`, [theirs]))[0].next_step_on).toBeNull();
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

  it('sends a visitor without a session to the sign-in form, and back to the page asked for after signing in', async () => {
    const leadId = await leadOfferedTo(alpha);
    const asked = await request(t.http).get(`/leads/${leadId}?from=email`).expect(303);
    expect(asked.headers.location).toBe(`/login?next=${encodeURIComponent(`/leads/${leadId}?from=email`)}`);

    const email = `return-user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: 'Returning Rep', role: 'partner_rep', partnerId: alpha.id, password: PASSWORD });
    const signInAndFollow = async (next: string) => {
      const form = await request(t.http).get(`/login?next=${encodeURIComponent(next)}`).expect(200);
      const cookieOf = (r: request.Response) => ([] as string[]).concat(r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      const res = await request(t.http).post('/login').set('Cookie', cookieOf(form)).type('form').send({ email, password: PASSWORD, next, _csrf: csrfOf(form) });
      return res.headers.location;
    };
    expect(await signInAndFollow(`/leads/${leadId}?from=email`)).toBe(`/leads/${leadId}?from=email`);
    // Only paths on this site: another host is ignored, and sign-in lands on the home page.
    for (const elsewhere of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) expect(await signInAndFollow(elsewhere)).toBe('/');
  });
});
