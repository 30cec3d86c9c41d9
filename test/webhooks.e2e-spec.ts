// Webhooks end to end: registration, the outbox written with each change, signed delivery to real HTTP receivers.
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { EntityManager } from 'typeorm';
import { LeadType } from '@leadgate/catalog';
import { inTransaction } from '@leadgate/database';
import { TimelineRepository } from '@leadgate/lifecycle';
import { Partner } from '@leadgate/partners';
import { WebhookDeliveryService } from '@leadgate/webhooks';
import { makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
}

/** A real HTTP receiver on a free port; `answer` decides each response's status (200 unless told). */
async function startReceiver(answer: (n: number) => number = () => 200): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.statusCode = answer(received.length);
      res.end(res.statusCode < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What a receiver does: recompute the HMAC of "t.body" with the secret and compare. */
function verifies(secret: string, header: string, raw: string): boolean {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  return v1 !== undefined && createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex') === v1;
}

describe('webhooks', () => {
  let t: TestApp;
  let leadType: LeadType;
  let alpha: Partner;
  let beta: Partner;
  let admin: string;
  let intake: string;
  let alphaAdmin: string;
  let alphaRep: string;
  let betaAdmin: string;
  let n = 0;
  const receivers: { close(): Promise<void> }[] = [];

  const receiver = async (answer?: (n: number) => number) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };
  const register = (token: string, body: object) => request(t.http).post('/api/v1/webhooks').set('Authorization', `Bearer ${token}`).send(body);
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const newLead = async (country = 'DE'): Promise<string> =>
    (await post('/api/v1/leads', intake, { email: `buyer${++n}@example.com`, company: `Buyer ${n} GmbH`, country, leadType: leadType.key }).expect(201)).body.id;
  const deliver = () => t.app.get(WebhookDeliveryService).deliverDue();

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z', env: { WEBHOOK_TIMEOUT_SECONDS: '1' } });
    leadType = await makeLeadType(t.dataSource, { key: 'webhook-demo' });
  });
  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE webhook_endpoints, webhook_events, api_tokens, partners, leads, assignments, allocation_decisions, breaches CASCADE`);
    admin = await makeToken(t, 'admin');
    intake = await makeToken(t, 'intake');
    // Alpha wins every lead it may take (weight); Beta gets what Alpha declines.
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'], weight: 100 });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'], weight: 1 });
    alphaAdmin = await makeToken(t, 'partner_admin', alpha.id);
    alphaRep = await makeToken(t, 'partner_rep', alpha.id);
    betaAdmin = await makeToken(t, 'partner_admin', beta.id);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => t.close());

  describe('registration', () => {
    it('answers 400 naming each field: a URL that is not http(s), an unknown event', async () => {
      const res = await register(admin, { url: 'ftp://crm.example.com/hook', events: ['lead.offered', 'lead.exploded'] }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events', 'url']);
      expect(res.body.errors.find((e: { field: string }) => e.field === 'events').problems[0]).toMatch(/^each value in events must be one of: lead\.offered, /);
      await register(admin, { url: 'not a url', events: [] }).expect(400);
      await register(admin, { url: 'javascript:alert(1)', events: ['lead.offered'] }).expect(400);
      const self = await register(admin, { url: `${t.config.publicUrl}/api/v1/leads`, events: ['lead.offered'] }).expect(400);
      expect(self.body.errors).toEqual([{ field: 'url', problems: ['url must not point at LeadGate itself'] }]);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);
    });

    it('shows the signing secret once, lists without it, and lets only admins and partner admins register', async () => {
      const created = (await register(admin, { url: 'https://crm.example.com/hook', events: ['lead.offered'] }).expect(201)).body;
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.partnerId).toBeNull();
      const listed = (await request(t.http).get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).expect(200)).body;
      expect(listed).toEqual([expect.objectContaining({ id: created.id, url: 'https://crm.example.com/hook', events: ['lead.offered'] })]);
      expect(JSON.stringify(listed)).not.toContain(created.secret);
      expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM webhook_endpoints`))).not.toContain(created.secret);

      await register(await makeToken(t, 'channel_manager'), { url: 'https://crm.example.com/hook', events: ['lead.offered'] }).expect(403);
      await register(alphaRep, { url: 'https://crm.example.com/hook', events: ['lead.offered'] }).expect(403);
      await register(intake, { url: 'https://crm.example.com/hook', events: ['lead.offered'] }).expect(403);
    });

    it('gives a partner admin its own partner’s endpoints only: listing, and removing another’s is a 404', async () => {
      const mine = (await register(alphaAdmin, { url: 'https://alpha.example.com/hook', events: ['lead.offered'] }).expect(201)).body;
      const theirs = (await register(betaAdmin, { url: 'https://beta.example.com/hook', events: ['lead.offered'] }).expect(201)).body;
      expect(mine.partnerId).toBe(alpha.id);
      const listed = (await request(t.http).get('/api/v1/webhooks').set('Authorization', `Bearer ${alphaAdmin}`).expect(200)).body;
      expect(listed.map((e: { id: string }) => e.id)).toEqual([mine.id]);
      await request(t.http).delete(`/api/v1/webhooks/${theirs.id}`).set('Authorization', `Bearer ${alphaAdmin}`).expect(404);
      await request(t.http).delete(`/api/v1/webhooks/${mine.id}`).set('Authorization', `Bearer ${alphaAdmin}`).expect(204);
      const left = (await request(t.http).get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).expect(200)).body;
      expect(left.map((e: { id: string }) => e.id)).toEqual([theirs.id]);
    });
  });

  describe('without WEBHOOK_ALLOW_PRIVATE_URLS (the default outside tests)', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await createTestApp({ now: t.clock.now(), databaseUrl: t.config.databaseUrl, env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'false' } });
    });
    afterAll(() => strict.close());

    it('refuses localhost and private addresses at registration, and at delivery a host that resolves to one', async () => {
      for (const url of ['http://localhost:4000/hook', 'http://127.0.0.1/hook', 'http://192.168.0.10/hook', 'http://[::1]/hook']) {
        const res = await request(strict.http).post('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).send({ url, events: ['lead.offered'] }).expect(400);
        expect(res.body.errors).toEqual([{ field: 'url', problems: ['url must not point at localhost or a private network address'] }]);
      }
      await request(strict.http).post('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).send({ url: 'https://crm.example.com/hook', events: ['lead.offered'] }).expect(201);

      // Registered while allowed (here: by the lenient app), sent by a strict worker: refused, nothing reaches it.
      const r = await receiver();
      await register(admin, { url: r.url, events: ['lead.offered'] }).expect(201);
      await t.dataSource.query(`DELETE FROM webhook_endpoints WHERE url LIKE 'https://crm.example.com%'`);
      await newLead();
      expect(await strict.app.get(WebhookDeliveryService).deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      expect(r.received).toHaveLength(0);
      const [row] = await t.dataSource.query(`SELECT last_error FROM webhook_deliveries`);
      expect(row.last_error).toContain('resolves to the private address 127.0.0.1');
    });
  });

  describe('the outbox', () => {
    it('writes an event in the transaction of the change: a change rolled back leaves none', async () => {
      await register(admin, { url: 'https://crm.example.com/hook', events: ['lead.accepted'] }).expect(201);
      const leadId = await newLead();
      const accepted = (tx: EntityManager) =>
        t.app.get(TimelineRepository).record(tx, { leadId, at: t.clock.now(), kind: 'accepted', actor: 'test', partnerId: alpha.id, summary: 'Accepted' });
      const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_events WHERE type = 'lead.accepted'`))[0].n;

      await expect(
        inTransaction(t.dataSource, async (tx) => {
          await accepted(tx);
          expect((await tx.query(`SELECT count(*)::int AS n FROM webhook_events WHERE type = 'lead.accepted'`))[0].n).toBe(1);
          throw new Error('the change fails after its timeline row');
        }),
      ).rejects.toThrow('the change fails');
      expect(await count()).toBe(0);

      await inTransaction(t.dataSource, accepted);
      expect(await count()).toBe(1);
    });

    it('stores no event nobody subscribed to', async () => {
      await newLead();
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_events`))[0].n).toBe(0);
    });
  });

  describe('delivery', () => {
    it('delivers signed events, in order per lead, retrying a 500 with backoff before any later event of the lead', async () => {
      // The first request fails; every later one succeeds.
      const r = await receiver((k) => (k === 1 ? 500 : 200));
      const { secret } = (await register(admin, { url: r.url, events: ['lead.offered', 'lead.accepted', 'lead.contacted', 'lead.status_changed'] }).expect(201)).body;
      const leadId = await newLead();
      await post(`/api/v1/leads/${leadId}/accept`, alphaRep).expect(200);
      await post(`/api/v1/leads/${leadId}/activities`, alphaRep, { type: 'note', notes: 'internal: call after lunch' }).expect(201);
      await post(`/api/v1/leads/${leadId}/activities`, alphaRep, { type: 'call' }).expect(201);
      await post(`/api/v1/leads/${leadId}/feedback`, alphaRep, { verdict: 'qualified' }).expect(200);

      expect(await deliver()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      expect(r.received.map((x) => x.body.type)).toEqual(['lead.offered']);
      // Not due again before the backoff (WEBHOOK_RETRY_BASE_SECONDS, 30 s), and nothing later of the lead meanwhile.
      t.clock.advance(29_000);
      expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      t.clock.advance(1_000);
      expect(await deliver()).toEqual({ delivered: 4, retrying: 0, failed: 0 });

      expect(r.received.map((x) => x.body.type)).toEqual(['lead.offered', 'lead.offered', 'lead.accepted', 'lead.contacted', 'lead.status_changed']);
      // The retry carries the same event id; each event is signed with the endpoint's secret over "t.body".
      expect(r.received[1].body.id).toBe(r.received[0].body.id);
      for (const x of r.received) expect(verifies(secret, String(x.headers['x-leadgate-signature']), x.raw)).toBe(true);
      expect(verifies('whsec_wrong', String(r.received[1].headers['x-leadgate-signature']), r.received[1].raw)).toBe(false);
      const [, t1] = /^t=(\d+),/.exec(String(r.received[1].headers['x-leadgate-signature']))!;
      expect(Number(t1)).toBe(Math.floor(t.clock.now().getTime() / 1000));
      expect(r.received[4].body).toEqual({
        id: expect.any(String),
        type: 'lead.status_changed',
        occurredAt: '2026-03-02T09:00:00.000Z',
        data: { leadId, partnerId: alpha.id, assignmentId: expect.any(String), status: 'qualified', reasonCode: null, amountMinor: null, currency: null },
      });
      // The note is partner-internal: no event, and its text is in no payload.
      expect(r.received.some((x) => x.raw.includes('internal'))).toBe(false);
      const [row] = await t.dataSource.query(`SELECT status, attempts, last_status_code, response_excerpt FROM webhook_deliveries ORDER BY event_seq LIMIT 1`);
      expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, response_excerpt: 'ok' });
    });

    it('sends each delivery once when two workers run at the same time', async () => {
      const r = await receiver();
      await register(admin, { url: r.url, events: ['lead.offered'] }).expect(201);
      for (let i = 0; i < 12; i++) await newLead();
      const [a, b] = await Promise.all([deliver(), deliver()]);
      expect(a.delivered + b.delivered).toBe(12);
      expect(new Set(r.received.map((x) => x.body.id)).size).toBe(12);
      expect(r.received).toHaveLength(12);
    });

    it('takes over a killed worker’s claim once its lease runs out', async () => {
      const r = await receiver();
      await register(admin, { url: r.url, events: ['lead.offered'] }).expect(201);
      await newLead();
      // A worker claims the delivery and dies before sending.
      await t.dataSource.query(`UPDATE webhook_deliveries SET attempts = 1, next_attempt_at = $1`, [new Date(t.clock.now().getTime() + 5 * 60_000)]);
      expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      t.clock.advance(5 * 60_000);
      expect(await deliver()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(r.received).toHaveLength(1);
    });

    it('gives up after 24 hours of failures, disables the endpoint and emails the admin who registered it', async () => {
      let status = 503;
      const r = await receiver(() => status);
      const [{ id: userId }] = await t.dataSource.query(
        `INSERT INTO users (email, display_name, role) VALUES ('ops@vendor.example', 'Olga Ops', 'admin') RETURNING id`,
      );
      await t.dataSource.query(`DELETE FROM outbound_emails`);
      const { id } = (await register(admin, { url: r.url, events: ['lead.offered'] }).expect(201)).body;
      await t.dataSource.query(`UPDATE webhook_endpoints SET created_by = $1`, [`user:${userId}`]);
      await newLead();

      let attempts = 0;
      for (let hour = 0; hour < 24; hour++) {
        const run = await deliver();
        attempts += run.retrying;
        expect(run.failed).toBe(0);
        t.clock.advance(3_600_000);
      }
      // Retried all day, the wait capped at WEBHOOK_RETRY_MAX_SECONDS (an hour), so at least once an hour.
      expect(attempts).toBeGreaterThanOrEqual(24);
      expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 1 });

      const [endpoint] = (await request(t.http).get('/api/v1/webhooks').set('Authorization', `Bearer ${admin}`).expect(200)).body;
      expect(endpoint).toMatchObject({ id, disabledAt: expect.any(String), disabledReason: expect.stringContaining('24 hours') });
      const [email] = await t.dataSource.query(`SELECT to_address, subject, text FROM outbound_emails WHERE template = 'webhook-disabled'`);
      expect(email).toMatchObject({ to_address: 'ops@vendor.example', subject: `Webhook disabled: ${r.url}` });
      expect(email.text).toContain('HTTP 503');
      // A disabled endpoint gets no new events.
      const received = r.received.length;
      await newLead();
      t.clock.advance(3_600_000);
      await deliver();
      expect(r.received).toHaveLength(received);

      // The log shows why; a replay enables the endpoint and sends the failed event again, with its id.
      const auth = { Authorization: `Bearer ${admin}` };
      const log = (await request(t.http).get(`/api/v1/webhooks/${id}/deliveries?status=failed`).set(auth).expect(200)).body;
      expect(log).toMatchObject({ total: 1, items: [{ type: 'lead.offered', status: 'failed', lastStatusCode: 503, responseExcerpt: 'nope', attempts: expect.any(Number) }] });
      expect(log.items[0].attempts).toBeGreaterThanOrEqual(24);
      await request(t.http).get(`/api/v1/webhooks/${id}/deliveries?status=lost`).set(auth).expect(400);
      await post(`/api/v1/webhooks/${id}/deliveries/replay`, alphaAdmin).expect(404);
      await post(`/api/v1/webhooks/${id}/deliveries/replay`, admin, { deliveryId: '999999' }).expect(404);
      status = 200;
      expect((await post(`/api/v1/webhooks/${id}/deliveries/replay`, admin, { deliveryId: log.items[0].id }).expect(200)).body).toEqual({ replayed: 1 });
      expect(await deliver()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(r.received[r.received.length - 1].body.id).toBe(log.items[0].eventId);
      const [after] = (await request(t.http).get('/api/v1/webhooks').set(auth).expect(200)).body;
      expect(after.disabledAt).toBeNull();
    });

    it('disables an endpoint that answers 410 Gone at once', async () => {
      const r = await receiver(() => 410);
      await register(admin, { url: r.url, events: ['lead.offered'] }).expect(201);
      await newLead();
      expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 1 });
      const [{ disabled_reason }] = await t.dataSource.query(`SELECT disabled_reason FROM webhook_endpoints`);
      expect(disabled_reason).toContain('410');
    });

    it('retries a receiver that does not answer in time', async () => {
      const hanging = createServer(() => undefined);
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      receivers.push({ close: () => new Promise<void>((resolve) => { hanging.closeAllConnections(); hanging.close(() => resolve()); }) });
      await register(admin, { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`, events: ['lead.offered'] }).expect(201);
      await newLead();
      expect(await deliver()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      const [row] = await t.dataSource.query(`SELECT status, last_status_code, last_error, last_latency_ms FROM webhook_deliveries`);
      expect(row).toMatchObject({ status: 'pending', last_status_code: null, last_error: expect.stringContaining('TimeoutError') });
      expect(row.last_latency_ms).toBeGreaterThanOrEqual(900);
    });

    it('retries a receiver that is down', async () => {
      const r = await receiver();
      const url = r.url;
      await r.close();
      receivers.splice(receivers.indexOf(r), 1);
      await register(admin, { url, events: ['lead.offered'] }).expect(201);
      await newLead();
      expect(await deliver()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      const [row] = await t.dataSource.query(`SELECT status, last_status_code, last_error FROM webhook_deliveries`);
      expect(row).toMatchObject({ status: 'pending', last_status_code: null, last_error: expect.stringContaining('fetch failed') });
    });
  });

  describe('partner isolation', () => {
    it('sends a partner endpoint its own partner’s events only, and no payload names the other partner', async () => {
      const all = await receiver();
      const a = await receiver();
      const b = await receiver();
      const events = ['lead.offered', 'lead.accepted', 'lead.declined', 'lead.recalled', 'sla.breached', 'partner.standing_changed'];
      await register(admin, { url: all.url, events }).expect(201);
      await register(alphaAdmin, { url: a.url, events }).expect(201);
      await register(betaAdmin, { url: b.url, events }).expect(201);

      const leadId = await newLead();
      await post(`/api/v1/leads/${leadId}/decline`, alphaRep, { reasonCode: 'no_capacity', reasonText: 'Beta Systems is closer' }).expect(200);
      // Beta lets the offer lapse: recalled, with an accept breach.
      t.clock.advance(7 * 24 * 3_600_000);
      await post('/api/v1/jobs/sla-sweep/run', admin).expect(200);
      await post(`/api/v1/partners/${alpha.id}/overrides`, admin, { standing: 'warning', reason: 'Talked to Beta Systems', endsAt: '2026-06-01T00:00:00Z' }).expect(201);
      await deliver();

      // In order per lead; the partner's own events (standing) are ordered apart from any lead's.
      const types = (r: { received: Received[] }, lead: boolean) => r.received.filter((x) => (x.body.data.leadId !== undefined) === lead).map((x) => x.body.type);
      expect(types(a, true)).toEqual(['lead.offered', 'lead.declined']);
      expect(types(a, false)).toEqual(['partner.standing_changed']);
      expect(types(b, true)).toEqual(['lead.offered', 'sla.breached', 'lead.recalled']);
      expect(types(b, false)).toEqual([]);
      expect(types(all, true)).toEqual(['lead.offered', 'lead.declined', 'lead.offered', 'sla.breached', 'lead.recalled']);
      expect(types(all, false)).toEqual(['partner.standing_changed']);
      for (const x of a.received) expect(x.raw).not.toContain(beta.id);
      for (const x of b.received) expect(x.raw).not.toContain(alpha.id);
      // Free text (the decline's, the override's) is in no payload.
      expect(all.received.some((x) => x.raw.includes('Beta Systems'))).toBe(false);
      const ofType = (r: { received: Received[] }, type: string) => r.received.find((x) => x.body.type === type)!.body.data;
      expect(ofType(a, 'lead.declined')).toEqual({ leadId, partnerId: alpha.id, assignmentId: expect.any(String), reasonCode: 'no_capacity' });
      expect(ofType(a, 'partner.standing_changed')).toEqual({ partnerId: alpha.id, from: 'good', to: 'warning' });
      expect(ofType(b, 'sla.breached')).toMatchObject({ leadId, partnerId: beta.id, clock: 'accept' });
    });

    it('tells the partner that loses a lead to a channel manager’s reassignment, and the new one of its offer', async () => {
      const a = await receiver();
      const b = await receiver();
      await register(alphaAdmin, { url: a.url, events: ['lead.offered', 'lead.reassigned'] }).expect(201);
      await register(betaAdmin, { url: b.url, events: ['lead.offered', 'lead.reassigned'] }).expect(201);
      const leadId = await newLead();
      await post(`/api/v1/leads/${leadId}/assign`, admin, { partnerId: beta.id, reason: 'Alpha IT is on holiday' }).expect(200);
      await deliver();
      expect(a.received.map((x) => x.body.type)).toEqual(['lead.offered', 'lead.reassigned']);
      expect(b.received.map((x) => x.body.type)).toEqual(['lead.offered']);
      expect(a.received[1].raw).not.toContain(beta.id);
    });
  });
});
