// Admin onboarding over the API: holiday calendars (and their effect on SLA due times), partner onboarding with its
// first admin's invitation, staff invitations and role changes, and the audit trail of each change.
import { ParsedMail } from 'mailparser';
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { EmailDeliveryService } from '@leadgate/notifications';
import { UsersService } from '@leadgate/users';
import { csrfOf, sessionCookieOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const PUBLIC_URL = 'https://portal.example.test';
const PASSWORD = 'correct horse battery';

describe('admin onboarding, holiday calendars and the audit trail', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let admin: string;
  let adminUserId: string;
  let adminCookie: string;
  let sequence = 0;

  const api = () => request(t.http);
  const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  const audit = async (entity: string, entityId: string) =>
    (await api().get('/api/v1/audit').query({ entity, entityId }).set(auth()).expect(200)).body.items as {
      action: string; actorName: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null;
    }[];
  const delivered = async (address: string): Promise<ParsedMail[]> => {
    await t.app.get(EmailDeliveryService).deliverDue();
    return smtp.to(address);
  };
  const linkIn = (mail: ParsedMail): string => {
    const match = new RegExp(`${PUBLIC_URL}(/password/reset\\?token=[A-Za-z0-9_%-]+)`).exec(mail.text ?? '');
    if (!match) throw new Error(`no link in:\n${mail.text}`);
    return match[1];
  };
  /** Follows an emailed link and sets the password there, as the invited person would. */
  const setPassword = async (link: string, password: string) => {
    const page = await api().get(link).expect(200);
    const session = sessionCookieOf(page) ?? '';
    const token = decodeURIComponent(link.split('token=')[1]);
    return api().post('/password/reset').set('Cookie', session).type('form').send({ token, password, confirmation: password, _csrf: csrfOf(page) });
  };

  beforeAll(async () => {
    // Thursday 2 April 2026, 11:00 in Berlin; Good Friday (3 April) and Easter Monday (6 April) are German public holidays.
    t = await startAppWithSmtp(smtp, { now: '2026-04-02T09:00:00Z', env: { PUBLIC_URL, LOGIN_RATE_LIMIT: '50' } });
    const user = await t.app.get(UsersService).createUser({ email: 'ada@vendor.test', displayName: 'Ada Admin', role: 'admin', password: PASSWORD });
    adminUserId = user.id;
    adminCookie = await signIn(t.http, 'ada@vendor.test', PASSWORD);
    admin = await makeToken(t, 'admin');
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  describe('holiday calendars', () => {
    it('generates a region\'s public holidays for any year asked, plus custom dates, and audits the change', async () => {
      const created = await api()
        .post('/api/v1/holiday-calendars')
        .set(auth())
        .send({ name: 'Germany – Bavaria', country: 'de', region: 'BY', customDates: ['2026-12-24', '2026-12-31'] })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Germany – Bavaria', country: 'DE', region: 'BY', customDates: ['2026-12-24', '2026-12-31'], partnerCount: 0, year: 2026 });
      const dates = created.body.holidays.map((h: { date: string }) => h.date);
      expect(dates).toEqual(expect.arrayContaining(['2026-01-06', '2026-04-03', '2026-04-06', '2026-06-04', '2026-12-24', '2026-12-25']));
      expect(created.body.holidays).toContainEqual({ date: '2026-12-24', name: 'Custom day off' });

      // Rolls over by itself: 2031's Easter is generated, nothing was stored for it.
      const later = await api().get(`/api/v1/holiday-calendars/${created.body.id}`).query({ year: 2031 }).set(auth()).expect(200);
      expect(later.body.holidays.map((h: { date: string }) => h.date)).toEqual(expect.arrayContaining(['2031-04-11', '2031-04-14', '2031-12-25']));
      expect(later.body.holidays.map((h: { date: string }) => h.date)).not.toContain('2026-12-24');

      const changed = await api().patch(`/api/v1/holiday-calendars/${created.body.id}`).set(auth()).send({ customDates: ['2026-08-14'] }).expect(200);
      expect(changed.body.customDates).toEqual(['2026-08-14']);
      const entries = await audit('holiday_calendar', created.body.id);
      expect(entries.map((e) => e.action)).toEqual(['changed', 'created']);
      expect(entries[0]).toMatchObject({ before: { customDates: ['2026-12-24', '2026-12-31'] }, after: { customDates: ['2026-08-14'] } });
      expect(entries[0].actorName).toMatch(/^API token "admin token/);

      const list = await api().get('/api/v1/holiday-calendars').set(auth()).expect(200);
      expect(list.body.items.map((c: { name: string }) => c.name)).toContain('Germany – Bavaria');
    });

    const bad: [string, Record<string, unknown>, string][] = [
      ['an unknown country', { name: 'Nowhere', country: 'XX' }, 'country'],
      ['an unknown region of a known country', { name: 'Nowhere', country: 'DE', region: 'ZZ' }, 'region'],
      ['a region without a country', { name: 'Nowhere', region: 'BY' }, 'region'],
      ['a country that is not a code', { name: 'Nowhere', country: 'Germany' }, 'country'],
      ['an impossible custom date', { name: 'Nowhere', customDates: ['2026-02-30'] }, 'customDates'],
      ['a blank name', { name: '  ' }, 'name'],
    ];
    it.each(bad)('refuses %s with a 400 naming the field, storing nothing', async (_label, body, field) => {
      const before = await count('holiday_calendars');
      const res = await api().post('/api/v1/holiday-calendars').set(auth()).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count('holiday_calendars')).toBe(before);
    });

    it('refuses an unknown region on change with a 400, leaving the calendar and its audit trail as they were', async () => {
      const created = await api().post('/api/v1/holiday-calendars').set(auth()).send({ name: 'Austria', country: 'AT' }).expect(201);
      const res = await api().patch(`/api/v1/holiday-calendars/${created.body.id}`).set(auth()).send({ region: 'QQ' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'region', problems: [expect.stringContaining('region "QQ" is not a region of AT')] }]);
      expect((await api().get(`/api/v1/holiday-calendars/${created.body.id}`).set(auth()).expect(200)).body.region).toBeNull();
      expect((await audit('holiday_calendar', created.body.id)).map((e) => e.action)).toEqual(['created']);
      await api().post('/api/v1/holiday-calendars').set(auth()).send({ name: 'Austria' }).expect(409);
    });

    it('is for admins only', async () => {
      const manager = await makeToken(t, 'channel_manager');
      await api().get('/api/v1/holiday-calendars').set(auth(manager)).expect(403);
      await api().post('/api/v1/holiday-calendars').set(auth(manager)).send({ name: 'Sneaky', country: 'DE' }).expect(403);
      await api().get('/api/v1/audit').query({ entity: 'partner' }).set(auth(manager)).expect(403);
    });

    it('times SLAs in the partner\'s assigned calendar: Good Friday, the weekend and Easter Monday do not count', async () => {
      const calendar = await api().post('/api/v1/holiday-calendars').set(auth()).send({ name: 'Germany', country: 'DE' }).expect(201);
      const type = await makeLeadType(t.dataSource, { slaAcceptMinutes: 480, slaContactMinutes: 480, slaFeedbackMinutes: 480 });
      const partner = await makePartner(t.dataSource, { name: 'Easter Networks', territories: ['DE-10'] });
      await api().patch(`/api/v1/partners/${partner.id}`).set(auth()).send({ holidayCalendarId: calendar.body.id }).expect(200);
      const leadId = await makeLead(t.dataSource, type.id, { postalCode: '10115' });

      await expect(t.app.get(AllocationService).allocate(leadId)).resolves.toMatchObject({ kind: 'offered', partnerId: partner.id });
      const [assignment] = await t.dataSource.query(`SELECT accept_due_at FROM assignments WHERE lead_id = $1`, [leadId]);
      // 6 hours on Thursday (11:00–17:00), then Tuesday 7 April 09:00–11:00 Berlin (UTC+2).
      expect(assignment.accept_due_at.toISOString()).toBe('2026-04-07T09:00:00.000Z');

      // Without the calendar Good Friday counts like any Friday.
      await api().patch(`/api/v1/partners/${partner.id}`).set(auth()).send({ holidayCalendarId: null }).expect(200);
      const other = await makeLead(t.dataSource, type.id, { postalCode: '10115' });
      await t.app.get(AllocationService).allocate(other);
      const [plain] = await t.dataSource.query(`SELECT accept_due_at FROM assignments WHERE lead_id = $1`, [other]);
      expect(plain.accept_due_at.toISOString()).toBe('2026-04-03T09:00:00.000Z');
      const entries = await audit('partner', partner.id);
      expect(entries[0]).toMatchObject({ action: 'changed', before: { holidayCalendarId: calendar.body.id }, after: { holidayCalendarId: null } });
    });
  });

  describe('partner onboarding', () => {
    it('creates a partner with its first admin invited in the same transaction; the admin sets a password and signs in', async () => {
      const res = await api()
        .post('/api/v1/partners')
        .set(auth())
        .send({ name: 'Onboarded Systems', tier: 'gold', capacity: 10, timezone: 'Europe/Berlin', firstAdmin: { email: 'Olga@Onboarded.test', displayName: 'Olga Owner' } })
        .expect(201);
      const [user] = await t.dataSource.query(`SELECT role, partner_id FROM users WHERE email = 'olga@onboarded.test'`);
      expect(user).toEqual({ role: 'partner_admin', partner_id: res.body.id });
      const [mail] = await delivered('olga@onboarded.test');
      expect(mail.subject).toBe('You are invited to LeadGate for Onboarded Systems');
      expect((await setPassword(linkIn(mail), 'olga has a password')).status).toBe(303);
      await signIn(t.http, 'olga@onboarded.test', 'olga has a password');
      expect((await audit('partner', res.body.id)).map((e) => e.action)).toEqual(['created']);
    });

    it('stores neither the partner nor the invitation when the first admin\'s address is taken or malformed', async () => {
      const before = await count('partners');
      const taken = await api()
        .post('/api/v1/partners')
        .set(auth())
        .send({ name: 'Half Written GmbH', tier: 'gold', capacity: 10, timezone: 'Europe/Berlin', firstAdmin: { email: 'ada@vendor.test', displayName: 'Copy' } })
        .expect(409);
      expect(taken.body.message).toContain('cannot be invited');
      const malformed = await api()
        .post('/api/v1/partners')
        .set(auth())
        .send({ name: 'Half Written GmbH', tier: 'gold', capacity: 10, timezone: 'Europe/Berlin', firstAdmin: { email: 'nope', displayName: '' } })
        .expect(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['firstAdmin.displayName', 'firstAdmin.email']);
      expect(await count('partners')).toBe(before);
      expect(await count(`audit_entries WHERE entity = 'partner' AND after->>'name' = 'Half Written GmbH'`)).toBe(0);
    });

    it('deactivates and reactivates a partner from its page, recording each in its history', async () => {
      const partner = await makePartner(t.dataSource, { name: `Switch ${++sequence} GmbH` });
      const page = await api().get(`/admin/partners/${partner.id}`).set('Cookie', adminCookie).expect(200);
      expect(page.text).toContain(`Deactivate ${partner.name}`);
      const post = (active: string) =>
        api().post(`/admin/partners/${partner.id}/active`).set('Cookie', adminCookie).type('form').send({ active, _csrf: csrfOf(page) }).expect(303);
      await post('false');
      expect((await t.dataSource.query(`SELECT active FROM partners WHERE id = $1`, [partner.id]))[0].active).toBe(false);
      const off = await api().get(`/admin/partners/${partner.id}`).set('Cookie', adminCookie).expect(200);
      expect(off.text).toContain(`Reactivate ${partner.name}`);
      await post('true');
      const entries = await audit('partner', partner.id);
      expect(entries.map((e) => [e.action, e.actorName, e.before, e.after])).toEqual([
        ['reactivated', 'Ada Admin', { active: false }, { active: true }],
        ['deactivated', 'Ada Admin', { active: true }, { active: false }],
      ]);
    });
  });

  describe('internal users', () => {
    it('invites a channel manager who sets a password through the emailed link; a second invitation is refused once it is set', async () => {
      const res = await api().post('/api/v1/users').set(auth()).send({ email: 'Chris@Vendor.test', displayName: 'Chris Channel', role: 'channel_manager' }).expect(201);
      expect(res.body).toMatchObject({ email: 'chris@vendor.test', role: 'channel_manager', active: true, passwordSet: false });
      await api().post(`/api/v1/users/${res.body.id}/invitation`).set(auth()).expect(200);
      const mails = await delivered('chris@vendor.test');
      expect(mails.map((m) => m.subject)).toEqual(['You are invited to LeadGate as a channel manager', 'You are invited to LeadGate as a channel manager']);
      expect((await setPassword(linkIn(mails[1]), 'chris has a password')).status).toBe(303);
      await signIn(t.http, 'chris@vendor.test', 'chris has a password');
      const again = await api().post(`/api/v1/users/${res.body.id}/invitation`).set(auth()).expect(409);
      expect(again.body.message).toContain('has already set a password');
      expect((await audit('user', res.body.id)).map((e) => e.action)).toEqual(['invited again', 'invited']);
    });

    it('refuses partner roles, a taken address and bad fields, writing nothing', async () => {
      const before = await count('users');
      const partnerRole = await api().post('/api/v1/users').set(auth()).send({ email: 'p@vendor.test', displayName: 'P', role: 'partner_admin' }).expect(400);
      expect(partnerRole.body.errors[0].field).toBe('role');
      await api().post('/api/v1/users').set(auth()).send({ email: 'ada@vendor.test', displayName: 'Ada again', role: 'admin' }).expect(409);
      await api().post('/api/v1/users').set(auth()).send({ email: 'x', displayName: ' ', role: 'admin', password: 'typed by someone else' }).expect(400);
      expect(await count('users')).toBe(before);
    });

    it('changes a role, but not one\'s own, not a partner user\'s, and not a channel manager\'s who still manages partners', async () => {
      const manager = await t.app.get(UsersService).createUser({ email: `cm${++sequence}@vendor.test`, displayName: 'Managing Mo', role: 'channel_manager', password: PASSWORD });
      const partner = await makePartner(t.dataSource, { name: `Managed ${sequence} GmbH`, channelManagerId: manager.id });
      const busy = await api().post(`/api/v1/users/${manager.id}/role`).set(auth()).send({ role: 'admin' }).expect(409);
      expect(busy.body.message).toContain('manages 1 partner');

      await api().patch(`/api/v1/partners/${partner.id}`).set(auth()).send({ channelManagerId: null }).expect(200);
      const changed = await api().post(`/api/v1/users/${manager.id}/role`).set(auth()).send({ role: 'admin' }).expect(200);
      expect(changed.body.role).toBe('admin');
      const [entry] = await audit('user', manager.id);
      expect(entry).toMatchObject({ action: 'role changed', before: { role: 'channel_manager' }, after: { role: 'admin' } });

      await api().post(`/api/v1/users/${manager.id}/role`).set(auth()).send({ role: 'partner_rep' }).expect(400);
      const own = await api().post(`/api/v1/users/${adminUserId}/role`).set('Cookie', adminCookie).send({ role: 'channel_manager' });
      // A cookie-authenticated POST without the page's CSRF token is refused before anything else; the service refuses one's own role too.
      expect([403, 409]).toContain(own.status);
      const rep = await t.app.get(UsersService).createUser({ email: `rep${sequence}@partner.test`, displayName: 'Rep', role: 'partner_rep', partnerId: partner.id, password: PASSWORD });
      await api().post(`/api/v1/users/${rep.id}/role`).set(auth()).send({ role: 'admin' }).expect(404);
    });

    it('lists audit entries only for a known kind of record', async () => {
      const res = await api().get('/api/v1/audit').query({ entity: 'lead' }).set(auth()).expect(400);
      expect(res.body.errors[0].field).toBe('entity');
      await api().get('/api/v1/audit').set(auth()).expect(400);
      const types = await api().get('/api/v1/audit').query({ entity: 'user', pageSize: 2 }).set(auth()).expect(200);
      expect(types.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
      expect(types.body.items.length).toBeLessThanOrEqual(2);
    });
  });
});
