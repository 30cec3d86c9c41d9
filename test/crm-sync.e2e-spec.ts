// A partner's CRM: tokens its own admins make, and the change feed it syncs from, under concurrent writes.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { WebhookDeliveryService } from '@leadgate/webhooks';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('partner CRM sync', () => {
  let t: TestApp;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;
  let admin: string;
  let alphaAdmin: string;
  let betaAdmin: string;

  const api = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(t.http).delete(path).set('Authorization', `Bearer ${token}`),
  });
  const leadOf = async (partner: Partner | null): Promise<string> => {
    const id = await makeLead(t.dataSource, type.id, { status: partner ? 'offered' : 'unallocated' });
    if (partner) await t.dataSource.query(`UPDATE leads SET current_partner_id = $2 WHERE id = $1`, [id, partner.id]);
    return id;
  };
  /** Reads the whole feed from `since`, page by page, and returns every lead id in order with the last cursor. */
  const readFeed = async (token: string, since: string, pageSize = 3): Promise<{ ids: string[]; cursor: string }> => {
    const ids: string[] = [];
    let cursor = since;
    for (let page = 0; page < 1000; page++) {
      const res = await api(token).get(`/api/v1/leads?updatedSince=${encodeURIComponent(cursor)}&pageSize=${pageSize}`).expect(200);
      ids.push(...res.body.items.map((l: { id: string }) => l.id));
      cursor = res.body.nextCursor;
      if (!res.body.hasMore) return { ids, cursor };
    }
    throw new Error('the feed never ended');
  };
  /**
   * Reads on until every wanted lead came: the feed holds back changes while any older transaction in the
   * cluster runs (other suites share the server), so a change shows up a little later, never not at all.
   */
  const readUntil = async (token: string, since: string, wanted: string[], pageSize = 3): Promise<{ ids: string[]; cursor: string }> => {
    const ids: string[] = [];
    let cursor = since;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
      const read = await readFeed(token, cursor, pageSize);
      ids.push(...read.ids);
      cursor = read.cursor;
      if (wanted.every((id) => ids.includes(id))) return { ids, cursor };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ids, cursor };
  };

  beforeAll(async () => {
    t = await createTestApp();
    type = await makeLeadType(t.dataSource);
    alpha = await makePartner(t.dataSource, { name: 'Alpha' });
    beta = await makePartner(t.dataSource, { name: 'Beta' });
    admin = await makeToken(t, 'admin');
    alphaAdmin = await makeToken(t, 'partner_admin', alpha.id);
    betaAdmin = await makeToken(t, 'partner_admin', beta.id);
  });
  afterAll(() => t.close());

  describe('API tokens made by partner admins', () => {
    it('makes a token of the admin’s own partner, which sees only that partner’s leads, and revokes it', async () => {
      const ofAlpha = await leadOf(alpha);
      const ofBeta = await leadOf(beta);
      const created = await api(alphaAdmin).post('/api/v1/api-tokens', { name: 'Alpha CRM', role: 'partner_rep' }).expect(201);
      expect(created.body).toMatchObject({ role: 'partner_rep', partnerId: alpha.id, name: 'Alpha CRM' });
      expect(created.body.secret).toMatch(/^lg_/);
      const crm = api(created.body.secret);
      const seen = (await crm.get('/api/v1/leads?pageSize=200').expect(200)).body.items.map((l: { id: string }) => l.id);
      expect(seen).toContain(ofAlpha);
      expect(seen).not.toContain(ofBeta);
      await crm.get(`/api/v1/leads/${ofBeta}`).expect(404);

      const listed = (await api(alphaAdmin).get('/api/v1/api-tokens').expect(200)).body;
      expect(listed.map((token: { partnerId: string }) => token.partnerId)).toEqual(listed.map(() => alpha.id));
      expect(JSON.stringify(listed)).not.toContain(created.body.secret);

      await api(betaAdmin).delete(`/api/v1/api-tokens/${created.body.id}`).expect(404);
      await crm.get('/api/v1/leads').expect(200);
      await api(alphaAdmin).delete(`/api/v1/api-tokens/${created.body.id}`).expect(200);
      await crm.get('/api/v1/leads').expect(401);
    });

    it('refuses a vendor role (400) and another partner (404) to a partner admin', async () => {
      const res = await api(alphaAdmin).post('/api/v1/api-tokens', { name: 'Sneaky', role: 'admin' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'role', problems: [expect.stringMatching(/partner_rep or partner_admin/)] }]);
      await api(alphaAdmin).post('/api/v1/api-tokens', { name: 'Sneaky', role: 'partner_admin', partnerId: beta.id }).expect(404);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM api_tokens WHERE name = 'Sneaky'`);
      expect(count).toBe(0);
    });

    it('keeps reps out of token management', async () => {
      const rep = await makeToken(t, 'partner_rep', alpha.id);
      await api(rep).get('/api/v1/api-tokens').expect(403);
      await api(rep).post('/api/v1/api-tokens', { name: 'x', role: 'partner_rep' }).expect(403);
    });
  });

  describe('GET /api/v1/leads?updatedSince=', () => {
    it('pages through every change once, in a stable order, and then only the leads that changed again', async () => {
      // A partner of its own: no other test's lead of the shared partners can land in this feed.
      const gamma = await makePartner(t.dataSource, { name: 'Gamma Feed' });
      const gammaAdmin = await makeToken(t, 'partner_admin', gamma.id);
      const since = new Date().toISOString();
      const mine = [await leadOf(gamma), await leadOf(gamma), await leadOf(gamma), await leadOf(gamma), await leadOf(gamma)];
      const other = await leadOf(beta);
      const first = await readUntil(gammaAdmin, since, mine, 2);
      expect([...first.ids].sort()).toEqual([...mine].sort());
      expect(first.ids).not.toContain(other);
      expect((await readFeed(gammaAdmin, first.cursor)).ids).toEqual([]);

      await t.dataSource.query(`UPDATE leads SET next_step = 'call back' WHERE id = $1`, [mine[3]]);
      await t.dataSource.query(`UPDATE leads SET next_step = 'call back' WHERE id = $1`, [other]);
      const again = await readUntil(gammaAdmin, first.cursor, [mine[3]]);
      expect(again.ids).toEqual([mine[3]]);
      // An update that changes nothing a CRM sees is no change; the real one after it is.
      await t.dataSource.query(`UPDATE leads SET next_step = next_step WHERE id = $1`, [mine[0]]);
      await t.dataSource.query(`UPDATE leads SET next_step = 'demo' WHERE id = $1`, [mine[1]]);
      expect((await readUntil(gammaAdmin, again.cursor, [mine[1]])).ids).toEqual([mine[1]]);
    });

    it('does not skip a change that commits after a later one was already read', async () => {
      const early = await leadOf(null);
      const late = await leadOf(null);
      const { cursor } = await readUntil(admin, new Date(0).toISOString(), [early, late], 200);
      const slow = new Client({ connectionString: t.config.env.DATABASE_URL });
      await slow.connect();
      try {
        // The slow writer starts first (older transaction), the fast one commits first.
        await slow.query('BEGIN');
        await slow.query(`UPDATE leads SET next_step = 'slow' WHERE id = $1`, [early]);
        await t.dataSource.query(`UPDATE leads SET next_step = 'fast' WHERE id = $1`, [late]);
        const during = await readFeed(admin, cursor);
        // The fast change waits behind the slow writer's horizon rather than moving the cursor past it.
        expect(during.ids).toEqual([]);
        await slow.query('COMMIT');
        const after = await readUntil(admin, during.cursor, [early, late]);
        expect([...after.ids].sort()).toEqual([early, late].sort());
      } finally {
        await slow.end();
      }
    });

    it('misses and repeats no change under concurrent writers while a CRM keeps reading', async () => {
      const leads = await Promise.all(Array.from({ length: 12 }, () => leadOf(alpha)));
      let { cursor } = await readUntil(alphaAdmin, new Date(0).toISOString(), leads, 200);
      const writers = Array.from({ length: 4 }, async (_, w) => {
        const client = new Client({ connectionString: t.config.env.DATABASE_URL });
        await client.connect();
        try {
          for (let round = 0; round < 6; round++) {
            await client.query('BEGIN');
            const lead = leads[(w * 5 + round * 7) % leads.length];
            await client.query(`UPDATE leads SET next_step = $2 WHERE id = $1`, [lead, `w${w} r${round}`]);
            await new Promise((resolve) => setTimeout(resolve, 5 + ((w * 13 + round * 17) % 40)));
            await client.query('COMMIT');
          }
        } finally {
          await client.end();
        }
      });
      const seen: { id: string; nextStep: string }[] = [];
      const read = async () => {
        const res = await api(alphaAdmin).get(`/api/v1/leads?updatedSince=${encodeURIComponent(cursor)}&pageSize=5`).expect(200);
        seen.push(...res.body.items.map((l: { id: string; nextStep: string }) => ({ id: l.id, nextStep: l.nextStep })));
        cursor = res.body.nextCursor;
      };
      let writing = true;
      const done = Promise.all(writers).finally(() => (writing = false));
      while (writing) await read();
      await done;

      // Nothing missed: the last version a CRM sees of each lead is its final state (once older transactions end).
      const final: { id: string; next_step: string | null }[] = await t.dataSource.query(`SELECT id, next_step FROM leads WHERE id = ANY($1::uuid[]) AND next_step IS NOT NULL`, [leads]);
      const caughtUp = () => {
        const lastSeen = new Map(seen.map((s) => [s.id, s.nextStep]));
        return final.every((row) => lastSeen.get(row.id) === row.next_step);
      };
      for (const deadline = Date.now() + 20_000; !caughtUp() && Date.now() < deadline; ) await read();
      const lastSeen = new Map(seen.map((s) => [s.id, s.nextStep]));
      expect(final.map((row) => [row.id, lastSeen.get(row.id)])).toEqual(final.map((row) => [row.id, row.next_step]));
      expect(final.length).toBeGreaterThan(5);
      // Nothing repeated: every version appears once (a lead comes again only with a newer change).
      const versions = seen.map((s) => `${s.id} ${s.nextStep}`);
      expect(new Set(versions).size).toBe(versions.length);
    });

    it('answers 400 for a bad cursor, page, or another filter next to updatedSince', async () => {
      const bad = await api(admin).get('/api/v1/leads?updatedSince=not-a-cursor').expect(400);
      expect(bad.body.errors[0].field).toBe('updatedSince');
      expect((await api(admin).get('/api/v1/leads?updatedSince=2026-01-01T00:00:00Z&status=new').expect(400)).body.errors[0].field).toBe('status');
      expect((await api(admin).get('/api/v1/leads?updatedSince=2026-01-01T00:00:00Z&page=2').expect(400)).body.errors[0].field).toBe('page');
    });
  });

  describe('writing back', () => {
    it('gives a lead an owner from the CRM, and the partner’s webhook hears lead.owner_changed', async () => {
      const received: { type: string; data: Record<string, unknown> }[] = [];
      const server = createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          received.push(JSON.parse(raw));
          res.end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/owners`;
        await api(alphaAdmin).post('/api/v1/webhooks', { url, events: ['lead.owner_changed'] }).expect(201);
        const rep = await t.app.get(UsersService).createUser({ email: 'crm-rep@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: alpha.id, password: 'correct horse battery' });
        const lead = await leadOf(alpha);
        const crm = (await api(alphaAdmin).post('/api/v1/api-tokens', { name: 'Owner sync', role: 'partner_admin' }).expect(201)).body.secret;
        await api(crm).post('/api/v1/leads/owner', { leadIds: [lead], userId: rep.id }).expect(200);
        expect((await api(crm).get(`/api/v1/leads/${lead}`).expect(200)).body.ownerId).toBe(rep.id);
        await t.app.get(WebhookDeliveryService).deliverDue();
        expect(received).toEqual([expect.objectContaining({ type: 'lead.owner_changed', data: expect.objectContaining({ leadId: lead, ownerId: rep.id, previousOwnerId: null }) })]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('Idempotency-Key on every POST', () => {
    const sameJson = (a: unknown, b: unknown): boolean => {
      try {
        expect(a).toEqual(b);
        return true;
      } catch {
        return false;
      }
    };

    it('replays a retried POST of every route that succeeded, and refuses the key for another request', async () => {
      const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const posts = Object.keys(doc.paths).filter((path) => doc.paths[path].post && path.startsWith('/api/v1/'));
      expect(posts.length).toBeGreaterThan(15);
      const lead = await leadOf(alpha);
      // Requests that succeed (accept, activities, feedback: test/idempotency.e2e-spec.ts); the rest are sent empty.
      const examples: Record<string, { token: string; body: object }> = {
        '/api/v1/api-tokens': { token: alphaAdmin, body: { name: 'retry', role: 'partner_rep' } },
        '/api/v1/leads/owner': { token: alphaAdmin, body: { leadIds: [lead], userId: null } },
        '/api/v1/webhooks': { token: alphaAdmin, body: { url: 'https://crm.example.com/hook', events: ['lead.offered'] } },
      };
      const notReplayed: string[] = [];
      let succeeded = 0;
      for (const [n, path] of posts.entries()) {
        const example = examples[path] ?? { token: admin, body: {} };
        const url = path.replace('{id}', lead).replace(/\{\w+\}/g, 'sweep');
        const send = (body: object) => request(t.http).post(url).set('Authorization', `Bearer ${example.token}`).set('Idempotency-Key', `every-post-${n}`).send(body);
        const first = await send(example.body);
        if (first.status >= 300) {
          if (examples[path]) notReplayed.push(`${path}: the example failed with ${first.status}`);
          continue;
        }
        succeeded++;
        const retry = await send(example.body);
        // A secret is shown only in the first answer; it is never stored in clear, so a replay has none.
        const expected = 'secret' in first.body ? { ...first.body, secret: null } : first.body;
        if (retry.status !== first.status || retry.headers['idempotent-replayed'] !== 'true' || !sameJson(retry.body, expected)) notReplayed.push(`${path}: ${retry.status}`);
        const other = await send({ ...example.body, extra: 'another request' });
        if (other.status !== 422) notReplayed.push(`${path}: the key reused for another request answered ${other.status}`);
      }
      expect(notReplayed).toEqual([]);
      const stored = JSON.stringify(await t.dataSource.query(`SELECT * FROM idempotency_keys`));
      expect(stored).not.toMatch(/lg_[\w-]{20,}|whsec_/);
      expect(succeeded).toBeGreaterThanOrEqual(Object.keys(examples).length);
    });
  });
});
