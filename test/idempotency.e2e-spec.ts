// Idempotency-Key on every API POST: per caller, bound to the request, a retry gets the first answer again.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const HOUR_MS = 3_600_000;

describe('Idempotency-Key', () => {
  let t: TestApp;
  let leadType: LeadType;
  let partner: Partner;
  let rep: string;
  let sequence = 0;

  const buyer = () => ({ email: `buyer${++sequence}@example.com`, company: `Buyer ${sequence} GmbH`, country: 'DE', leadType: leadType.key });
  const post = (path: string, token: string, key: string | null, body: object = {}) => {
    const req = request(t.http).post(path).set('Authorization', `Bearer ${token}`);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const count = async (sql: string, params: unknown[]): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  const offeredLead = async (): Promise<string> => {
    const leadId = await makeLead(t.dataSource, leadType.id);
    await t.app.get(AllocationService).assignManually(leadId, partner.id, 'test setup', 'test');
    return leadId;
  };

  beforeAll(async () => {
    t = await createTestApp();
    leadType = await makeLeadType(t.dataSource, { key: 'demo', name: 'Demo request' });
    partner = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'] });
    await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'] });
    rep = await makeToken(t, 'partner_rep', partner.id);
  });
  afterAll(() => t.close());

  describe('intake', () => {
    it('answers the same key with another buyer with 422, never with the first buyer', async () => {
      const intake = await makeToken(t, 'intake');
      const first = buyer();
      await post('/api/v1/leads', intake, 'order-1', first).expect(201);
      const res = await post('/api/v1/leads', intake, 'order-1', buyer()).expect(422);
      expect(res.body.message).toBe(
        'This Idempotency-Key was already used for a different request (another method, path or body). Use a new key for a new request.',
      );
      expect(JSON.stringify(res.body)).not.toContain(first.email);
      expect(JSON.stringify(res.body)).not.toContain(first.company);
    });

    it('keeps each token its own keys: another token with the same key gets its own lead', async () => {
      const [tokenA, tokenB] = [await makeToken(t, 'intake'), await makeToken(t, 'intake')];
      const [buyerA, buyerB] = [buyer(), buyer()];
      const a = await post('/api/v1/leads', tokenA, 'shared-key', buyerA).expect(201);
      const b = await post('/api/v1/leads', tokenB, 'shared-key', buyerB).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.email).toBe(buyerB.email);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      // Each token's retry replays its own lead.
      expect((await post('/api/v1/leads', tokenA, 'shared-key', buyerA).expect(201)).body.id).toBe(a.body.id);
      expect((await post('/api/v1/leads', tokenB, 'shared-key', buyerB).expect(201)).body.id).toBe(b.body.id);
    });

    it('treats the same body in another key order as the same request', async () => {
      const intake = await makeToken(t, 'intake');
      const body = buyer();
      const first = await post('/api/v1/leads', intake, 'reordered', body).expect(201);
      const reversed = Object.fromEntries(Object.entries(body).reverse());
      const again = await post('/api/v1/leads', intake, 'reordered', reversed).expect(201).expect('Idempotent-Replayed', 'true');
      expect(again.body).toEqual(first.body);
    });

    it('forgets the answer after IDEMPOTENCY_KEY_TTL_HOURS, but a lead keeps its key: never for another buyer', async () => {
      const intake = await makeToken(t, 'intake');
      const first = buyer();
      const created = await post('/api/v1/leads', intake, 'yearly', first).expect(201);
      t.clock.advance(t.config.env.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS + 1);
      const again = await post('/api/v1/leads', intake, 'yearly', first).expect(200);
      expect(again.body).toMatchObject({ id: created.body.id, idempotentReplay: true });
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      t.clock.advance(t.config.env.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS + 1);
      const other = await post('/api/v1/leads', intake, 'yearly', buyer()).expect(400);
      expect(other.body.errors).toEqual([{ field: 'Idempotency-Key', problems: ['Idempotency-Key was already used for another buyer or lead type; use a new key'] }]);
      expect(JSON.stringify(other.body)).not.toContain(first.email);
    });
  });

  describe('partner actions', () => {
    it('replays accept, activities, feedback and decline to a client that retries after losing the answer', async () => {
      const leadId = await offeredLead();
      const steps: [string, object, number][] = [
        ['accept', {}, 200],
        ['activities', { type: 'call', notes: 'Reached the buyer' }, 201],
        ['feedback', { verdict: 'qualified' }, 200],
      ];
      for (const [action, body, status] of steps) {
        const path = `/api/v1/leads/${leadId}/${action}`;
        const first = await post(path, rep, `${leadId}-${action}`, body).expect(status);
        const retry = await post(path, rep, `${leadId}-${action}`, body).expect(status).expect('Idempotent-Replayed', 'true');
        expect(retry.body).toEqual(first.body);
      }
      expect(await count(`lead_events WHERE lead_id = $1 AND kind = 'activity'`, [leadId])).toBe(1);
      // Without a key, the retry is a second action, refused.
      await post(`/api/v1/leads/${leadId}/accept`, rep, null).expect(409);

      const declined = await offeredLead();
      const first = await post(`/api/v1/leads/${declined}/decline`, rep, 'decline-1', { reasonCode: 'no_capacity' }).expect(200);
      const retry = await post(`/api/v1/leads/${declined}/decline`, rep, 'decline-1', { reasonCode: 'no_capacity' }).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await count(`lead_events WHERE lead_id = $1 AND kind = 'declined'`, [declined])).toBe(1);
    });

    it('binds the key to the path: the same key on another lead is a 422', async () => {
      const [one, two] = [await offeredLead(), await offeredLead()];
      await post(`/api/v1/leads/${one}/accept`, rep, 'accept-once').expect(200);
      await post(`/api/v1/leads/${two}/accept`, rep, 'accept-once').expect(422);
      const [{ status }] = await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [two]);
      expect(status).toBe('offered');
    });

    it('lets a refused request leave its key free, so the corrected retry runs', async () => {
      const leadId = await offeredLead();
      await post(`/api/v1/leads/${leadId}/accept`, rep, null).expect(200);
      await post(`/api/v1/leads/${leadId}/activities`, rep, 'fix-and-retry', { type: 'carrier pigeon' }).expect(400);
      await post(`/api/v1/leads/${leadId}/activities`, rep, 'fix-and-retry', { type: 'call' }).expect(201);
    });

    it('answers a blank key with 400 naming the header', async () => {
      const leadId = await offeredLead();
      const res = await post(`/api/v1/leads/${leadId}/accept`, rep, ' ').expect(400);
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', problems: ['Idempotency-Key must not be blank when given'] }]);
    });
  });
});
