// Which credential speaks for a request: an API token only from the Authorization header, the cookie only with CSRF.
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('credentials', () => {
  let t: TestApp;
  let adminCookie: string;
  let adminToken: string;
  let intakeToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(UsersService).createUser({ email: 'admin@example.com', displayName: 'Ada', role: 'admin', partnerId: null, password: 'correct horse battery' });
    adminCookie = await signIn(t.http, 'admin@example.com', 'correct horse battery');
    adminToken = await makeToken(t, 'admin');
    intakeToken = await makeToken(t, 'intake');
  });
  afterAll(() => t.close());

  const tokenCount = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM api_tokens`))[0].n;
  const createToken = () => request(t.http).post('/api/v1/api-tokens').send({ name: 'forged', role: 'admin' });

  it('still demands the CSRF token from a cookie-authenticated request that carries some other Authorization header', async () => {
    const before = await tokenCount();
    const res = await createToken().set('Cookie', adminCookie).set('Authorization', 'Basic Zm9vOmJhcg==').expect(403);
    expect(res.body.message).toMatch(/did not come from LeadGate/);
    expect(await tokenCount()).toBe(before);
  });

  it('never falls back to the cookie when the bearer token is bad', async () => {
    const before = await tokenCount();
    for (const header of ['Bearer not-a-token', 'Bearer', 'bearer  ']) {
      const res = await createToken().set('Cookie', adminCookie).set('Authorization', header).expect(401);
      expect(res.body.message).toMatch(/API token in the Authorization header is unknown or revoked/);
    }
    expect(await tokenCount()).toBe(before);
  });

  it('lets a bearer token speak alone: the cookie of a signed-in admin adds nothing to an intake token', async () => {
    await request(t.http).get('/api/v1/api-tokens').set('Cookie', adminCookie).set('Authorization', `Bearer ${intakeToken}`).expect(403);
    await createToken().set('Cookie', adminCookie).set('Authorization', `Bearer ${adminToken}`).expect(201);
  });

  it('keeps the cookie working with its CSRF token', async () => {
    const home = await request(t.http).get('/').set('Cookie', adminCookie).expect(200);
    await createToken().set('Cookie', adminCookie).set('X-CSRF-Token', csrfOf(home)).expect(201);
  });

  it('refuses an API token in the URL or the body, even a valid one, without authenticating', async () => {
    const inUrl = await request(t.http).get(`/api/v1/api-tokens?access_token=${encodeURIComponent(adminToken)}`).expect(400);
    expect(inUrl.body.message).toMatch(/in the Authorization header .* never in the URL/);
    expect(JSON.stringify(inUrl.body)).not.toContain('"items"');
    const before = await tokenCount();
    await request(t.http).post(`/api/v1/api-tokens?access_token=${encodeURIComponent(adminToken)}`).send({ name: 'x', role: 'intake' }).expect(400);
    await request(t.http).post('/api/v1/api-tokens').send({ name: 'x', role: 'intake', access_token: adminToken }).expect(400);
    expect(await tokenCount()).toBe(before);
    // Not even next to a valid header.
    await request(t.http).get(`/api/v1/api-tokens?access_token=x`).set('Authorization', `Bearer ${adminToken}`).expect(400);
  });
});
