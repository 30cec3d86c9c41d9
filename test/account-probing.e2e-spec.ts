// Account pages must not let anyone find out who has an account, or whose it is.
import request from 'supertest';
import { PasswordResetService } from '@leadgate/auth';
import { UserRole } from '@leadgate/common';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, sessionCookieOf } from './support/browser-session';
import { makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('probing for accounts', () => {
  let t: TestApp;
  let partnerA: Partner;
  let partnerB: Partner;
  let sequence = 0;

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<string> => {
    const email = `probe${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: 'correct horse battery' });
    return email;
  };
  const forgot = async (email: string) => {
    const page = await request(t.http).get('/password/forgot').expect(200);
    return request(t.http).post('/password/forgot').set('Cookie', sessionCookieOf(page)!).type('form').send({ email, _csrf: csrfOf(page) }).timeout(5_000);
  };
  const resetLinks = async (email: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = $1`, [email]))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '100' } });
    partnerA = await makePartner(t.dataSource, { name: 'Alpha Networks' });
    partnerB = await makePartner(t.dataSource, { name: 'Bravo Systems' });
  });
  afterAll(() => t.close());

  it('answers "forgot password" before doing any work for the account, so its timing tells nothing', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    // Hold up the work a real account causes (storing its link) for as long as we like.
    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE user_tokens IN EXCLUSIVE MODE');
    try {
      const started = Date.now();
      const known = await forgot(email);
      const unknown = await forgot('nobody-at-all@example.com');
      expect([known.status, unknown.status]).toEqual([200, 200]);
      const notice = (text: string) => /role="status">([^<]*)</.exec(text)?.[1];
      expect(notice(known.text)).toBe(notice(unknown.text));
      // Answered while the link could not be stored yet.
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await resetLinks(email)).toBe(0);
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    await t.app.get(PasswordResetService).settled();
    expect(await resetLinks(email)).toBe(1);
  });

  it('refuses to invite an address in use without saying whose it is', async () => {
    const partnerAdmin = await makeToken(t, 'partner_admin', partnerA.id);
    const invite = (email: string) =>
      request(t.http).post(`/api/v1/partners/${partnerA.id}/users`).set('Authorization', `Bearer ${partnerAdmin}`).send({ email, displayName: 'New', role: 'partner_rep' });

    const otherPartners = await invite(await makeUser('partner_rep', partnerB.id)).expect(409);
    const vendors = await invite(await makeUser('channel_manager')).expect(409);

    expect(otherPartners.body).toEqual(vendors.body);
    expect(otherPartners.body.message).toBe('This address cannot be invited: it is already in use. Ask the person for another work address, or ask your vendor contact for help.');
    expect(JSON.stringify(otherPartners.body)).not.toContain('Bravo');
    expect(JSON.stringify(otherPartners.body)).not.toContain(partnerB.id);
    // Its own team it may see anyway.
    const own = await makeUser('partner_rep', partnerA.id);
    expect((await invite(own).expect(409)).body.message).toBe(`${own} is already a user of your team`);
  });
});
