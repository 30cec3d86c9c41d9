import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { UserRole } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

describe('channel manager pages', () => {
  let t: TestApp;
  let cmCookie: string;
  let cmId: string;
  let otherCmId: string;
  let sequence = 0;

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<{ id: string; email: string }> => {
    const email = `channel-user${++sequence}@example.com`;
    const user = await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return { id: user.id, email };
  };
  const get = (path: string, cookie = cmCookie) => request(t.http).get(path).set('Cookie', cookie);
  const postForm = async (pagePath: string, action: string, fields: Record<string, string>, cookie = cmCookie) => {
    const page = await get(pagePath, cookie).expect(200);
    return request(t.http).post(action).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  const managedPartner = (overrides: Partial<Partner> = {}) => makePartner(t.dataSource, { channelManagerId: cmId, ...overrides });
  const standingOf = async (partnerId: string): Promise<string> => (await t.dataSource.query(`SELECT standing FROM partners WHERE id = $1`, [partnerId]))[0].standing;
  const overridesOf = async (partnerId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM standing_overrides WHERE partner_id = $1`, [partnerId]))[0].n;
  /** The partner names in the order the table lists them. */
  const tableOrder = (html: string): string[] => [...html.matchAll(/<td><a href="\/partners\/[^"]+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    const cm = await makeUser('channel_manager');
    cmId = cm.id;
    otherCmId = (await makeUser('channel_manager')).id;
    cmCookie = await signIn(t.http, cm.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('shows a channel manager only the partners it manages, with their counts, and an admin all of them', async () => {
    const mine = await managedPartner({ name: 'Mine Counted GmbH' });
    const theirs = await makePartner(t.dataSource, { name: 'Theirs Hidden GmbH', channelManagerId: otherCmId });
    const type = await makeLeadType(t.dataSource);
    await t.app.get(AllocationService).assignManually(await makeLead(t.dataSource, type.id), mine.id, 'test setup', 'test');

    const page = await get('/partners').expect(200);
    expect(page.text).toContain('Mine Counted GmbH');
    expect(page.text).not.toContain('Theirs Hidden GmbH');
    const row = new RegExp(`<a href="/partners/${mine.id}">Mine Counted GmbH</a></td>\\s*<td>gold</td>\\s*<td><span class="status">good</span></td>\\s*<td>—</td>\\s*<td>0</td>\\s*<td>1</td>`);
    expect(page.text).toMatch(row);
    // The rule behind the score column, with the configured thresholds.
    expect(page.text).toContain('Below 90% puts a partner on warning and below 75% suspends it, once at least 5 deadlines came due');

    const admin = await signIn(t.http, (await makeUser('admin')).email, PASSWORD);
    const all = await get('/partners', admin).expect(200);
    expect(all.text).toContain('Mine Counted GmbH');
    expect(all.text).toContain(`href="/partners/${theirs.id}"`);
  });

  it('finds leads in the console: its partners’ and the unallocated ones, by search and filters kept in the address, and as CSV', async () => {
    const mine = await managedPartner({ name: 'Console Mine GmbH' });
    const theirs = await makePartner(t.dataSource, { name: 'Console Theirs GmbH', channelManagerId: otherCmId });
    const type = await makeLeadType(t.dataSource);
    const allocation = t.app.get(AllocationService);
    const held = await makeLead(t.dataSource, type.id, { company: 'Findable Maschinen AG', country: 'AT', postalCode: '1010' });
    await allocation.assignManually(held, mine.id, 'test setup', 'test');
    const hidden = await makeLead(t.dataSource, type.id, { company: 'Findable Hidden AG' });
    await allocation.assignManually(hidden, theirs.id, 'test setup', 'test');
    const waiting = await makeLead(t.dataSource, type.id, { company: 'Findable Waiting AG', status: 'unallocated' });

    const found = (await get('/manage/leads?q=findable').expect(200)).text.replace(/&#x3D;/g, '=');
    // Each lead links to its page with the way back to this very view.
    expect(found).toContain(`href="/manage/leads/${held}?back=%2Fmanage%2Fleads%3Fq%3Dfindable"`);
    expect(found).toContain(`href="/manage/leads/${waiting}?back=`);
    expect(found).not.toContain(hidden);
    expect(found).toContain('Console Mine GmbH');

    const narrowed = (await get(`/manage/leads?q=findable&country=at&partnerId=${mine.id}`).expect(200)).text;
    expect(narrowed).toContain(held);
    expect(narrowed).not.toContain(waiting);
    expect(narrowed.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`href="/manage/leads.csv?q=findable&partnerId=${mine.id}&country=at"`);

    const csv = await get('/manage/leads.csv?q=findable').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Received (UTC),Status,Partner,Next deadline,Due (UTC),Lead type,Company,First name,Last name,Email,Country,Postal code,Interest,External id,Lead id');
    expect(lines.slice(1).map((line) => line.split(',').at(-1)).sort()).toEqual([held, waiting].sort());

    // A bad filter is a page that says so; another manager's partner named in the address shows nothing of it.
    expect((await get('/manage/leads?country=Austria').expect(400)).text).toContain('country must be a two-letter country code such as DE');
    expect((await get(`/manage/leads?partnerId=${theirs.id}`).expect(200)).text).not.toContain(hidden);
  });

  it('sorts the table by the chosen column, descending with a leading "-"', async () => {
    await managedPartner({ name: 'Aa Low Score', complianceScore: 0.5 });
    await managedPartner({ name: 'Zz High Score', complianceScore: 0.9 });

    const byName = tableOrder((await get('/partners?sort=name').expect(200)).text);
    expect(byName.indexOf('Aa Low Score')).toBeLessThan(byName.indexOf('Zz High Score'));

    const byScoreDesc = await get('/partners?sort=-score').expect(200);
    const order = tableOrder(byScoreDesc.text);
    expect(order.slice(0, 2)).toEqual(['Zz High Score', 'Aa Low Score']);
    expect(byScoreDesc.text).toContain('<td>90%</td>');
    expect(byScoreDesc.text).toMatch(/aria-sort="descending"><a href="\/partners\?sort(=|&#x3D;)score">Score<\/a>/);

    await get('/partners?sort=colour').expect(400);
  });

  it('sets a standing override from the form: the standing changes at once and the page says so', async () => {
    const partner = await managedPartner({ name: 'Override Me GmbH' });
    const res = await postForm(`/partners/${partner.id}`, `/partners/${partner.id}/overrides`, {
      standing: 'suspended',
      reason: 'Stopped answering leads during the audit',
      endsAt: '2026-04-01',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/partners/${partner.id}?done=override`);
    expect(await standingOf(partner.id)).toBe('suspended');

    const page = await get(res.headers.location).expect(200);
    expect(page.text).toContain('The standing override is saved and in force now.');
    expect(page.text).toContain('<span class="status" id="standing">suspended</span>');
    expect(page.text).toContain('Stopped answering leads during the audit');
    expect(page.text).toContain('<dt>Score</dt><dd>not scored yet: no deadline came due in the last 90 days</dd>');
  });

  it('shows a missing reason next to its field and changes nothing', async () => {
    const partner = await managedPartner({ name: 'No Reason GmbH' });
    const res = await postForm(`/partners/${partner.id}`, `/partners/${partner.id}/overrides`, { standing: 'suspended', reason: '  ', endsAt: '2026-04-01' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<p class="field-error" id="override-reason-error">[^<]*reason[^<]*<\/p>/);
    expect(res.text).toContain('<option value="suspended" selected>');
    expect(await standingOf(partner.id)).toBe('good');
    expect(await overridesOf(partner.id)).toBe(0);
  });

  it('answers another channel manager’s partner with a 404 page, for viewing and for overriding', async () => {
    const theirs = await makePartner(t.dataSource, { name: 'Not Yours GmbH', channelManagerId: otherCmId });
    const page = await get(`/partners/${theirs.id}`).expect(404);
    expect(page.text).toContain('Partner not found');
    expect(page.text).not.toContain('Not Yours GmbH');

    const res = await postForm('/partners', `/partners/${theirs.id}/overrides`, { standing: 'suspended', reason: 'Not mine to change', endsAt: '2026-04-01' });
    expect(res.status).toBe(404);
    expect(await standingOf(theirs.id)).toBe('good');
    expect(await overridesOf(theirs.id)).toBe(0);
  });

  it('assigns ticked leads from the queue table to one partner, and names each field a bad form misses', async () => {
    const partner = await managedPartner({ name: 'Queue Taker GmbH' });
    const type = await makeLeadType(t.dataSource);
    const first = await makeLead(t.dataSource, type.id, { status: 'unallocated', company: 'Bulk One AG' });
    const second = await makeLead(t.dataSource, type.id, { status: 'unallocated', company: 'Bulk Two AG' });
    const queue = await get('/queue').expect(200);
    expect(queue.text).toContain(`<input type="checkbox" name="leadIds" value="${first}"`);
    expect(queue.text).toContain(`<option value="${partner.id}">Queue Taker GmbH — good, 100 open slots</option>`);
    // One form for the whole table, not one per lead.
    expect(queue.text.match(/<form /g)?.length).toBe(2);

    const missing = await postForm('/queue', '/queue/assign', { partnerId: partner.id });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('id="leadIds-error" role="alert">Tick the leads to assign</p>');
    expect(missing.text).toContain('id="bulk-reason-error">Say why, in a few words: it is kept in the lead’s history</p>');

    const page = await get('/queue').expect(200);
    const res = await request(t.http).post('/queue/assign').set('Cookie', cmCookie).type('form')
      .send(`leadIds=${first}&leadIds=${second}&partnerId=${partner.id}&reason=Known+customers+of+theirs&_csrf=${encodeURIComponent(csrfOf(page))}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/queue?done=assigned-many');
    const leads = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = ANY($1) ORDER BY company`, [[first, second]]);
    expect(leads).toEqual([{ status: 'offered', current_partner_id: partner.id }, { status: 'offered', current_partner_id: partner.id }]);
    expect((await get('/queue').expect(200)).text).not.toContain(`value="${first}"`);
  });

  it('assigns what fits and says, per reason, which ticked leads were refused', async () => {
    const small = await managedPartner({ name: 'Small Room GmbH', capacity: 1 });
    const type = await makeLeadType(t.dataSource);
    const leads = [await makeLead(t.dataSource, type.id, { status: 'unallocated' }), await makeLead(t.dataSource, type.id, { status: 'unallocated' })];
    const page = await get('/queue').expect(200);
    const res = await request(t.http).post('/queue/assign').set('Cookie', cmCookie).type('form')
      .send(`leadIds=${leads[0]}&leadIds=${leads[1]}&partnerId=${small.id}&reason=Try+both&_csrf=${encodeURIComponent(csrfOf(page))}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('1 of 2 lead(s) assigned. Not assigned — One lead: Small Room GmbH is at its capacity of 1 open leads.');
    const held = await t.dataSource.query(`SELECT count(*)::int AS n FROM leads WHERE id = ANY($1) AND current_partner_id = $2`, [leads, small.id]);
    expect(held[0].n).toBe(1);
  });

  it('pages through a queue of any length, 50 leads a page', async () => {
    const type = await makeLeadType(t.dataSource);
    const made = [];
    for (let i = 0; i < 51; i++) made.push(await makeLead(t.dataSource, type.id, { status: 'unallocated', company: `Pager ${i} AG` }));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM leads WHERE status = 'unallocated'`);
    const pages = Math.ceil(n / 50);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const html = (await get(`/queue?page=${page}`).expect(200)).text;
      expect(html).toContain(`Page ${page} of ${pages}`);
      for (const m of html.matchAll(/name="leadIds" value="([0-9a-f-]{36})"/g)) seen.add(m[1]);
    }
    expect(seen.size).toBe(n);
    expect(made.every((id) => seen.has(id))).toBe(true);
    await get('/queue?page=0').expect(400);
  });

  it('says why each queued lead waits and, per lead, which partners could take it and why the others cannot', async () => {
    const busy = await managedPartner({ name: 'Busy Decliner GmbH', territories: ['LU'] });
    const full = await managedPartner({ name: 'Full House GmbH', territories: ['LU'], capacity: 1 });
    const type = await makeLeadType(t.dataSource);
    const allocation = t.app.get(AllocationService);
    await allocation.assignManually(await makeLead(t.dataSource, type.id, { country: 'LU', postalCode: '1009' }), full.id, 'test setup', 'test');
    const leadId = await makeLead(t.dataSource, type.id, { country: 'LU', postalCode: '1009', company: 'Queued Reasons SA' });
    await allocation.assignManually(leadId, busy.id, 'test setup', 'test');
    const rep = await makeUser('partner_rep', busy.id);
    const repCookie = await signIn(t.http, rep.email, PASSWORD);
    const inbox = await get(`/leads/${leadId}`, repCookie).expect(200);
    t.clock.advance(60_000);
    await request(t.http).post(`/leads/${leadId}/decline`).set('Cookie', repCookie).type('form').send({ reasonCode: 'no_capacity', _csrf: csrfOf(inbox) }).expect(303);

    const queue = (await get('/queue').expect(200)).text;
    const row = queue.slice(queue.indexOf('Queued Reasons SA'), queue.indexOf('</details>', queue.indexOf('Queued Reasons SA')));
    expect(row).toContain('No eligible partner: 2 excluded (1 at capacity, 1 already had the lead)');
    expect(row).toMatch(/<td data-label="Partner">Busy Decliner GmbH<\/td>\s*<td data-label="Can take it\?">No: declined this lead: no capacity<\/td>/);
    expect(row).toMatch(/<td data-label="Partner">Full House GmbH<\/td>\s*<td data-label="Can take it\?">No: at capacity for open leads<\/td>/);
  });

  it('shows the whole story of a lead and moves it to another partner from its page, back to the view it came from', async () => {
    const from = await managedPartner({ name: 'Story From GmbH', territories: ['NL'] });
    const to = await managedPartner({ name: 'Story To GmbH', territories: ['NL'] });
    const sleepy = await managedPartner({ name: 'Story Sleepy GmbH', territories: ['NL'], standing: 'suspended' });
    const type = await makeLeadType(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id, { country: 'NL', postalCode: '1011', company: 'Storied Holding BV' });
    await t.app.get(AllocationService).assignManually(leadId, from.id, 'test setup', 'test');
    const back = '/manage/leads?q=storied&status=offered';

    const page = await get(`/manage/leads/${leadId}?back=${encodeURIComponent(back)}`).expect(200);
    expect(page.text).toContain(`<a href="${back.replace(/=/g, '&#x3D;').replace(/&(?!#)/g, '&amp;')}">← Leads</a>`);
    expect(page.text).toMatch(/<td data-label="Partner">Story From GmbH<\/td>\s*<td data-label="Offered">2 Mar 2026, 09:\d\d UTC<\/td>\s*<td data-label="Accept"><span class="clock-due">due /);
    expect(page.text).toContain('Move this lead away from Story From GmbH');
    expect(page.text).toContain('Return to allocation: LeadGate picks the best eligible partner</option>');
    expect(page.text).toContain(`<option value="${sleepy.id}">Story Sleepy GmbH — suspended, 100 open slots (suspended for missed SLAs)</option>`);
    // An unknown "back" address is not followed: the link goes to the console.
    expect((await get(`/manage/leads/${leadId}?back=https://evil.example`).expect(200)).text).toContain('<a href="/manage/leads">← Leads</a>');

    const refused = await postForm(`/manage/leads/${leadId}`, `/manage/leads/${leadId}/move`, { partnerId: sleepy.id, reason: 'Try the sleepy one', back });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Story Sleepy GmbH is suspended; choose another partner, or override its standing first.');
    expect(refused.text).not.toContain('name="force"');

    const res = await postForm(`/manage/leads/${leadId}`, `/manage/leads/${leadId}/move`, { partnerId: to.id, reason: 'The buyer knows them', back });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/manage/leads/${leadId}?done=moved&back=${encodeURIComponent(back)}`);
    const after = (await get(res.headers.location).expect(200)).text;
    expect(after).toContain('The lead is moved.');
    expect(after).toMatch(/Taken back by the channel team, 2 Mar 2026, 09:\d\d UTC \(The buyer knows them\)/);
    expect(after).toMatch(/Taken back from Story From GmbH by User \d+: The buyer knows them/);
    expect(after).toContain('Move this lead away from Story To GmbH');
  });

  it('explains a lead’s allocation: the eligible partners with scores and the excluded ones with reasons in words', async () => {
    await managedPartner({ name: 'Sleepy Excluded GmbH', territories: ['AT'], standing: 'suspended' });
    await managedPartner({ name: 'Wide Awake GmbH', territories: ['AT'] });
    const type = await makeLeadType(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id, { country: 'AT', postalCode: '1010' });
    await t.app.get(AllocationService).allocate(leadId);

    const page = await get(`/manage/leads/${leadId}`).expect(200);
    expect(page.text).toContain('<li>Sleepy Excluded GmbH: suspended for missed SLAs</li>');
    expect(page.text).toMatch(/<li>Wide Awake GmbH \(score \d+\.\d\d\)<\/li>/);
    expect(page.text).toContain('Offered to Wide Awake GmbH.');
  });

  it('keeps partner users out of every channel page', async () => {
    const partner = await managedPartner({ name: 'Rep Home GmbH' });
    const rep = await signIn(t.http, (await makeUser('partner_rep', partner.id)).email, PASSWORD);
    const type = await makeLeadType(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id, { status: 'unallocated' });
    await get('/partners', rep).expect(403);
    await get(`/partners/${partner.id}`, rep).expect(403);
    await get('/queue', rep).expect(403);
    await get(`/manage/leads/${leadId}`, rep).expect(403);
    const home = await get('/leads', rep).expect(200);
    const res = await request(t.http).post(`/partners/${partner.id}/overrides`).set('Cookie', rep).type('form')
      .send({ standing: 'good', reason: 'Promote myself', endsAt: '2026-04-01', _csrf: csrfOf(home) });
    expect(res.status).toBe(403);
    expect(await overridesOf(partner.id)).toBe(0);
  });

  it('refuses a form post without the CSRF token and changes nothing', async () => {
    const partner = await managedPartner({ name: 'Csrf Guarded GmbH' });
    const res = await request(t.http).post(`/partners/${partner.id}/overrides`).set('Cookie', cmCookie).type('form')
      .send({ standing: 'suspended', reason: 'Forged', endsAt: '2026-04-01' });
    expect(res.status).toBe(403);
    expect(await standingOf(partner.id)).toBe('good');
    expect(await overridesOf(partner.id)).toBe(0);
  });
});
