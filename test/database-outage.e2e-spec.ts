// Fault injection: the database turns into a network black hole, then becomes unreachable. Requests end in
// bounded time with 503 and Retry-After, never hang and never answer 500.
import request from 'supertest';
import { sessionCookieOf } from './support/browser-session';
import { makeToken } from './support/builders';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp, TestApp } from './support/test-app';
import { serverUrl, workerDatabaseName } from './support/test-database';

describe('database outage', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  const timeouts = { DATABASE_STATEMENT_TIMEOUT_MS: '1500', DATABASE_CONNECT_TIMEOUT_MS: '1000' };

  beforeAll(async () => {
    const direct = new URL(serverUrl(workerDatabaseName()));
    proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.port = String(await proxy.start());
    t = await createTestApp({ env: { ...timeouts, DATABASE_URL: direct.toString() } });
  });
  afterAll(async () => {
    await proxy.close();
    await t.close().catch(() => undefined);
  });

  const leadTypes = (token: string) => request(t.http).get('/api/v1/lead-types').set('Authorization', `Bearer ${token}`);

  async function expectUnavailableWithin(token: string, ms: number): Promise<void> {
    const started = Date.now();
    const res = await leadTypes(token);
    expect({ status: res.status, retryAfter: res.headers['retry-after'], message: res.body.message }).toEqual({
      status: 503,
      retryAfter: '5',
      message: 'The database is unavailable for a moment; try again shortly',
    });
    expect(Date.now() - started).toBeLessThan(ms);
  }

  it('answers 503 with Retry-After within the timeouts when the database is a black hole, then unreachable', async () => {
    const admin = await makeToken(t, 'admin');
    await leadTypes(admin).expect(200);
    const cookie = sessionCookieOf(await request(t.http).get('/login').expect(200))!;

    proxy.blackHole();
    // Open connections go silent (query timeout); more requests than idle connections open new ones,
    // which are never answered (connect timeout).
    await Promise.all(Array.from({ length: 6 }, () => expectUnavailableWithin(admin, 8_000)));

    await proxy.close();
    await expectUnavailableWithin(admin, 8_000);
    // A browser's session is read from the database too, before any route runs.
    const page = await request(t.http).get('/login').set('Cookie', cookie);
    expect({ status: page.status, retryAfter: page.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '5' });
  }, 40_000);
});
