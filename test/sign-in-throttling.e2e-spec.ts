// Sign-in throttling per account and per source address, counted in PostgreSQL so every portal shares it.
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { csrfOf, sessionCookieOf } from './support/browser-session';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const LIMITS = { LOGIN_RATE_LIMIT: '5', LOGIN_SOURCE_RATE_LIMIT: '20', LOGIN_RATE_WINDOW_SECONDS: '60' };

/** One sign-in attempt as a browser makes it (page, then form), optionally claiming a client address. */
async function attempt(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<number> {
  const page = await request(t.http).get('/login').expect(200);
  const req = request(t.http).post('/login').set('Cookie', sessionCookieOf(page)!).type('form');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return (await req.send({ email, password, _csrf: csrfOf(page) })).status;
}

describe('sign-in throttling', () => {
  let portalA: TestApp;
  let portalB: TestApp;

  beforeAll(async () => {
    portalA = await createTestApp({ env: LIMITS });
    // A second portal process on the same database, behind a proxy on this host that it trusts.
    portalB = await createTestApp({ env: { ...LIMITS, TRUST_PROXY: 'loopback' }, databaseUrl: portalA.config.databaseUrl });
    await portalA.app.get(UsersService).createUser({ email: 'rep@example.com', displayName: 'Rep', role: 'admin', partnerId: null, password: PASSWORD });
  });
  afterAll(async () => {
    await portalB?.close();
    await portalA?.close();
  });
  beforeEach(async () => {
    await portalA.dataSource.query(`TRUNCATE sign_in_attempts`);
  });

  it('throttles one address trying many accounts, whatever X-Forwarded-For it sends', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 30; n++) statuses.push(await attempt(portalA, `victim${n}@example.com`, 'guess', `203.0.113.${n}`));
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    // The right password does not get through either, until the window has passed.
    expect(await attempt(portalA, 'rep@example.com', PASSWORD)).toBe(429);
    portalA.clock.advance(61_000);
    expect(await attempt(portalA, 'rep@example.com', PASSWORD)).toBe(303);
  });

  it('throttles one account tried from many addresses', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) statuses.push(await attempt(portalB, 'rep@example.com', 'guess', `198.51.100.${n}`));
    expect(statuses).toEqual(Array(5).fill(401));
    expect(await attempt(portalB, 'REP@example.com', PASSWORD, '198.51.100.99')).toBe(429);
  });

  it('shares the count between portals on one database', async () => {
    for (let n = 0; n < 3; n++) expect(await attempt(portalA, 'rep@example.com', 'guess')).toBe(401);
    for (let n = 0; n < 2; n++) expect(await attempt(portalB, 'rep@example.com', 'guess')).toBe(401);
    expect(await attempt(portalB, 'rep@example.com', PASSWORD)).toBe(429);
    expect(await attempt(portalA, 'rep@example.com', PASSWORD)).toBe(429);
  });

  it('counts password-reset requests apart from sign-ins', async () => {
    for (let n = 0; n < 5; n++) expect(await attempt(portalA, 'rep@example.com', 'guess')).toBe(401);
    const page = await request(portalA.http).get('/password/forgot').expect(200);
    await request(portalA.http).post('/password/forgot').set('Cookie', sessionCookieOf(page)!).type('form').send({ email: 'rep@example.com', _csrf: csrfOf(page) }).expect(200);
  });
});
