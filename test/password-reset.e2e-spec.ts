import { ParsedMail } from 'mailparser';
import request, { Response } from 'supertest';
import { PasswordResetService } from '@leadgate/auth';
import { UserRole } from '@leadgate/common';
import { EmailDeliveryService } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, sessionCookieOf } from './support/browser-session';
import { makePartner, makeToken } from './support/builders';
import { startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { createTestApp, TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const PUBLIC_URL = 'https://portal.example.test';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new secret';

describe('password reset and invitations', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let partnerA: Partner;
  let partnerB: Partner;
  let sequence = 0;

  const alertOf = (res: Response): string | undefined => /role="alert">([^<]*)</.exec(res.text)?.[1];
  const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<string> => {
    const email = `user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return email;
  };
  /** Posts a form the way a browser does: first the page (for its session and CSRF token), then the form. */
  const submit = async (pagePath: string, action: string, fields: Record<string, string>, cookie?: string) => {
    const page = await request(t.http).get(pagePath).set('Cookie', cookie ?? '');
    const session = sessionCookieOf(page) ?? cookie ?? '';
    return request(t.http).post(action).set('Cookie', session).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  const signIn = async (email: string, password: string): Promise<Response> => submit('/login', '/login', { email, password });
  const delivered = async (address: string): Promise<ParsedMail[]> => {
    // A reset request is answered before its work is done.
    await t.app.get(PasswordResetService).settled();
    await t.app.get(EmailDeliveryService).deliverDue();
    return smtp.to(address);
  };
  const linkIn = (mail: ParsedMail): string => {
    const match = new RegExp(`${PUBLIC_URL}(/password/reset\\?token=[A-Za-z0-9_%-]+)`).exec(mail.text ?? '');
    if (!match) throw new Error(`no link in:\n${mail.text}`);
    return match[1];
  };
  const tokenOf = (path: string) => decodeURIComponent(path.split('token=')[1]);
  const setPassword = (path: string, password: string, confirmation = password) =>
    submit(path, '/password/reset', { token: tokenOf(path), password, confirmation });

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { env: { PUBLIC_URL, LOGIN_RATE_LIMIT: '50', PASSWORD_RESET_TTL_MINUTES: '30' } });
    partnerA = await makePartner(t.dataSource, { name: 'Alpha Networks' });
    partnerB = await makePartner(t.dataSource, { name: 'Bravo Systems' });
  });
  afterAll(() => stopAppWithSmtp(t, smtp));
  beforeEach(() => t.clock.set('2026-03-02T09:00:00Z'));

  it('emails a known address a reset link that sets the password once and is refused the second time', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const res = await submit('/password/forgot', '/password/forgot', { email: email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.text).toContain('If the address belongs to a LeadGate account, we have sent it a link');

    const [mail] = await delivered(email);
    expect(mail.subject).toBe('Reset your LeadGate password');
    expect(mail.text).toContain('by 2 March 2026, 10:30 CET'); // in the partner's zone, the user's default
    const link = linkIn(mail);

    const page = await request(t.http).get(link).expect(200).expect('Referrer-Policy', 'no-referrer');
    expect(page.text).toContain('<h1>Choose a new password</h1>');
    const done = await setPassword(link, NEW_PASSWORD);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login');
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(303);
    expect((await signIn(email, PASSWORD)).status).toBe(401);

    const again = await request(t.http).get(link).expect(410);
    expect(alertOf(again)).toBe('This link has already been used. Ask for a new one if you need to change your password again.');
    const reused = await submit('/password/forgot', '/password/reset', { token: tokenOf(link), password: 'another password 1', confirmation: 'another password 1' });
    expect(reused.status).toBe(410);
    expect(alertOf(reused)).toMatch(/already been used/);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(303);
  });

  it('answers an unknown address exactly like a known one and sends nothing', async () => {
    const before = smtp.received.length;
    const known = await submit('/password/forgot', '/password/forgot', { email: await makeUser('admin') });
    const unknown = await submit('/password/forgot', '/password/forgot', { email: 'nobody@example.com' });
    expect(unknown.status).toBe(known.status);
    const notice = (res: Response) => /role="status">([^<]*)</.exec(decode(res.text))?.[1];
    expect(notice(unknown)).toBe(notice(known));
    await delivered('nobody@example.com');
    expect(smtp.to('nobody@example.com')).toHaveLength(0);
    expect(smtp.received.length).toBe(before + 1);
    const rows = await t.dataSource.query(`SELECT 1 FROM outbound_emails WHERE to_address = 'nobody@example.com'`);
    expect(rows).toHaveLength(0);
  });

  it('refuses an expired link and leaves the password unchanged', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    await submit('/password/forgot', '/password/forgot', { email });
    const link = linkIn((await delivered(email))[0]);
    t.clock.set('2026-03-02T09:30:01Z');
    const page = await request(t.http).get(link).expect(410);
    expect(alertOf(page)).toBe('This link has expired. Ask for a new one below.');
    expect((await submit('/password/forgot', '/password/reset', { token: tokenOf(link), password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).status).toBe(410);
    expect((await signIn(email, PASSWORD)).status).toBe(303);
  });

  it('shows field errors for a short or mismatched password and keeps the link usable', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    await submit('/password/forgot', '/password/forgot', { email });
    const link = linkIn((await delivered(email))[0]);
    const short = await setPassword(link, 'short', 'short');
    expect(short.status).toBe(400);
    expect(short.text).toContain('Choose a password of at least 8 characters.');
    const mismatch = await setPassword(link, NEW_PASSWORD, 'something else');
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The two passwords do not match.');
    expect((await setPassword(link, NEW_PASSWORD)).status).toBe(303);
  });

  it('ends the user’s other sessions when the password is reset', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const otherUser = await makeUser('partner_rep', partnerA.id);
    const signedIn = sessionCookieOf(await signIn(email, PASSWORD))!;
    const bystander = sessionCookieOf(await signIn(otherUser, PASSWORD))!;
    await request(t.http).get('/').set('Cookie', signedIn).expect(200);

    await submit('/password/forgot', '/password/forgot', { email });
    expect((await setPassword(linkIn((await delivered(email))[0]), NEW_PASSWORD)).status).toBe(303);

    const after = await request(t.http).get('/').set('Cookie', signedIn);
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    await request(t.http).get('/').set('Cookie', bystander).expect(200);
  });

  it('refuses the forms without a valid CSRF token', async () => {
    const email = await makeUser('partner_rep', partnerA.id);
    const page = await request(t.http).get('/password/forgot').expect(200);
    await request(t.http).post('/password/forgot').set('Cookie', sessionCookieOf(page)!).type('form').send({ email, _csrf: 'forged' }).expect(403);
    await request(t.http).post('/password/forgot').type('form').send({ email }).expect(403);
    await request(t.http).post('/password/reset').type('form').send({ token: 'x', password: NEW_PASSWORD, confirmation: NEW_PASSWORD }).expect(403);
    const rows = await t.dataSource.query(`SELECT 1 FROM outbound_emails WHERE to_address = $1`, [email]);
    expect(rows).toHaveLength(0);
  });

  it('keeps no usable link in the outbox: the secret is written into reset and invitation emails only as they are sent', async () => {
    const rowsTo = (address: string): Promise<{ status: string; html: string; text: string }[]> =>
      t.dataSource.query(`SELECT status, html, text FROM outbound_emails WHERE to_address = $1`, [address]);
    const email = await makeUser('partner_rep', partnerA.id);
    await submit('/password/forgot', '/password/forgot', { email }).then((res) => expect(res.status).toBe(200));
    const admin = await makeToken(t, 'partner_admin', partnerA.id);
    await request(t.http).post(`/api/v1/partners/${partnerA.id}/users`).set('Authorization', `Bearer ${admin}`)
      .send({ email: 'at-rest@alpha.test', displayName: 'At Rest', role: 'partner_rep' }).expect(201);

    for (const address of [email, 'at-rest@alpha.test']) {
      const [queued] = await rowsTo(address);
      expect(queued.text).toContain(`${PUBLIC_URL}/password/reset?token=ONE-TIME-SECRET`);
      const [mail] = await delivered(address);
      const link = linkIn(mail);
      const [sent] = await rowsTo(address);
      expect(sent.status).toBe('sent');
      expect(`${sent.html}\n${sent.text}`).not.toContain(tokenOf(link));
      expect(`${sent.html}\n${sent.text}`.match(/token=[^"&<\s]+/g)?.every((m) => m === 'token=ONE-TIME-SECRET')).toBe(true);
      // What the row holds opens nothing; the emailed link does.
      await request(t.http).get('/password/reset?token=ONE-TIME-SECRET').expect(410);
      await request(t.http).get(link).expect(200);
    }
  });

  it('invites a partner user whose emailed link sets the first password, then lets them sign in', async () => {
    const admin = await makeToken(t, 'partner_admin', partnerA.id);
    const res = await request(t.http)
      .post(`/api/v1/partners/${partnerA.id}/users`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'New.Rep@Alpha.test', displayName: 'New Rep', role: 'partner_rep' })
      .expect(201);
    expect(res.body).toMatchObject({ email: 'new.rep@alpha.test', displayName: 'New Rep', role: 'partner_rep', active: true, passwordSet: false });
    expect((await signIn('new.rep@alpha.test', NEW_PASSWORD)).status).toBe(401);

    const [mail] = await delivered('new.rep@alpha.test');
    expect(mail.subject).toBe('You are invited to LeadGate for Alpha Networks');
    expect(mail.text).toContain('by 5 March 2026, 10:00 CET');
    const link = linkIn(mail);
    const page = await request(t.http).get(link).expect(200);
    expect(page.text).toContain('<h1>Set your password</h1>');
    expect((await setPassword(link, NEW_PASSWORD)).status).toBe(303);
    expect((await signIn('new.rep@alpha.test', NEW_PASSWORD)).status).toBe(303);

    const list = await request(t.http).get(`/api/v1/partners/${partnerA.id}/users`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.find((u: { email: string }) => u.email === 'new.rep@alpha.test')).toMatchObject({ passwordSet: true, active: true });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE partner_id = $1`, [partnerA.id]);
    expect(list.body).toHaveLength(count);
    expect(list.body.every((u: { role: string }) => u.role.startsWith('partner_'))).toBe(true);
  });

  it('rejects an invitation with bad fields or a taken address, writing nothing', async () => {
    const admin = await makeToken(t, 'admin');
    const bad = await request(t.http)
      .post(`/api/v1/partners/${partnerA.id}/users`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'not-an-email', displayName: ' ', role: 'admin' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email', 'role']);
    const taken = await makeUser('partner_rep', partnerB.id);
    await request(t.http).post(`/api/v1/partners/${partnerA.id}/users`).set('Authorization', `Bearer ${admin}`).send({ email: taken, displayName: 'Dup', role: 'partner_rep' }).expect(409);
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'not-an-email'`)).toHaveLength(0);
  });

  it('signs a deactivated user out and refuses their sign-in and reset links', async () => {
    const admin = await makeToken(t, 'partner_admin', partnerA.id);
    const email = await makeUser('partner_rep', partnerA.id);
    const session = sessionCookieOf(await signIn(email, PASSWORD))!;
    await submit('/password/forgot', '/password/forgot', { email });
    const link = linkIn((await delivered(email))[0]);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);

    const res = await request(t.http).post(`/api/v1/partners/${partnerA.id}/users/${id}/deactivate`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body).toMatchObject({ id, active: false });
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await request(t.http).get('/').set('Cookie', session)).status).toBe(303);
    await request(t.http).get(link).expect(410);
  });

  it('hides another partner’s users from a partner admin (404) and refuses reps (403)', async () => {
    const adminOfA = await makeToken(t, 'partner_admin', partnerA.id);
    const repOfA = await makeToken(t, 'partner_rep', partnerA.id);
    const userOfB = await makeUser('partner_rep', partnerB.id);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [userOfB]);
    const auth = { Authorization: `Bearer ${adminOfA}` };

    await request(t.http).get(`/api/v1/partners/${partnerB.id}/users`).set(auth).expect(404);
    await request(t.http).post(`/api/v1/partners/${partnerB.id}/users`).set(auth).send({ email: 'sneaky@example.com', displayName: 'Sneaky', role: 'partner_admin' }).expect(404);
    await request(t.http).post(`/api/v1/partners/${partnerB.id}/users/${id}/deactivate`).set(auth).expect(404);
    // Their own partner id with B's user in the path: still not found.
    await request(t.http).post(`/api/v1/partners/${partnerA.id}/users/${id}/deactivate`).set(auth).expect(404);
    await request(t.http).get(`/api/v1/partners/${partnerA.id}/users`).set('Authorization', `Bearer ${repOfA}`).expect(403);

    const [user] = await t.dataSource.query(`SELECT active FROM users WHERE id = $1`, [id]);
    expect(user.active).toBe(true);
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'sneaky@example.com'`)).toHaveLength(0);
  });
});

describe('password reset throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '2', LOGIN_RATE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers the third request for the same address within the window with 429 and queues no email for it', async () => {
    await t.app.get(UsersService).createUser({ email: 'busy@example.com', displayName: 'Busy', role: 'admin', password: PASSWORD });
    const page = await request(t.http).get('/password/forgot').expect(200);
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? [])[0].split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const ask = () => request(t.http).post('/password/forgot').set('Cookie', cookie).type('form').send({ email: 'busy@example.com', _csrf: csrf });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const third = await ask();
    expect(third.status).toBe(429);
    expect(third.text).toContain('Too many requests. Wait a minute, then try again.');
    // The page answers before the reset work runs (so timing tells nothing): wait for that work first.
    await t.app.get(PasswordResetService).settled();
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM outbound_emails WHERE to_address = 'busy@example.com'`);
    expect(count).toBe(2);
  });
});
