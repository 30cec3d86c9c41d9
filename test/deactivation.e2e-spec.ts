// Deactivating a partner (or a user) ends everything it had: tokens, sessions, sign-in and password reset.
import request from 'supertest';
import { PasswordResetService } from '@leadgate/auth';
import { UserRole } from '@leadgate/common';
import { Partner } from '@leadgate/partners';
import { AppConfig } from '@leadgate/config';
import { oneTimeLinkSecret, UsersService } from '@leadgate/users';
import { csrfOf, sessionCookieOf, signIn } from './support/browser-session';
import { makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';


/** A reset link issued now, and the secret its email would carry (derived from the link id, never stored). */
async function issueResetSecretFor(t: TestApp, userId: string): Promise<string> {
  const { id } = await t.dataSource.transaction((tx) => t.app.get(UsersService).issueLink(tx, userId, 'reset', new Date(), new Date(Date.now() + 3_600_000)));
  return oneTimeLinkSecret(t.app.get(AppConfig).serverSecret, id);
}

describe('deactivation ends access at once', () => {
  let t: TestApp;
  let admin: string;
  let sequence = 0;

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<{ id: string; email: string }> => {
    const email = `deactivated${++sequence}@example.com`;
    const user = await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return { id: user.id, email };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const attemptSignIn = async (email: string, password = PASSWORD) => {
    const page = await request(t.http).get('/login').expect(200);
    return request(t.http).post('/login').set('Cookie', sessionCookieOf(page)!).type('form').send({ email, password, _csrf: csrfOf(page) });
  };
  const sessionsOf = async (userId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE sess->>'userId' = $1`, [userId]))[0].n;
  const resetLinksOf = async (userId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM user_tokens WHERE user_id = $1 AND purpose = 'reset'`, [userId]))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '100' } });
    admin = await makeToken(t, 'admin');
  });
  afterAll(() => t.close());

  describe('a partner', () => {
    let partner: Partner;
    let bystander: Partner;

    beforeEach(async () => {
      partner = await makePartner(t.dataSource, { name: `Leaving ${++sequence}` });
      bystander = await makePartner(t.dataSource, { name: `Staying ${++sequence}` });
    });

    it('revokes its tokens, ends its users’ sessions and refuses their sign-in and password reset, in one request', async () => {
      const token = await makeToken(t, 'partner_rep', partner.id);
      const rep = await makeUser('partner_rep', partner.id);
      const cookie = await signIn(t.http, rep.email, PASSWORD);
      const otherToken = await makeToken(t, 'partner_rep', bystander.id);
      const otherUser = await makeUser('partner_admin', bystander.id);
      const otherCookie = await signIn(t.http, otherUser.email, PASSWORD);
      // A reset link issued before the deactivation.
      const secret = await issueResetSecretFor(t, rep.id);
      await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(200);
      await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(200);

      await request(t.http).patch(`/api/v1/partners/${partner.id}`).set(bearer(admin)).send({ active: false }).expect(200);

      await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(401);
      await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(401);
      expect(await sessionsOf(rep.id)).toBe(0);
      expect((await attemptSignIn(rep.email)).status).toBe(401);
      await request(t.http).get(`/password/reset?token=${encodeURIComponent(secret)}`).expect(410);
      const forgot = await request(t.http).get('/password/forgot').expect(200);
      await request(t.http).post('/password/forgot').set('Cookie', sessionCookieOf(forgot)!).type('form').send({ email: rep.email, _csrf: csrfOf(forgot) }).expect(200);
      await t.app.get(PasswordResetService).settled();
      expect(await resetLinksOf(rep.id)).toBe(1); // only the one from before
      // Another partner is untouched.
      await request(t.http).get('/api/v1/leads').set(bearer(otherToken)).expect(200);
      await request(t.http).get('/api/v1/leads').set('Cookie', otherCookie).expect(200);
    });

    it('lets its users sign in again once reactivated, but its old tokens stay revoked', async () => {
      const token = await makeToken(t, 'partner_rep', partner.id);
      const rep = await makeUser('partner_rep', partner.id);
      await request(t.http).patch(`/api/v1/partners/${partner.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      await request(t.http).patch(`/api/v1/partners/${partner.id}`).set(bearer(admin)).send({ active: true }).expect(200);

      expect((await attemptSignIn(rep.email)).status).toBe(303);
      await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(401);
    });

    it('refuses a token made for it while it is inactive', async () => {
      await request(t.http).patch(`/api/v1/partners/${partner.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      const token = await makeToken(t, 'partner_rep', partner.id);
      await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(401);
      await request(t.http).patch(`/api/v1/partners/${partner.id}`).set(bearer(admin)).send({ active: true }).expect(200);
      await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(200);
    });
  });

  describe('an admin or channel manager', () => {
    it('is deactivated by an admin: sessions ended, sign-in refused, the tokens they created revoked', async () => {
      for (const role of ['admin', 'channel_manager'] as const) {
        const leaver = await makeUser(role);
        const cookie = await signIn(t.http, leaver.email, PASSWORD);
        const csrf = csrfOf(await request(t.http).get('/').set('Cookie', cookie).expect(200));
        await request(t.http).get('/api/v1/partners').set('Cookie', cookie).expect(200);
        // A token they created while in office, and one someone else created.
        const theirs = role === 'admin' ? (await request(t.http).post('/api/v1/api-tokens').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ name: 'mine', role: 'intake' }).expect(201)).body.secret : null;

        const res = await request(t.http).post(`/api/v1/users/${leaver.id}/deactivate`).set(bearer(admin)).expect(200);

        expect(res.body).toEqual({ id: leaver.id, email: leaver.email, displayName: expect.any(String), role, active: false, passwordSet: true });
        await request(t.http).get('/api/v1/partners').set('Cookie', cookie).expect(401);
        expect(await sessionsOf(leaver.id)).toBe(0);
        expect((await attemptSignIn(leaver.email)).status).toBe(401);
        if (theirs) await request(t.http).get('/api/v1/leads').set(bearer(theirs)).expect(401);
        await request(t.http).get('/api/v1/partners').set(bearer(admin)).expect(200);
      }
    });

    it('is the only kind this route deactivates, never oneself, and only admins may use it', async () => {
      const partner = await makePartner(t.dataSource);
      const rep = await makeUser('partner_rep', partner.id);
      await request(t.http).post(`/api/v1/users/${rep.id}/deactivate`).set(bearer(admin)).expect(404);
      const self = await makeUser('admin');
      const cookie = await signIn(t.http, self.email, PASSWORD);
      const csrf = csrfOf(await request(t.http).get('/').set('Cookie', cookie).expect(200));
      await request(t.http).post(`/api/v1/users/${self.id}/deactivate`).set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(409);
      const manager = await makeToken(t, 'channel_manager');
      await request(t.http).post(`/api/v1/users/${self.id}/deactivate`).set(bearer(manager)).expect(403);
      const [{ active }] = await t.dataSource.query(`SELECT bool_and(active) AS active FROM users WHERE id = ANY($1::uuid[])`, [[rep.id, self.id]]);
      expect(active).toBe(true);
    });

    it('is deactivated from the admin users page', async () => {
      const leaver = await makeUser('channel_manager');
      const leaverCookie = await signIn(t.http, leaver.email, PASSWORD);
      const self = await makeUser('admin');
      const cookie = await signIn(t.http, self.email, PASSWORD);
      const page = await request(t.http).get('/admin/users').set('Cookie', cookie).expect(200);
      expect(page.text).toContain(`action="/admin/users/${leaver.id}/deactivate"`);
      expect(page.text).not.toContain(`action="/admin/users/${self.id}/deactivate"`);

      const res = await request(t.http).post(`/admin/users/${leaver.id}/deactivate`).set('Cookie', cookie).type('form').send({ _csrf: csrfOf(page) });

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/users?done=deactivated');
      await request(t.http).get('/api/v1/partners').set('Cookie', leaverCookie).expect(401);
    });
  });

  describe('answers that must not linger or leak', () => {
    it('marks authenticated pages and JSON (errors too) Cache-Control: no-store', async () => {
      const partner = await makePartner(t.dataSource);
      const rep = await makeUser('partner_rep', partner.id);
      const cookie = await signIn(t.http, rep.email, PASSWORD);
      const token = await makeToken(t, 'partner_rep', partner.id);
      const missing = '5f0c6a52-8d4e-4c39-9d0a-2f3b7c1e9a10';
      for (const res of [
        await request(t.http).get('/leads').set('Cookie', cookie).expect(200),
        await request(t.http).get(`/leads/${missing}`).set('Cookie', cookie).expect(404),
        await request(t.http).get('/api/v1/leads').set(bearer(token)).expect(200),
        await request(t.http).get(`/api/v1/leads/${missing}`).set(bearer(token)).expect(404),
        await request(t.http).get('/api/v1/reports/outcomes?format=csv').set(bearer(token)).expect(200),
      ]) {
        expect(res.headers['cache-control']).toBe('no-store');
      }
      // Not signed in, but the reset page holds its link's secret.
      const secret = await issueResetSecretFor(t, rep.id);
      const reset = await request(t.http).get(`/password/reset?token=${encodeURIComponent(secret)}`).expect(200);
      expect(reset.headers['cache-control']).toBe('no-store');
    });

    it('never answers a token’s hash, when creating or listing tokens', async () => {
      const created = await request(t.http).post('/api/v1/api-tokens').set(bearer(admin)).send({ name: 'CRM', role: 'admin' }).expect(201);
      expect(created.body.secret).toEqual(expect.any(String));
      expect(created.headers['cache-control']).toBe('no-store');
      const listed = await request(t.http).get('/api/v1/api-tokens').set(bearer(admin)).expect(200);
      for (const body of [created.body, ...listed.body]) {
        expect(Object.keys(body)).not.toContain('tokenHash');
        expect(JSON.stringify(body)).not.toMatch(/[0-9a-f]{64}/);
      }
    });
  });
});
