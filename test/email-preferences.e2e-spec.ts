import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { UserRole } from '@leadgate/common';
import { JobsService } from '@leadgate/jobs';
import { EmailDeliveryService } from '@leadgate/notifications';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { resetEmailWorld, startAppWithSmtp, stopAppWithSmtp } from './support/email-suite';
import { TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';

const PASSWORD = 'correct horse battery';
const NOW = '2026-03-02T09:00:00Z';

describe('email preferences and failed emails', () => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let jobs: JobsService;
  let type: LeadType;
  let partner: Partner;
  let sequence = 0;

  const makeUser = async (role: UserRole, partnerId: string | null = null): Promise<{ id: string; email: string }> => {
    const email = `pref-user${++sequence}@example.com`;
    const user = await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return { id: user.id, email };
  };
  const postForm = async (cookie: string, pagePath: string, action: string, fields: Record<string, string | string[]>) => {
    const page = await request(t.http).get(pagePath).set('Cookie', cookie).expect(200);
    return request(t.http).post(action).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  const optOutsOf = async (userId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT email_opt_outs FROM users WHERE id = $1`, [userId]))[0].email_opt_outs;

  beforeAll(async () => {
    t = await startAppWithSmtp(smtp, { now: NOW, env: { PUBLIC_URL: 'https://portal.example.test' } });
    jobs = t.app.get(JobsService);
  });
  afterAll(() => stopAppWithSmtp(t, smtp));

  beforeEach(async () => {
    await resetEmailWorld(t, smtp, NOW);
    type = await makeLeadType(t.dataSource, { name: 'Demo request', businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    partner = await makePartner(t.dataSource, { name: 'Nordic IT' });
  });

  it('saves the choice on the preferences page and shows it when the page is opened again', async () => {
    const rep = await makeUser('partner_rep', partner.id);
    const cookie = await signIn(t.http, rep.email, PASSWORD);

    const before = await request(t.http).get('/preferences').set('Cookie', cookie).expect(200);
    expect(before.text).toMatch(/<input type="checkbox" name="receive" value="clock-warning" checked>/);
    expect(before.text).not.toContain('channel-digest');
    expect(before.text).toContain('cannot be turned off');

    const saved = await postForm(cookie, '/preferences', '/preferences', {});
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/preferences?done=saved');
    expect(await optOutsOf(rep.id)).toEqual(['clock-warning']);
    const after = await request(t.http).get('/preferences?done=saved').set('Cookie', cookie).expect(200);
    expect(after.text).toMatch(/<input type="checkbox" name="receive" value="clock-warning">/);
    expect(after.text).toContain('Your email preferences are saved.');

    await postForm(cookie, '/preferences', '/preferences', { receive: 'clock-warning' }).then((res) => expect(res.status).toBe(303));
    expect(await optOutsOf(rep.id)).toEqual([]);
  });

  it('refuses to turn off a message that is not optional for the role, changing nothing', async () => {
    const rep = await makeUser('partner_rep', partner.id);
    const cookie = await signIn(t.http, rep.email, PASSWORD);
    const res = await postForm(cookie, '/preferences', '/preferences', { receive: ['clock-warning', 'lead-offered'] });
    expect(res.status).toBe(400);
    // A page, not JSON: the problem named in words.
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/<ul class="problems"><li>[^<]*clock-warning[^<]*<\/li><\/ul>/);
    expect(await optOutsOf(rep.id)).toEqual([]);
  });

  it('rejects a preferences form without its CSRF token and keeps the old choice', async () => {
    const rep = await makeUser('partner_rep', partner.id);
    const cookie = await signIn(t.http, rep.email, PASSWORD);
    await request(t.http).post('/preferences').set('Cookie', cookie).type('form').send({}).expect(403);
    expect(await optOutsOf(rep.id)).toEqual([]);
  });

  it('sends no accept warning to a rep who turned warnings off, but still the new-lead email', async () => {
    const admin = await makeUser('partner_admin', partner.id);
    const rep = await makeUser('partner_rep', partner.id);
    await postForm(await signIn(t.http, rep.email, PASSWORD), '/preferences', '/preferences', {}).then((res) => expect(res.status).toBe(303));

    const leadId = await makeLead(t.dataSource, type.id);
    expect(await t.app.get(AllocationService).allocate(leadId)).toMatchObject({ kind: 'offered', partnerId: partner.id });
    await jobs.runNow('deliver-email');
    t.clock.set('2026-03-02T09:45:00Z');
    expect(await jobs.runNow('deliver-email')).toMatchObject({ warned: 1, sent: 1 });

    expect(smtp.subjectsTo(rep.email)).toEqual([expect.stringMatching(/^New lead: /)]);
    expect(smtp.subjectsTo(admin.email)).toEqual([expect.stringMatching(/^New lead: /), expect.stringMatching(/^Reminder: /)]);
    expect(smtp.received).toHaveLength(3);
  });

  it('leaves a channel manager who turned the daily digest off out of it', async () => {
    const cm = await makeUser('channel_manager');
    const other = await makeUser('channel_manager');
    await t.dataSource.query(`UPDATE users SET email_opt_outs = '{channel-digest}' WHERE id = $1`, [cm.id]);

    expect(await jobs.runNow('channel-digest')).toMatchObject({ recipients: 1, queued: 1 });
    const [queued] = await t.dataSource.query(`SELECT to_address FROM outbound_emails WHERE template = 'channel-digest'`);
    expect(queued.to_address).toBe(other.email);
  });

  describe('failed emails page', () => {
    const addFailed = async (to: string, createdAt: string): Promise<string> => {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO outbound_emails (dedupe_key, template, to_address, subject, html, text, status, attempts, next_attempt_at, last_error, created_at)
         VALUES ($1, 'lead-offered', $2, $3, '<p>Hello</p>', 'Hello', 'failed', 8, $4, '550 mailbox unavailable', $4) RETURNING id`,
        [`test:${to}`, to, `New lead for ${to}`, createdAt],
      );
      return id;
    };

    it('lists failed emails newest first, and resending one delivers it once', async () => {
      const admin = await makeUser('admin');
      const cookie = await signIn(t.http, admin.email, PASSWORD);
      const older = await addFailed('older@nordic.test', '2026-03-01T08:00:00Z');
      await addFailed('newer@nordic.test', '2026-03-01T10:00:00Z');

      const page = await request(t.http).get('/admin/emails').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('550 mailbox unavailable');
      expect(page.text).toContain('2026-03-01 10:00 UTC');
      expect(page.text.indexOf('newer@nordic.test')).toBeLessThan(page.text.indexOf('older@nordic.test'));
      expect(page.text).toContain(`action="/admin/emails/${older}/resend"`);
      expect(page.text).toContain('href="/admin/emails"');

      const paged = await request(t.http).get('/admin/emails?pageSize=1&page=2').set('Cookie', cookie).expect(200);
      expect(paged.text).toContain('older@nordic.test');
      expect(paged.text).not.toContain('newer@nordic.test');

      const res = await postForm(cookie, '/admin/emails', `/admin/emails/${older}/resend`, {});
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/emails?done=resent');
      const [row] = await t.dataSource.query(`SELECT status, attempts, next_attempt_at, resent_by FROM outbound_emails WHERE id = $1`, [older]);
      expect(row).toEqual({ status: 'queued', attempts: 0, next_attempt_at: new Date(NOW), resent_by: `user:${admin.id}` });

      const delivery = t.app.get(EmailDeliveryService);
      expect(await delivery.deliverDue()).toMatchObject({ sent: 1 });
      expect(await delivery.deliverDue()).toMatchObject({ sent: 0 });
      expect(smtp.subjectsTo('older@nordic.test')).toEqual(['New lead for older@nordic.test']);
      expect(smtp.received).toHaveLength(1);

      const after = await request(t.http).get('/admin/emails').set('Cookie', cookie).expect(200);
      expect(after.text).not.toContain('older@nordic.test');
      expect(after.text).toContain('newer@nordic.test');
      // Only a failed email can be resent: a sent one is not found.
      await postForm(cookie, '/admin/emails', `/admin/emails/${older}/resend`, {}).then((again) => expect(again.status).toBe(404));
    });

    it('refuses the page and the resend to anyone but an admin', async () => {
      const id = await addFailed('x@nordic.test', '2026-03-01T08:00:00Z');
      const rep = await signIn(t.http, (await makeUser('partner_rep', partner.id)).email, PASSWORD);
      const cm = await signIn(t.http, (await makeUser('channel_manager')).email, PASSWORD);
      await request(t.http).get('/admin/emails').set('Cookie', rep).expect(403);
      await request(t.http).get('/admin/emails').set('Cookie', cm).expect(403);
      await postForm(cm, '/preferences', `/admin/emails/${id}/resend`, {}).then((res) => expect(res.status).toBe(403));
      expect((await t.dataSource.query(`SELECT status FROM outbound_emails WHERE id = $1`, [id]))[0].status).toBe('failed');
    });

    it('rejects a resend without its CSRF token', async () => {
      const id = await addFailed('x@nordic.test', '2026-03-01T08:00:00Z');
      const cookie = await signIn(t.http, (await makeUser('admin')).email, PASSWORD);
      await request(t.http).post(`/admin/emails/${id}/resend`).set('Cookie', cookie).type('form').send({}).expect(403);
      expect((await t.dataSource.query(`SELECT status FROM outbound_emails WHERE id = $1`, [id]))[0].status).toBe('failed');
    });
  });
});
