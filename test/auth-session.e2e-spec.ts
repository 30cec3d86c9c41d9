import request, { Response } from 'supertest';
import { UsersService } from '@leadgate/users';
import { Partner } from '@leadgate/partners';
import { UserRole } from '@leadgate/common';
import { ConfigurationError, validateEnvironment } from '@leadgate/config';
import { csrfOf, sessionCookieOf } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

describe('browser sessions', () => {
  let t: TestApp;
  let partnerA: Partner;
  let partnerB: Partner;
  let leadOfA: string;
  let leadOfB: string;
  let sequence = 0;

  const sidOf = (cookie: string): string => decodeURIComponent(cookie.split('=')[1]).slice(2).split('.')[0];
  const alertOf = (res: Response): string | undefined => /role="alert">([^<]*)</.exec(res.text)?.[1];

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<string> => {
    const email = `user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return email;
  };
  const openLoginPage = async (): Promise<{ cookie: string; csrf: string }> => {
    const res = await request(t.http).get('/login').expect(200);
    return { cookie: sessionCookieOf(res)!, csrf: csrfOf(res) };
  };
  const attemptLogin = async (email: string, password: string) => {
    const page = await openLoginPage();
    const res = await request(t.http).post('/login').set('Cookie', page.cookie).type('form').send({ email, password, _csrf: page.csrf });
    return { res, before: page.cookie, after: sessionCookieOf(res) };
  };
  const signIn = async (email: string): Promise<string> => {
    const { res, after } = await attemptLogin(email, PASSWORD);
    expect(res.status).toBe(303);
    return after!;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '5', LOGIN_RATE_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback' } });
    partnerA = await makePartner(t.dataSource, { name: 'Alpha Networks' });
    partnerB = await makePartner(t.dataSource, { name: 'Bravo Systems' });
    const type = await makeLeadType(t.dataSource);
    leadOfA = await makeLead(t.dataSource, type.id);
    leadOfB = await makeLead(t.dataSource, type.id);
    await t.dataSource.query(`UPDATE leads SET current_partner_id = $2, status = 'offered' WHERE id = $1`, [leadOfA, partnerA.id]);
    await t.dataSource.query(`UPDATE leads SET current_partner_id = $2, status = 'offered' WHERE id = $1`, [leadOfB, partnerB.id]);
  });
  afterAll(() => t.close());

  it('serves an accessible sign-in form with its stylesheet', async () => {
    const res = await request(t.http).get('/login').expect(200).expect('Content-Type', /html/);
    expect(res.text).toContain('<label for="email">Email</label>');
    expect(res.text).toContain('<label for="password">Password</label>');
    expect(res.text).toContain('href="/assets/portal.css"');
    await request(t.http).get('/assets/portal.css').expect(200).expect('Content-Type', /css/);
  });

  it('signs in with a new session id, an HttpOnly SameSite=Lax cookie, and shows who is signed in', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const { res, before, after } = await attemptLogin(email, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(after).toBeDefined();
    expect(sidOf(after!)).not.toBe(sidOf(before));
    const raw = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('leadgate.sid='))!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).not.toMatch(/Secure/); // plain HTTP here; HTTPS requests get Secure

    const home = await request(t.http).get('/').set('Cookie', after!).expect(200);
    expect(home.text).toMatch(/Signed in as <strong>User \d+<\/strong> \(partner rep, Alpha Networks\)/);
    // The pre-login session was replaced, not upgraded: its id signs nobody in.
    await request(t.http).get('/').set('Cookie', before).expect(303).expect('Location', '/login');
    const [{ last_login_at }] = await t.dataSource.query(`SELECT last_login_at FROM users WHERE email = $1`, [email]);
    expect(new Date(last_login_at).toISOString()).toBe(t.clock.now().toISOString());
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted local proxy (TRUST_PROXY=loopback)', async () => {
    const page = await request(t.http).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const raw = ([] as string[]).concat(page.headers['set-cookie']).find((c) => c.startsWith('leadgate.sid='))!;
    expect(raw).toMatch(/; Secure/);
  });

  it('stores only the user id in the session', async () => {
    const cookie = await signIn(await makeUser('admin'));
    const [{ sess }] = await t.dataSource.query(`SELECT sess FROM session WHERE sid = $1`, [sidOf(cookie)]);
    expect(Object.keys(sess).sort()).toEqual(['cookie', 'userId']);
  });

  it('answers a wrong password and an unknown email with the same page', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const wrong = await attemptLogin(email, 'not the password');
    const unknown = await attemptLogin('nobody@example.com', PASSWORD);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(alertOf(wrong.res)).toBe('That email and password do not match an active account.');
    const normalise = (res: Response) => res.text.replace(/value="[^"]*"/g, 'value=""');
    expect(normalise(wrong.res)).toBe(normalise(unknown.res));
    expect(wrong.after).toBeUndefined();
  });

  it('shows missing fields next to the field', async () => {
    const { res } = await attemptLogin('', '');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<p class="field-error" id="email-error">Enter your email address.</p>');
    expect(res.text).toContain('<p class="field-error" id="password-error">Enter your password.</p>');
  });

  it('refuses a deactivated user, and ends the access of one deactivated while signed in', async () => {
    const inactive = await makeUser('partner_rep', partnerA.id);
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = $1`, [inactive]);
    const refused = await attemptLogin(inactive, PASSWORD);
    expect(refused.res.status).toBe(401);
    expect(alertOf(refused.res)).toBe('That email and password do not match an active account.');

    const email = await makeUser('partner_rep', partnerA.id);
    const cookie = await signIn(email);
    await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(200);
    await t.dataSource.query(`UPDATE users SET active = false WHERE email = $1`, [email]);
    await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(401);
  });

  it('logs out by deleting the session server-side, so a copied cookie stops working', async () => {
    const cookie = await signIn(await makeUser('partner_rep', partnerA.id));
    const home = await request(t.http).get('/').set('Cookie', cookie).expect(200);
    await request(t.http).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(home) }).expect(303).expect('Location', '/login');
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM session WHERE sid = $1`, [sidOf(cookie)]);
    expect(count).toBe(0);
    await request(t.http).get('/').set('Cookie', cookie).expect(303).expect('Location', '/login');
    await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(401);
  });

  it('rejects a cookie-authenticated form post without its CSRF token and accepts it with the token', async () => {
    const cookie = await signIn(await makeUser('partner_rep', partnerA.id));
    const home = await request(t.http).get('/').set('Cookie', cookie).expect(200);
    await request(t.http).post('/logout').set('Cookie', cookie).type('form').send({}).expect(403);
    await request(t.http).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: 'forged' }).expect(403);
    await request(t.http).get('/').set('Cookie', cookie).expect(200); // the forged posts changed nothing
    await request(t.http).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(home) }).expect(303);
  });

  it('protects the sign-in form itself and the JSON API used from a session', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const page = await openLoginPage();
    await request(t.http).post('/login').set('Cookie', page.cookie).type('form').send({ email, password: PASSWORD }).expect(403);

    const cookie = await signIn(await makeUser('admin'));
    await request(t.http).post('/api/v1/api-tokens').set('Cookie', cookie).send({ name: 'x', role: 'intake' }).expect(403);
    const home = await request(t.http).get('/').set('Cookie', cookie).expect(200);
    await request(t.http).post('/api/v1/api-tokens').set('Cookie', cookie).set('X-CSRF-Token', csrfOf(home)).send({ name: 'x', role: 'intake' }).expect(201);
  });

  it('throttles sign-in attempts per account with 429, even with the right password', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    for (let attempt = 0; attempt < 5; attempt++) expect((await attemptLogin(email, 'wrong password')).res.status).toBe(401);
    const throttled = await attemptLogin(email, PASSWORD);
    expect(throttled.res.status).toBe(429);
    expect(alertOf(throttled.res)).toMatch(/Too many sign-in attempts/);
    expect(throttled.after).toBeUndefined();
    // Another account from the same address has its own count (the address's own limit is higher).
    expect((await attemptLogin(await makeUser('admin'), PASSWORD)).res.status).toBe(303);
  });

  it('lets a session user call the JSON API with its role and partner scope', async () => {
    const cookie = await signIn(await makeUser('partner_rep', partnerA.id));
    const list = await request(t.http).get('/api/v1/leads').set('Cookie', cookie).expect(200);
    const ids = list.body.items.map((lead: { id: string }) => lead.id);
    expect(ids).toContain(leadOfA);
    expect(ids).not.toContain(leadOfB);
    await request(t.http).get(`/api/v1/leads/${leadOfB}`).set('Cookie', cookie).expect(404);
    await request(t.http).get('/api/v1/api-tokens').set('Cookie', cookie).expect(403);
    await request(t.http).get('/api/v1/api-tokens').expect(401);
  });

  it('keeps bearer tokens working without any session or CSRF token', async () => {
    const admin = await makeToken(t, 'admin');
    await request(t.http).get('/api/v1/api-tokens').set('Authorization', `Bearer ${admin}`).expect(200);
    const res = await request(t.http).post('/api/v1/api-tokens').set('Authorization', `Bearer ${admin}`).send({ name: 'crm', role: 'intake' }).expect(201);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses to start in production without a strong SESSION_SECRET', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/leadgate' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/leadgate', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(validateEnvironment({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/leadgate', SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toBe('x'.repeat(32));
    expect(validateEnvironment({ NODE_ENV: 'development' }).SESSION_SECRET).toBeUndefined();
  });

  it('sends a visitor without a session from the home page to the sign-in form', async () => {
    await request(t.http).get('/').expect(303).expect('Location', '/login');
  });
});
