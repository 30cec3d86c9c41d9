import request, { Response } from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { UserRole } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

describe('admin, standing and team pages', () => {
  let t: TestApp;
  let adminCookie: string;
  let sequence = 0;

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<string> => {
    const email = `admin-pages-user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return email;
  };
  const get = (path: string, cookie = adminCookie) => request(t.http).get(path).set('Cookie', cookie);
  const postForm = async (pagePath: string, action: string, fields: Record<string, string | string[]>, cookie = adminCookie) => {
    const page = await get(pagePath, cookie).expect(200);
    return request(t.http).post(action).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  /** Checks the status and hands the response on; a wrong status shows the page for the cause. */
  const status = (expected: number) => (res: Response): Response => {
    expect({ status: res.status, text: res.status === expected ? '' : res.text }).toEqual({ status: expected, text: '' });
    return res;
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    adminCookie = await signIn(t.http, await makeUser('admin'), PASSWORD);
  });
  afterAll(() => t.close());

  const leadTypeForm = {
    key: 'page-made-type',
    name: 'Page made type',
    definition: 'A buyer asked through the admin page.',
    slaAccept: '1.5',
    slaAcceptUnit: 'hours',
    slaContact: '4',
    slaContactUnit: 'hours',
    slaFeedback: '80',
    slaFeedbackUnit: 'hours',
    businessTime: 'false',
    allowedTiers: ['gold', 'silver'],
  };

  it('lets an admin create a lead type through the form, which then appears in the list', async () => {
    const res = await postForm('/admin/lead-types/new', '/admin/lead-types', leadTypeForm).then(status(303));
    expect(res.headers.location).toBe('/admin/lead-types?done=saved');

    const [row] = await t.dataSource.query(`SELECT name, sla_accept_minutes, business_time, allowed_tiers FROM lead_types WHERE key = 'page-made-type'`);
    expect(row).toEqual({ name: 'Page made type', sla_accept_minutes: 90, business_time: false, allowed_tiers: ['gold', 'silver'] });
    const list = await get('/admin/lead-types').expect(200);
    expect(list.text).toMatch(/>Page made type<\/a><\/td>\s*<td>page-made-type<\/td>\s*<td>accept within 1 hour and 30 minutes; contact the buyer within 4 hours; give feedback within 3 days and 8 hours<\/td>/);
  });

  it('says the SLA in words and shows a worked example for the times typed, saving nothing', async () => {
    const before = await count('lead_types');
    const res = await postForm('/admin/lead-types/new', '/admin/lead-types', { ...leadTypeForm, key: 'preview-type', businessTime: 'true', slaAccept: '4', intent: 'preview' })
      .then(status(200));
    expect(res.text).toContain('<li>accept within 4 business hours</li>');
    // 2026-03-02 is a Monday; the example offer is the coming Friday 16:30 in Berlin: 30 minutes on Friday, 3.5 hours on Monday.
    expect(res.text).toContain('offered Fri 6 Mar 16:30 Europe/Berlin → accept due Mon 9 Mar 12:30');
    expect(await count('lead_types')).toBe(before);
  });

  it('refuses days in business time and a definition that states its own durations, next to each field', async () => {
    const res = await postForm('/admin/lead-types/new', '/admin/lead-types', {
      ...leadTypeForm, key: 'wordy-type', businessTime: 'true', slaFeedbackUnit: 'days', slaFeedback: '2', definition: 'Accept within 2 hours, please.',
    }).then(status(400));
    expect(res.text).toMatch(/<p class="field-error" id="lt-slaFeedback-error">In business time give hours/);
    expect(await count(`lead_types WHERE key = 'wordy-type'`)).toBe(0);
    const wordy = await postForm('/admin/lead-types/new', '/admin/lead-types', { ...leadTypeForm, key: 'wordy-type', definition: 'Accept within 2 hours, please.' }).then(status(400));
    expect(wordy.text).toContain('Leave durations out of the definition (&quot;2 hours&quot;)');
    expect(await count(`lead_types WHERE key = 'wordy-type'`)).toBe(0);
  });

  it('shows the problem next to a bad SLA field and writes nothing', async () => {
    const before = await count('lead_types');
    const res = await postForm('/admin/lead-types/new', '/admin/lead-types', { ...leadTypeForm, key: 'bad-sla-type', slaAccept: 'soon' }).then(status(400));

    expect(res.text).toMatch(/<input id="lt-slaAccept" name="slaAccept" type="text" inputmode="decimal" value="soon" aria-invalid="true"[^>]*>[\s\S]*?<p class="field-error" id="lt-slaAccept-error">Enter a number such as 4 or 1.5<\/p>/);
    expect(res.text).not.toContain('id="lt-name-error"');
    expect(await count('lead_types')).toBe(before);
  });

  it('edits a lead type through the same form, keeping its key', async () => {
    const type = await makeLeadType(t.dataSource, { name: 'Before edit' });
    const form = (await get(`/admin/lead-types/${type.id}`).expect(200)).text;
    // 240 business minutes are shown as 4 hours, with the rule for open offers.
    expect(form).toMatch(/name="slaAccept" type="text" inputmode="decimal" value="4"/);
    expect(form).toContain('Offers already open keep their due times.');
    await postForm(`/admin/lead-types/${type.id}`, `/admin/lead-types/${type.id}`, { ...leadTypeForm, key: 'ignored-key', name: 'After edit', slaAccept: '30', slaAcceptUnit: 'minutes' }).then(status(303));

    const [row] = await t.dataSource.query(`SELECT key, name, sla_accept_minutes FROM lead_types WHERE id = $1`, [type.id]);
    expect(row).toEqual({ key: type.key, name: 'After edit', sla_accept_minutes: 30 });
    // The change is in the type's history: who, and the accept time before → after.
    const history = (await get(`/admin/lead-types/${type.id}`).expect(200)).text;
    expect(history).toMatch(/<strong>changed<\/strong> by User 1,[^<]*\n?\s*<ul>[\s\S]*?<li>accept within \(minutes\): 240 → 30<\/li>/);
  });

  it('shows a new token secret once, lists the token without it, and revokes it', async () => {
    const created = await postForm('/admin/tokens', '/admin/tokens', { name: 'Page intake', role: 'intake' }).then(status(201));
    const secret = /<code class="token-secret">([^<]+)<\/code>/.exec(created.text)![1];
    await request(t.http).get('/api/v1/lead-types').set('Authorization', `Bearer ${secret}`).expect((r) => expect(r.status).not.toBe(401));

    const list = await get('/admin/tokens').expect(200);
    expect(list.text).toContain('Page intake');
    expect(list.text).not.toContain(secret);
    const [token] = await t.dataSource.query(`SELECT id, last_used_at FROM api_tokens WHERE name = 'Page intake'`);
    expect(token.last_used_at).not.toBeNull();

    await postForm('/admin/tokens', `/admin/tokens/${token.id}/revoke`, {}).then(status(303));
    expect((await t.dataSource.query(`SELECT revoked_at FROM api_tokens WHERE id = $1`, [token.id]))[0].revoked_at).not.toBeNull();
    await request(t.http).get('/api/v1/lead-types').set('Authorization', `Bearer ${secret}`).expect(401);
  });

  it('refuses a partner token without a partner, next to the partner field, and writes nothing', async () => {
    const before = await count('api_tokens');
    const res = await postForm('/admin/tokens', '/admin/tokens', { name: 'Orphan', role: 'partner_rep' }).then(status(400));
    expect(res.text).toContain('a partner_rep token needs a partnerId');
    expect(await count('api_tokens')).toBe(before);
  });

  it('lets an admin create a campaign with its cost in the currency and shows the cost problem next to the field', async () => {
    const fields = { key: 'page-campaign', name: 'Page campaign', channel: 'webinar', cost: '2500.50', currency: 'eur', startsOn: '2026-03-01' };
    const bad = await postForm('/admin/campaigns/new', '/admin/campaigns', { ...fields, cost: 'a lot' }).then(status(400));
    expect(bad.text).toContain('<p class="field-error" id="campaign-cost-error">Enter the total cost, 0 or more, as a number such as 2500 or 2500.50</p>');
    expect(await count(`campaigns WHERE key = 'page-campaign'`)).toBe(0);

    await postForm('/admin/campaigns/new', '/admin/campaigns', fields).then(status(303));
    const [row] = await t.dataSource.query(`SELECT cost_minor, currency FROM campaigns WHERE key = 'page-campaign'`);
    expect(row).toEqual({ cost_minor: '250050', currency: 'EUR' });
    expect((await get('/admin/campaigns').expect(200)).text).toContain('<td>2500.50 EUR</td>');
  });

  it('invites a channel manager by email instead of typing a password, lists them as invited, and refuses a bad address', async () => {
    const form = (await get('/admin/users').expect(200)).text;
    expect(form).not.toContain('type="password"');
    const bad = await postForm('/admin/users', '/admin/users', { email: 'not-an-address', displayName: 'Short', role: 'channel_manager' }).then(status(400));
    expect(bad.text).toContain('email must be an email address');
    expect(await count(`users WHERE email = 'not-an-address'`)).toBe(0);

    const res = await postForm('/admin/users', '/admin/users', { email: 'New.CM@example.com', displayName: 'New CM', role: 'channel_manager', password: PASSWORD }).then(status(303));
    expect(res.headers.location).toBe('/admin/users?done=invited');
    const [user] = await t.dataSource.query(`SELECT id, password_hash FROM users WHERE email = 'new.cm@example.com'`);
    // A password typed into the form anyway is ignored: only the invited person sets one.
    expect(user.password_hash).toBeNull();
    expect(await count(`outbound_emails WHERE template = 'staff-invitation' AND to_address = 'new.cm@example.com'`)).toBe(1);
    const list = (await get('/admin/users').expect(200)).text;
    expect(list).toMatch(/<td>New CM<\/td><td>new.cm@example.com<\/td><td>channel manager<\/td><td><\/td><td>invited, no password yet<\/td>/);
    expect(list).toContain('Invite New CM again');

    await postForm('/admin/users', `/admin/users/${user.id}/invitation`, {}).then(status(303));
    expect(await count(`outbound_emails WHERE template = 'staff-invitation' AND to_address = 'new.cm@example.com'`)).toBe(2);
    await postForm('/admin/users', `/admin/users/${user.id}/role`, { role: 'admin' }).then(status(303));
    expect((await t.dataSource.query(`SELECT role FROM users WHERE id = $1`, [user.id]))[0].role).toBe('admin');
  });

  it('lets an admin create a partner with territories, a weekly grid, a holiday calendar and its first admin invited, showing a bad weekday window next to that day', async () => {
    const [calendar] = await t.dataSource.query(`INSERT INTO holiday_calendars (name, country) VALUES ('Austria form test', 'AT') RETURNING id`);
    const fields = {
      name: 'Form Partner GmbH', tier: 'gold', territories: 'de, AT-10', specialties: 'networking', capacity: '12', weight: '3',
      timezone: 'Europe/Vienna', holidayCalendarId: calendar.id, start1: '08:00', end1: '16:00', start2: '09:00', end2: '17:00', closed2: 'true',
      start3: '18:00', end3: '09:00', closed4: 'true', closed5: 'true', closed6: 'true', closed7: 'true',
      firstAdminEmail: 'First.Admin@form-partner.test', firstAdminName: 'Fiona First',
    };
    const bad = await postForm('/admin/partners/new', '/admin/partners', fields).then(status(400));
    expect(bad.text).toMatch(/<span class="day">Wednesday<\/span>[\s\S]*?<p class="field-error" id="hours3-error">end must be later than start<\/p>/);
    expect(await count(`partners WHERE name = 'Form Partner GmbH'`)).toBe(0);
    expect(await count(`users WHERE email = 'first.admin@form-partner.test'`)).toBe(0);

    const created = await postForm('/admin/partners/new', '/admin/partners', { ...fields, start3: '09:00', end3: '18:00' }).then(status(303));
    expect(created.headers.location).toBe('/admin/partners?done=invited');
    const [row] = await t.dataSource.query(`SELECT tier, territories, capacity, weight, timezone, business_hours FROM partners WHERE name = 'Form Partner GmbH'`);
    expect(row).toMatchObject({
      tier: 'gold', territories: ['DE', 'AT-10'], capacity: 12, weight: 3, timezone: 'Europe/Vienna',
      business_hours: [{ day: 1, start: '08:00', end: '16:00' }, { day: 3, start: '09:00', end: '18:00' }],
    });
    const [{ id, holiday_calendar_id }] = await t.dataSource.query(`SELECT id, holiday_calendar_id FROM partners WHERE name = 'Form Partner GmbH'`);
    expect(holiday_calendar_id).toBe(calendar.id);
    // Its first admin: a partner admin without a password, emailed an invitation in the same transaction.
    const [admin] = await t.dataSource.query(`SELECT role, partner_id, password_hash FROM users WHERE email = 'first.admin@form-partner.test'`);
    expect(admin).toEqual({ role: 'partner_admin', partner_id: id, password_hash: null });
    expect(await count(`outbound_emails WHERE template = 'invitation' AND to_address = 'first.admin@form-partner.test'`)).toBe(1);
    const edit = (await get(`/admin/partners/${id}`).expect(200)).text;
    expect(edit).toContain(`<option value="${calendar.id}" selected>Austria form test</option>`);
    expect(edit).toMatch(/name="closed2" value="true" checked/);
    expect(edit).toMatch(/<strong>created<\/strong> by User 1/);
  });

  it('offers no token role by default and refuses a token without one, writing nothing', async () => {
    const form = (await get('/admin/tokens').expect(200)).text;
    expect(form).toContain('<option value="">Choose what the token may do</option>');
    expect(form).not.toMatch(/<select id="token-role"[^>]*>[\s\S]*?selected[\s\S]*?<\/select>/);
    const before = await count('api_tokens');
    const res = await postForm('/admin/tokens', '/admin/tokens', { name: 'No role' }).then(status(400));
    expect(res.text).toMatch(/<p class="field-error">role must be one of/);
    expect(await count('api_tokens')).toBe(before);
  });

  it('assigns a channel manager, deactivates and reactivates a partner, and sets it around the clock, through the partner form', async () => {
    const managerEmail = `form-cm${++sequence}@example.com`;
    const manager = await t.app.get(UsersService).createUser({ email: managerEmail, displayName: 'Form Manager', role: 'channel_manager', password: PASSWORD });
    const partner = await makePartner(t.dataSource, { name: `Onboarded ${sequence} GmbH` });
    const token = await makeToken(t, 'partner_rep', partner.id);
    const edit = (await get(`/admin/partners/${partner.id}`).expect(200)).text;
    expect(edit).toContain(`<option value="${manager.id}">Form Manager (${managerEmail})</option>`);
    expect(edit).toContain('<option value="Europe/Berlin" selected>Europe/Berlin</option>');
    expect(edit).toMatch(/name="active" value="true" checked/);

    const fields = {
      name: partner.name, tier: 'gold', territories: 'DE', specialties: '', capacity: '10', weight: '1', timezone: 'Pacific/Auckland',
      channelManagerId: manager.id, aroundTheClock: 'true',
    };
    await postForm(`/admin/partners/${partner.id}`, `/admin/partners/${partner.id}`, fields).then(status(303));
    const row = async () => (await t.dataSource.query(`SELECT active, around_the_clock, channel_manager_id, timezone FROM partners WHERE id = $1`, [partner.id]))[0];
    expect(await row()).toEqual({ active: false, around_the_clock: true, channel_manager_id: manager.id, timezone: 'Pacific/Auckland' });
    // Unticking "Active" ended the partner's access at once.
    await request(t.http).get('/api/v1/leads').set('Authorization', `Bearer ${token}`).expect(401);

    await postForm(`/admin/partners/${partner.id}`, `/admin/partners/${partner.id}`, { ...fields, active: 'true', channelManagerId: '' }).then(status(303));
    expect(await row()).toMatchObject({ active: true, channel_manager_id: null });
  });

  it('answers 403 to anyone but an admin on the admin pages', async () => {
    const partner = await makePartner(t.dataSource);
    for (const cookie of [await signIn(t.http, await makeUser('channel_manager'), PASSWORD), await signIn(t.http, await makeUser('partner_admin', partner.id), PASSWORD)]) {
      await get('/admin/lead-types', cookie).expect(403);
      await get('/admin/tokens', cookie).expect(403);
      await get('/admin/campaigns', cookie).expect(403);
      await get('/admin/users', cookie).expect(403);
      await get('/admin/partners', cookie).expect(403);
    }
  });

  it('shows a partner its standing with its own overdue leads only, and what happens if they stay overdue', async () => {
    const type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120 });
    const admin = await makeToken(t, 'admin');
    const acceptedLead = async (partnerId: string): Promise<string> => {
      const leadId = await makeLead(t.dataSource, type.id);
      await t.app.get(AllocationService).assignManually(leadId, partnerId, 'test setup', 'test');
      await request(t.http).post(`/api/v1/leads/${leadId}/accept`).set('Authorization', `Bearer ${await makeToken(t, 'partner_rep', partnerId)}`).send({}).expect(200);
      return leadId;
    };
    const mine = await makePartner(t.dataSource, { name: 'Standing Mine' });
    const theirs = await makePartner(t.dataSource, { name: 'Standing Theirs' });
    const myLead = await acceptedLead(mine.id);
    const theirLead = await acceptedLead(theirs.id);
    t.clock.advance(3 * 60 * MINUTE);
    await request(t.http).post('/api/v1/jobs/sla-sweep/run').set('Authorization', `Bearer ${admin}`).expect(200);

    const page = await get('/standing', await signIn(t.http, await makeUser('partner_rep', mine.id), PASSWORD)).expect(200);
    expect(page.text).toContain('Standing Mine');
    const [{ company }] = await t.dataSource.query(`SELECT company FROM leads WHERE id = $1`, [myLead]);
    expect(page.text).toContain(`<td data-label="Lead"><a href="/leads/${myLead}">${company}</a></td><td data-label="Missed">first contact</td>`);
    expect(page.text).not.toContain(theirLead);
    expect(page.text).toContain('3 or more breaches open for more than a day suspend your partner: you would get no new leads.');
    // Where it stands and the way back, in words (issue 13).
    expect(page.text).toContain('<p>Why: only 2 SLAs came due in the last 90 days, too few to score (5 needed)</p>');
    expect(page.text).toContain('<p class="way-back">You are in good standing: too few deadlines came due to score yet (5 needed).</p>');
  });

  it('lets a partner admin invite a user to its own partner through the team form', async () => {
    const partner = await makePartner(t.dataSource, { name: 'Team Partner' });
    const cookie = await signIn(t.http, await makeUser('partner_admin', partner.id), PASSWORD);
    const res = await postForm('/team', '/team/invite', { email: 'New.Rep@Example.com', displayName: 'New Rep', role: 'partner_rep' }, cookie).then(status(303));
    expect(res.headers.location).toBe('/team?done=invited');

    const [user] = await t.dataSource.query(`SELECT partner_id, role, active, password_hash FROM users WHERE email = 'new.rep@example.com'`);
    expect(user).toEqual({ partner_id: partner.id, role: 'partner_rep', active: true, password_hash: null });
    const team = await get('/team', cookie).expect(200);
    expect(team.text).toMatch(/<td data-label="Name">New Rep<\/td>\s*<td data-label="Email">new.rep@example.com<\/td>\s*<td data-label="Role">partner_rep<\/td>\s*<td data-label="Status">invited<\/td>/);
  });

  it('shows the invite form problem next to the email field and writes nothing', async () => {
    const partner = await makePartner(t.dataSource);
    const cookie = await signIn(t.http, await makeUser('partner_admin', partner.id), PASSWORD);
    const before = await count('users');
    const res = await postForm('/team', '/team/invite', { email: 'not-an-email', displayName: 'X', role: 'partner_rep' }, cookie).then(status(400));
    expect(res.text).toContain('<p class="field-error" id="invite-email-error">email must be an email address</p>');
    expect(await count('users')).toBe(before);
  });

  it('keeps partner reps out of the team page', async () => {
    const partner = await makePartner(t.dataSource);
    await get('/team', await signIn(t.http, await makeUser('partner_rep', partner.id), PASSWORD)).expect(403);
  });
});
