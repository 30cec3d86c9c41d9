// A lead's owner inside its partner: assigning, round-robin routing, isolation, emails to the owner, deactivation.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { SlaSweepService } from '@leadgate/compliance';
import { ClockAlertsService, EmailDeliveryService } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const NOW = '2026-03-02T09:00:00Z'; // a Monday
const PASSWORD = 'correct horse battery';

describe('lead owners', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;
  let adminToken: string;
  let sequence = 0;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { now: NOW, env: { LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  beforeEach(async () => {
    await resetEmailWorld(t, smtp, NOW);
    await t.dataSource.query(`TRUNCATE api_tokens, lead_routing_turns CASCADE`);
    type = await makeLeadType(t.dataSource, { name: 'Demo request', businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', timezone: 'UTC' });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', timezone: 'UTC', territories: ['FR'] });
    adminToken = await makeToken(t, 'partner_admin', alpha.id);
  });

  const user = async (name: string, role: 'partner_admin' | 'partner_rep', partnerId: string): Promise<{ id: string; email: string }> => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++sequence}@example.com`;
    const created = await t.app.get(UsersService).createUser({ email, displayName: name, role, partnerId, password: PASSWORD });
    return { id: created.id, email };
  };
  const offeredTo = async (partner: Partner): Promise<string> => {
    const leadId = await makeLead(t.dataSource, type.id, { country: partner.territories[0] });
    await t.app.get(AllocationService).assignManually(leadId, partner.id, 'test setup', 'test');
    return leadId;
  };
  const assign = (token: string, body: object) => request(t.http).post('/api/v1/leads/owner').set('Authorization', `Bearer ${token}`).send(body);
  const ownerOf = async (leadId: string): Promise<string | null> => (await t.dataSource.query(`SELECT owner_id FROM leads WHERE id = $1`, [leadId]))[0].owner_id;
  const deliver = async () => {
    await t.app.get(EmailDeliveryService).deliverDue();
  };

  it('assigns many leads at once to a user of the partner, lists them with the owner, and records each change on the timeline', async () => {
    const rita = await user('Rita Rep', 'partner_rep', alpha.id);
    const [first, second, third] = [await offeredTo(alpha), await offeredTo(alpha), await offeredTo(alpha)];

    const res = await assign(adminToken, { leadIds: [first, second], userId: rita.id }).expect(200);
    expect(res.body).toEqual({ changed: [first, second].sort(), ownerId: rita.id });
    // Assigning again changes nothing.
    expect((await assign(adminToken, { leadIds: [first], userId: rita.id }).expect(200)).body.changed).toEqual([]);

    const mine = await request(t.http).get('/api/v1/leads?owner=me').set('Cookie', await signIn(t.http, rita.email, PASSWORD)).expect(200);
    expect(mine.body.items.map((lead: { id: string }) => lead.id).sort()).toEqual([first, second].sort());
    expect(mine.body.items[0]).toMatchObject({ ownerId: rita.id, owner: { id: rita.id, name: 'Rita Rep' } });
    const unowned = await request(t.http).get('/api/v1/leads?owner=none').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(unowned.body.items.map((lead: { id: string }) => lead.id)).toEqual([third]);
    const byId = await request(t.http).get(`/api/v1/leads?owner=${rita.id}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(byId.body.total).toBe(2);
    const detail = await request(t.http).get(`/api/v1/leads/${first}`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(detail.body).toMatchObject({ ownerId: rita.id, owner: { id: rita.id, name: 'Rita Rep' } });
    await request(t.http).get('/api/v1/leads?owner=somebody').set('Authorization', `Bearer ${adminToken}`).expect(400);

    await assign(adminToken, { leadIds: [first], userId: null }).expect(200);
    expect(await ownerOf(first)).toBeNull();
    const events = await t.dataSource.query(`SELECT kind, summary, data FROM lead_events WHERE lead_id = $1 AND kind = 'owner_changed' ORDER BY id`, [first]);
    expect(events).toEqual([
      { kind: 'owner_changed', summary: expect.stringMatching(/^Owner set to Rita Rep by API token ".+" \(Alpha Networks\)$/), data: { ownerId: rita.id, previousOwnerId: null } },
      { kind: 'owner_changed', summary: expect.stringMatching(/^Owner removed by API token ".+" \(Alpha Networks\)$/), data: { ownerId: null, previousOwnerId: rita.id } },
    ]);
  });

  it('answers 404 for another partner’s user or lead, or an inactive user, and changes nothing', async () => {
    const rita = await user('Rita Rep', 'partner_rep', alpha.id);
    const bob = await user('Bob Beta', 'partner_rep', beta.id);
    const ours = await offeredTo(alpha);
    const theirs = await offeredTo(beta);

    await assign(adminToken, { leadIds: [ours], userId: bob.id }).expect(404);
    await assign(adminToken, { leadIds: [ours, theirs], userId: rita.id }).expect(404);
    const betaAdmin = await makeToken(t, 'partner_admin', beta.id);
    await assign(betaAdmin, { leadIds: [ours], userId: bob.id }).expect(404);
    expect(await ownerOf(ours)).toBeNull();
    expect(await ownerOf(theirs)).toBeNull();

    // Reps do not assign; bad bodies say what is wrong.
    await assign(await makeToken(t, 'partner_rep', alpha.id), { leadIds: [ours], userId: rita.id }).expect(403);
    const bad = await assign(adminToken, { leadIds: [], userId: 'nobody' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('Choose at least one lead.');
    expect(JSON.stringify(bad.body)).toContain('Choose a user of your team, or no owner.');
  });

  it('unowns a lead that leaves the partner', async () => {
    const rita = await user('Rita Rep', 'partner_rep', alpha.id);
    const lead = await offeredTo(alpha);
    await assign(adminToken, { leadIds: [lead], userId: rita.id }).expect(200);
    await request(t.http).post(`/api/v1/leads/${lead}/decline`).set('Authorization', `Bearer ${adminToken}`).send({ reasonCode: 'other' }).expect(200);
    expect(await ownerOf(lead)).toBeNull();
  });

  it('routes offers round robin among the reps who are not away, once the partner asks for it', async () => {
    const admin = await user('Ada Admin', 'partner_admin', alpha.id);
    const anna = await user('Anna Rep', 'partner_rep', alpha.id);
    const away = await user('Away Rep', 'partner_rep', alpha.id);
    const carl = await user('Carl Rep', 'partner_rep', alpha.id);
    const cookie = await signIn(t.http, away.email, PASSWORD);
    const csrf = csrfOf(await request(t.http).get('/preferences').set('Cookie', cookie).expect(200));
    const setAway = (body: object) => request(t.http).put('/api/v1/users/me/away').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(body);
    await setAway({ from: '2026-02-30', until: '2026-03-01' }).expect(400);
    const backwards = await setAway({ from: '2026-03-05', until: '2026-03-01' }).expect(400);
    expect(JSON.stringify(backwards.body)).toContain('The last day away cannot be before the first.');
    await setAway({ from: '2026-03-01', until: '2026-03-06' }).expect(200, { from: '2026-03-01', until: '2026-03-06' });

    // Manual routing leaves offers unowned.
    expect(await ownerOf(await offeredTo(alpha))).toBeNull();
    await request(t.http).put(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'sideways' }).expect(400);
    await request(t.http).put(`/api/v1/partners/${beta.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'round_robin' }).expect(404);
    await request(t.http).put(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'round_robin' }).expect(200, { mode: 'round_robin' });

    const owners = [];
    for (let i = 0; i < 4; i++) owners.push(await ownerOf(await offeredTo(alpha)));
    expect(owners).toEqual([anna.id, carl.id, anna.id, carl.id]);
    expect(owners).not.toContain(admin.id);

    // Back from being away: in turn again.
    t.clock.set('2026-03-07T09:00:00Z');
    expect(await ownerOf(await offeredTo(alpha))).toBe(away.id);
  });

  it('gives concurrent offers to one partner to different reps, in turn', async () => {
    const anna = await user('Anna Rep', 'partner_rep', alpha.id);
    const carl = await user('Carl Rep', 'partner_rep', alpha.id);
    await request(t.http).put(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'round_robin' }).expect(200);
    const leads = await Promise.all([1, 2, 3, 4].map(() => makeLead(t.dataSource, type.id)));
    await Promise.all(leads.map((id) => t.app.get(AllocationService).assignManually(id, alpha.id, 'test setup', 'test')));
    const owners = await Promise.all(leads.map(ownerOf));
    expect(owners.filter((id) => id === anna.id)).toHaveLength(2);
    expect(owners.filter((id) => id === carl.id)).toHaveLength(2);
  });

  it('emails an owned lead’s offer and breaches to its owner (admins copied unless they turn copies off); unowned ones to the team', async () => {
    const ada = await user('Ada Admin', 'partner_admin', alpha.id);
    const anna = await user('Anna Rep', 'partner_rep', alpha.id);
    const carl = await user('Carl Rep', 'partner_rep', alpha.id);
    await request(t.http).put(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'round_robin' }).expect(200);

    const routed = await offeredTo(alpha);
    expect(await ownerOf(routed)).toBe(anna.id);
    await deliver();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.to(anna.email)).toHaveLength(1);
    expect(smtp.to(ada.email)).toHaveLength(1);
    expect(smtp.to(carl.email)).toHaveLength(0);

    // The admin turns copies off: the warning on the owned lead reaches only its owner, but a breach is
    // escalated to the partner's admins whoever owns the lead (see clock-alerts.e2e-spec.ts).
    await t.app.get(UsersService).updateEmailOptOuts(ada.id, ['owned-lead-copies'], []);
    await request(t.http).post(`/api/v1/leads/${routed}/accept`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    smtp.reset();
    t.clock.set('2026-03-02T10:45:00Z'); // past 75 % of the contact window
    expect(await t.app.get(ClockAlertsService).sendDue()).toMatchObject({ warned: 1 });
    await deliver();
    expect(smtp.subjectsTo(anna.email)).toEqual([expect.stringMatching(/^Due soon: first contact for /)]);
    expect(smtp.received).toHaveLength(1);
    smtp.reset();
    t.clock.set('2026-03-02T11:30:00Z');
    await t.app.get(SlaSweepService).sweepContactClocks();
    await deliver();
    expect(smtp.subjectsTo(anna.email)).toEqual([expect.stringMatching(/^Overdue: first contact for /)]);
    expect(smtp.subjectsTo(ada.email)).toEqual([expect.stringMatching(/^Overdue: first contact for /)]);
    expect(smtp.received).toHaveLength(2);

    // An unowned lead's offer still reaches the whole team.
    await request(t.http).put(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).send({ mode: 'manual' }).expect(200);
    smtp.reset();
    await offeredTo(alpha);
    await deliver();
    expect([ada, anna, carl].map((u) => smtp.to(u.email).length)).toEqual([1, 1, 1]);

    // The admin gives the lead to Carl: he is told, and the lead's next emails are his.
    smtp.reset();
    await assign(adminToken, { leadIds: [routed], userId: carl.id }).expect(200);
    await deliver();
    const [told] = smtp.to(carl.email);
    expect(told.subject).toMatch(/^A lead is yours: /);
    expect(told.text).toContain(`/leads/${routed}`);
  });

  it('emails the recall of an owned offer to its owner and the admins, not the whole team, each in their own time zone', async () => {
    const ada = await user('Ada Admin', 'partner_admin', alpha.id);
    const anna = await user('Anna Rep', 'partner_rep', alpha.id);
    const carl = await user('Carl Rep', 'partner_rep', alpha.id);
    await t.app.get(UsersService).setTimeZone(anna.id, 'Europe/Berlin');
    const leadId = await offeredTo(alpha);
    await assign(adminToken, { leadIds: [leadId], userId: anna.id }).expect(200);
    await deliver();
    smtp.reset();

    t.clock.set('2026-03-02T10:01:00Z'); // the 60-minute accept window ran out at 10:00
    await t.app.get(SlaSweepService).sweepAcceptClocks();
    expect(await ownerOf(leadId)).toBeNull();
    await deliver();
    expect(smtp.subjectsTo(anna.email)).toEqual([expect.stringMatching(/recalled/i)]);
    expect(smtp.to(ada.email)).toHaveLength(1);
    expect(smtp.to(carl.email)).toHaveLength(0);
    // Due 10:00 UTC: Anna chose Berlin, Ada has the partner's zone (UTC).
    expect(smtp.to(anna.email)[0].text).toContain('not accepted by 2 March 2026, 11:00 CET');
    expect(smtp.to(ada.email)[0].text).toContain('not accepted by 2 March 2026, 10:00 UTC');
  });

  it('unowns a deactivated user’s leads and tells the partner’s admins', async () => {
    const ada = await user('Ada Admin', 'partner_admin', alpha.id);
    const rita = await user('Rita Rep', 'partner_rep', alpha.id);
    const [first, second] = [await offeredTo(alpha), await offeredTo(alpha)];
    await assign(adminToken, { leadIds: [first, second], userId: rita.id }).expect(200);
    await deliver();
    smtp.reset();

    await request(t.http).post(`/api/v1/partners/${alpha.id}/users/${rita.id}/deactivate`).set('Authorization', `Bearer ${adminToken}`).expect(200);

    expect(await ownerOf(first)).toBeNull();
    expect(await ownerOf(second)).toBeNull();
    const [line] = await t.dataSource.query(`SELECT summary, data FROM lead_events WHERE lead_id = $1 AND kind = 'owner_changed' ORDER BY id DESC LIMIT 1`, [first]);
    expect(line).toEqual({ summary: expect.stringMatching(/^Owner Rita Rep deactivated by API token ".+" \(Alpha Networks\): the lead has no owner now$/), data: { ownerId: null, previousOwnerId: rita.id } });
    await deliver();
    const [told] = smtp.to(ada.email);
    expect(told.subject).toBe('Rita Rep was deactivated: 2 lead(s) have no owner');
    expect(told.text).toContain(`/leads/${first}`);
    // An unowned lead is assigned to an active user only.
    await assign(adminToken, { leadIds: [first], userId: rita.id }).expect(404);
  });

  describe('pages', () => {
    const form = async (cookie: string, path: string, fields: Record<string, string | string[]>, from = '/leads') => {
      const page = await request(t.http).get(from).set('Cookie', cookie).expect(200);
      return request(t.http).post(path).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
    };

    it('lets an admin tick leads and assign them on the inbox; a rep sees an Owner column and My leads, not the controls', async () => {
      const ada = await user('Ada Admin', 'partner_admin', alpha.id);
      const rita = await user('Rita Rep', 'partner_rep', alpha.id);
      const [first, second, third] = [await offeredTo(alpha), await offeredTo(alpha), await offeredTo(alpha)];
      const adminCookie = await signIn(t.http, ada.email, PASSWORD);

      const inbox = await request(t.http).get('/leads').set('Cookie', adminCookie).expect(200);
      expect(inbox.text).toContain('Assign the ticked leads to');
      expect(inbox.text).toContain(`<option value="${rita.id}">Rita Rep</option>`);

      const none = await form(adminCookie, '/leads/owner', { userId: rita.id, back: '?stage=to_accept' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('Tick at least one lead, then choose who owns it.');

      const done = await form(adminCookie, '/leads/owner', { leadIds: [first, second], userId: rita.id, back: '?stage=to_accept' });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/leads?stage=to_accept&done=assigned');
      expect([await ownerOf(first), await ownerOf(second), await ownerOf(third)]).toEqual([rita.id, rita.id, null]);
      // One lead, from its own page.
      const onPage = await form(adminCookie, '/leads/owner', { leadIds: third, userId: ada.id, back: 'lead' }, `/leads/${third}`);
      expect(onPage.status).toBe(303);
      expect(onPage.headers.location).toBe(`/leads/${third}?done=assigned`);
      const leadPage = await request(t.http).get(onPage.headers.location).set('Cookie', adminCookie).expect(200);
      expect(leadPage.text).toContain('Owner saved.');
      expect(leadPage.text).toContain(`<option value="${ada.id}" selected>Ada Admin</option>`);
      await form(adminCookie, '/leads/owner', { leadIds: third, userId: '', back: 'lead' }, `/leads/${third}`);
      expect(await ownerOf(third)).toBeNull();
      const bob = await user('Bob Beta', 'partner_rep', beta.id);
      expect((await form(adminCookie, '/leads/owner', { leadIds: [third], userId: bob.id })).status).toBe(404);

      const repCookie = await signIn(t.http, rita.email, PASSWORD);
      const mine = await request(t.http).get('/leads?owner=me').set('Cookie', repCookie).expect(200);
      expect(mine.text).not.toContain('Assign the ticked leads to');
      expect(mine.text).toContain('<option value="me" selected>My leads</option>');
      expect(mine.text).toContain(`/leads/${first}`);
      expect(mine.text).not.toContain(`/leads/${third}`);
      expect(mine.text).toContain('<td data-label="Owner">Rita Rep</td>');
      expect((await request(t.http).get(`/leads/${first}`).set('Cookie', repCookie).expect(200)).text).toContain('<dt>Owner</dt><dd>Rita Rep</dd>');
      // The filter form sends an empty owner for Everyone.
      expect((await request(t.http).get('/leads?q=&owner=&sort=urgent').set('Cookie', repCookie).expect(200)).text).toContain(`/leads/${third}`);
      expect((await form(repCookie, '/leads/owner', { leadIds: [third], userId: rita.id })).status).toBe(403);
    });

    it('saves away dates on the preferences page, and refuses a range that ends before it starts on the form', async () => {
      const rita = await user('Rita Rep', 'partner_rep', alpha.id);
      const cookie = await signIn(t.http, rita.email, PASSWORD);
      const bad = await form(cookie, '/preferences/away', { from: '2026-03-10', until: '2026-03-09' }, '/preferences');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('The last day away cannot be before the first.');
      expect(bad.text).toContain('value="2026-03-10"');
      const ok = await form(cookie, '/preferences/away', { from: '2026-03-10', until: '2026-03-12' }, '/preferences');
      expect(ok.status).toBe(303);
      expect((await request(t.http).get('/preferences').set('Cookie', cookie).expect(200)).text).toContain('value="2026-03-12"');
    });

    it('shows the admin per user: leads held, deadlines met and missed, median time to first contact; and sets the routing', async () => {
      const ada = await user('Ada Admin', 'partner_admin', alpha.id);
      const rita = await user('Rita Rep', 'partner_rep', alpha.id);
      await user('Carl Rep', 'partner_rep', alpha.id);
      const [first, second] = [await offeredTo(alpha), await offeredTo(alpha)];
      await assign(adminToken, { leadIds: [first, second], userId: rita.id }).expect(200);
      const ritaToken = await makeToken(t, 'partner_rep', alpha.id);
      // First: accepted at once, contacted after 30 min (accept and contact met). Second: accepted late (accept missed).
      await request(t.http).post(`/api/v1/leads/${first}/accept`).set('Authorization', `Bearer ${ritaToken}`).expect(200);
      t.clock.set('2026-03-02T09:30:00Z');
      await request(t.http).post(`/api/v1/leads/${first}/activities`).set('Authorization', `Bearer ${ritaToken}`).send({ type: 'call' }).expect(201);
      t.clock.set('2026-03-02T10:30:00Z');
      await request(t.http).post(`/api/v1/leads/${second}/accept`).set('Authorization', `Bearer ${ritaToken}`).expect(200);

      const cookie = await signIn(t.http, ada.email, PASSWORD);
      const page = await request(t.http).get('/team').set('Cookie', cookie).expect(200);
      const row = (name: string) => new RegExp(`<td data-label="Name">${name}</td>\\s*<td data-label="Leads held"><a href="[^"]+">(\\d+)</a></td>\\s*<td data-label="Deadlines met">(\\d+)</td>\\s*<td data-label="Deadlines missed">(\\d+)</td>\\s*<td data-label="Median time to first contact">([^<]+|<span class="muted">no contact yet</span>)</td>`).exec(page.text)?.slice(1);
      expect(row('Rita Rep')).toEqual(['2', '2', '1', '30 min']);
      expect(row('Carl Rep')).toEqual(['0', '0', '0', '<span class="muted">no contact yet</span>']);

      const saved = await form(cookie, '/team/routing', { mode: 'round_robin' }, '/team');
      expect(saved.status).toBe(303);
      expect((await request(t.http).get(`/api/v1/partners/${alpha.id}/lead-routing`).set('Authorization', `Bearer ${adminToken}`).expect(200)).body).toEqual({ mode: 'round_robin' });
      expect((await form(cookie, '/team/routing', { mode: 'sideways' }, '/team')).status).toBe(400);
    });
  });
});
