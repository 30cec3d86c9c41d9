// The integration pages over HTTP: a partner admin's tokens and webhooks, the delivery log with replay, the lead import.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request, { Response } from 'supertest';
import { UserRole } from '@leadgate/common';
import { LeadType } from '@leadgate/catalog';
import { LeadImportsService } from '@leadgate/intake';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { WebhookDeliveryService } from '@leadgate/webhooks';
import { csrfOf, signIn } from './support/browser-session';
import { makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

describe('integration pages', () => {
  let t: TestApp;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;
  let adminCookie: string;
  let alphaCookie: string;
  let betaCookie: string;
  let repCookie: string;
  let intake: string;
  let answer = 410;
  let receiver: Server;
  let receiverUrl: string;
  let n = 0;

  const user = async (role: UserRole, partnerId: string | null = null): Promise<string> => {
    const email = `integrations${++n}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${n}`, role, partnerId, password: PASSWORD });
    return signIn(t.http, email, PASSWORD);
  };
  const get = (path: string, cookie: string) => request(t.http).get(path).set('Cookie', cookie);
  const postForm = async (pagePath: string, action: string, fields: Record<string, string | string[]>, cookie: string) => {
    const page = await get(pagePath, cookie).expect(200);
    return request(t.http).post(action).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrfOf(page) });
  };
  const status = (expected: number) => (res: Response): Response => {
    expect({ status: res.status, text: res.status === expected ? '' : res.text }).toEqual({ status: expected, text: '' });
    return res;
  };
  const upload = async (csv: string, fileName = 'spring-leads.csv') => {
    const page = await get('/admin/import', adminCookie).expect(200);
    return request(t.http).post('/admin/import').set('Cookie', adminCookie).field('_csrf', csrfOf(page)).attach('file', Buffer.from(csv), fileName);
  };

  beforeAll(async () => {
    t = await createTestApp();
    type = await makeLeadType(t.dataSource, { key: 'page-import' });
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'], weight: 100 });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['AT'] });
    adminCookie = await user('admin');
    alphaCookie = await user('partner_admin', alpha.id);
    betaCookie = await user('partner_admin', beta.id);
    repCookie = await user('partner_rep', alpha.id);
    intake = await makeToken(t, 'intake');
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = answer;
        res.end(answer === 410 ? 'gone for now' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm-hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await t.close();
  });

  describe('API tokens on /integrations', () => {
    it('lets a partner admin create a token for its CRM (secret shown once) and revoke it; another partner’s is a 404', async () => {
      const created = await postForm('/integrations', '/integrations/tokens', { name: 'Alpha Salesforce', role: 'partner_rep' }, alphaCookie).then(status(201));
      const secret = /<code class="token-secret">(lg_[^<]+)<\/code>/.exec(created.text)![1];
      expect(created.headers['cache-control']).toContain('no-store');
      await request(t.http).get('/api/v1/leads').set('Authorization', `Bearer ${secret}`).expect(200);
      const [token] = await t.dataSource.query(`SELECT id, role, partner_id FROM api_tokens WHERE name = 'Alpha Salesforce'`);
      expect(token).toMatchObject({ role: 'partner_rep', partner_id: alpha.id });

      const list = await get('/integrations', alphaCookie).expect(200);
      expect(list.text).toContain('Alpha Salesforce');
      expect(list.text).not.toContain(secret);
      expect((await get('/integrations', betaCookie).expect(200)).text).not.toContain('Alpha Salesforce');

      await postForm('/integrations', `/integrations/tokens/${token.id}/revoke`, {}, betaCookie).then(status(404));
      await request(t.http).get('/api/v1/leads').set('Authorization', `Bearer ${secret}`).expect(200);
      const revoked = await postForm('/integrations', `/integrations/tokens/${token.id}/revoke`, {}, alphaCookie).then(status(303));
      expect(revoked.headers.location).toBe('/integrations?done=revoked');
      await request(t.http).get('/api/v1/leads').set('Authorization', `Bearer ${secret}`).expect(401);
    });

    it('names each missing field and creates nothing', async () => {
      const res = await postForm('/integrations', '/integrations/tokens', { name: '' }, alphaCookie).then(status(400));
      expect(res.text).toContain('Please correct the marked fields.');
      expect(res.text).toMatch(/id="token-role-error">[^<]*role/);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM api_tokens WHERE created_by NOT LIKE 'test%' AND revoked_at IS NULL`))[0].n).toBe(0);
    });

    it('keeps reps out', async () => {
      await get('/integrations', repCookie).expect(403);
      await get('/admin/import', alphaCookie).expect(403);
    });
  });

  describe('webhooks and their delivery log', () => {
    it('refuses a URL that is not http(s) or points at the portal itself', async () => {
      const ftp = await postForm('/integrations', '/integrations/webhooks', { url: 'ftp://crm.example.com/x', events: ['lead.offered'] }, alphaCookie).then(status(400));
      expect(ftp.text).toContain('url must be an absolute http:// or https:// URL');
      const self = await postForm('/integrations', '/integrations/webhooks', { url: `${t.config.publicUrl}/hook`, events: ['lead.offered'] }, alphaCookie).then(status(400));
      expect(self.text).toMatch(/LeadGate itself|portal/i);
      const none = await postForm('/integrations', '/integrations/webhooks', { url: 'https://crm.example.com/x' }, alphaCookie).then(status(400));
      expect(none.text).toContain('Tick at least one event.');
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);
    });

    it('shows failed deliveries and sends one again from the page, enabling the endpoint; another partner gets a 404', async () => {
      const registered = await postForm('/integrations', '/integrations/webhooks', { url: receiverUrl, events: ['lead.offered', 'lead.accepted'] }, alphaCookie).then(status(201));
      expect(registered.text).toMatch(/<code class="token-secret">whsec_/);
      const [endpoint] = await t.dataSource.query(`SELECT id, partner_id FROM webhook_endpoints`);
      expect(endpoint.partner_id).toBe(alpha.id);

      await request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${intake}`).send({ email: 'hook@example.com', company: 'Hook GmbH', country: 'DE', leadType: type.key }).expect(201);
      answer = 410;
      expect(await t.app.get(WebhookDeliveryService).deliverDue()).toMatchObject({ failed: 1 });

      const log = await get(`/integrations/webhooks/${endpoint.id}`, alphaCookie).expect(200);
      expect(log.text).toContain('<strong>disabled</strong>');
      expect(log.text).toContain('HTTP 410');
      expect(log.text).toContain('gone for now');
      expect(log.text).toContain('Send all failed again');
      await get(`/integrations/webhooks/${endpoint.id}`, betaCookie).expect(404);
      await postForm('/integrations', `/integrations/webhooks/${endpoint.id}/replay`, {}, betaCookie).then(status(404));
      // Admins see every endpoint's log.
      await get(`/integrations/webhooks/${endpoint.id}`, adminCookie).expect(200);

      const [delivery] = await t.dataSource.query(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint.id]);
      const replayed = await postForm(`/integrations/webhooks/${endpoint.id}`, `/integrations/webhooks/${endpoint.id}/replay`, { deliveryId: String(delivery.id) }, alphaCookie).then(status(303));
      expect(replayed.headers.location).toBe(`/integrations/webhooks/${endpoint.id}?done=replayed`);
      const flashed = await get(replayed.headers.location, alphaCookie).expect(200);
      expect(flashed.text).toContain('Failed deliveries queued again');
      expect(flashed.text).not.toContain('<strong>disabled</strong>');
      await get(`/integrations/webhooks/${endpoint.id}?status=lost`, alphaCookie).expect(400);
      answer = 200;
      expect(await t.app.get(WebhookDeliveryService).deliverDue()).toMatchObject({ delivered: 1, failed: 0 });
      const after = await get(`/integrations/webhooks/${endpoint.id}?status=delivered`, alphaCookie).expect(200);
      expect(after.text).toContain('HTTP 200');
      expect(after.text).toContain('No failed deliveries.');
      expect(after.text).not.toContain('<strong>disabled</strong>');
    });
  });

  describe('lead import on /admin/import', () => {
    const header = 'email,company,country,leadType,externalId';

    it('imports in the background with progress, and offers the rejected rows with line, values and problems', async () => {
      const csv = [header, `ana@example.com,Ana GmbH,DE,${type.key},crm-1`, `not-an-email,Bad Co,DE,${type.key},crm-2`, `ben@example.com,=1+2 GmbH,DE,${type.key},crm-3`].join('\n');
      const res = await upload(csv).then(status(303));
      const id = /^\/admin\/import\/([0-9a-f-]{36})$/.exec(res.headers.location)![1];
      await t.app.get(LeadImportsService).settled(id);

      const page = await get(`/admin/import/${id}`, adminCookie).expect(200);
      expect(page.text).toContain('3 of 3 rows done (100%)');
      expect(page.text).toContain('2 leads created');
      expect(page.text).toContain('1 rows rejected');
      expect(page.headers.refresh).toBeUndefined();
      expect(page.text).toMatch(/<td data-label="Line">3<\/td><td data-label="Values" class="wrap">not-an-email, Bad Co/);

      const report = await get(`/admin/import/${id}/rejected-rows.csv`, adminCookie).expect(200);
      expect(report.headers['content-type']).toContain('text/csv');
      expect(report.headers['content-disposition']).toContain('spring-leads-rejected-rows.csv');
      const [reportHeader, row] = report.text.trim().split('\n');
      expect(reportHeader).toBe('email,company,country,leadType,externalId,problems,line');
      expect(row).toMatch(/^not-an-email,Bad Co,DE,page-import,crm-2,"?email: .*email.*,3$/);

      // Corrected, the report imports again as it is; rows already imported are not created twice.
      const fixed = report.text.replace('not-an-email', 'cleo@example.com');
      const again = await upload(`${fixed}`, 'fixed.csv').then(status(303));
      const againId = again.headers.location.split('/').pop()!;
      await t.app.get(LeadImportsService).settled(againId);
      expect((await get(`/admin/import/${againId}`, adminCookie).expect(200)).text).toContain('1 leads created');
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM leads WHERE external_id LIKE 'crm-%'`))[0].n).toBe(3);
      expect((await get('/admin/import', adminCookie).expect(200)).text).toContain('fixed.csv');
    });

    it('refuses a file with a wrong header, no file, or no rows, naming the problem, and imports nothing', async () => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM lead_imports`))[0].n;
      const wrong = await upload('mail,company\nx@example.com,X').then(status(400));
      expect(wrong.text).toContain('unknown column(s): mail');
      const empty = await upload(`${header}\n`).then(status(400));
      expect(empty.text).toContain('no rows');
      const page = await get('/admin/import', adminCookie).expect(200);
      const none = await request(t.http).post('/admin/import').set('Cookie', adminCookie).field('_csrf', csrfOf(page)).then(status(400));
      expect(none.text).toContain('Choose a CSV file');
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM lead_imports`))[0].n).toBe(before);
    });

    it('needs the page’s CSRF token for an upload', async () => {
      await request(t.http).post('/admin/import').set('Cookie', adminCookie).attach('file', Buffer.from(`${header}\n`), 'x.csv').expect(403);
    });
  });
});
