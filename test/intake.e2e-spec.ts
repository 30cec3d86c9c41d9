import request from 'supertest';
import { Campaign, LeadType } from '@leadgate/catalog';
import { makeCampaign, makeLeadType, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('lead intake', () => {
  let t: TestApp;
  let leadType: LeadType;
  let otherType: LeadType;
  let campaign: Campaign;
  let intakeToken: string;
  let emailCounter = 0;

  const uniqueEmail = () => `buyer${++emailCounter}@example.com`;
  const leadBody = (overrides: Record<string, unknown> = {}) => ({
    email: uniqueEmail(),
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Example GmbH',
    country: 'de',
    postalCode: '80331',
    productInterest: 'networking',
    leadType: leadType.key,
    campaign: campaign.key,
    score: 72,
    externalId: 'MKTO-1',
    ...overrides,
  });
  const post = (body: unknown, idempotencyKey?: string) => {
    const req = request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${intakeToken}`);
    return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send(body as object);
  };
  const postBulk = (leads: unknown[], idempotencyKey?: string) => {
    const req = request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${intakeToken}`);
    return (idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req).send({ leads });
  };
  const leadCount = async (where = 'TRUE', params: unknown[] = []) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM leads WHERE ${where}`, params))[0].n);
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await createTestApp();
    leadType = await makeLeadType(t.dataSource, { key: 'demo-request', name: 'Demo request' });
    otherType = await makeLeadType(t.dataSource, { key: 'contact-sales', name: 'Contact sales' });
    campaign = await makeCampaign(t.dataSource, { key: 'spring-webinar', name: 'Spring webinar' });
    intakeToken = await makeToken(t, 'intake');
  });
  afterAll(() => t.close());

  it('creates a lead with 201, stores it with the clock time and writes a "created" timeline event', async () => {
    const body = leadBody();
    const res = await post(body).expect(201);

    expect(res.body).toMatchObject({
      email: body.email,
      company: 'Example GmbH',
      country: 'DE',
      leadTypeId: leadType.id,
      campaignId: campaign.id,
      score: 72,
      duplicate: false,
      idempotentReplay: false,
    });
    const [row] = await t.dataSource.query(`SELECT * FROM leads WHERE id = $1`, [res.body.id]);
    expect(row).toMatchObject({ email: body.email, email_normalized: body.email, country: 'DE', lead_type_id: leadType.id, external_id: 'MKTO-1' });
    expect(new Date(row.created_at).toISOString()).toBe(t.clock.now().toISOString());

    const events = await t.dataSource.query(`SELECT kind, actor, summary, at FROM lead_events WHERE lead_id = $1 ORDER BY id`, [res.body.id]);
    expect(events[0]).toMatchObject({ kind: 'created', actor: expect.stringMatching(/^token:/) });
    expect(events[0].summary).toMatch(/^Lead received from API token "intake token \d+" as "Demo request" via campaign "Spring webinar"$/);
  });

  it('creates a lead without a campaign', async () => {
    const res = await post(leadBody({ campaign: undefined })).expect(201);
    expect(res.body.campaignId).toBeNull();
  });

  describe('rejects bad input with 400 naming the field and saves nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing email', { email: undefined }, 'email'],
      ['a malformed email', { email: 'jane-at-example.com' }, 'email'],
      ['an unknown country', { country: 'XX' }, 'country'],
      ['a three-letter country', { country: 'DEU' }, 'country'],
      ['a score above 100', { score: 101 }, 'score'],
      ['a negative score', { score: -1 }, 'score'],
      ['an unknown field', { favouriteColour: 'red' }, 'favouriteColour'],
      ['a missing company', { company: undefined }, 'company'],
      ['a missing lead type', { leadType: undefined }, 'leadType'],
      ['an unknown lead type', { leadType: 'no-such-type' }, 'leadType'],
      ['an unknown campaign', { campaign: 'no-such-campaign' }, 'campaign'],
      ['a NUL character, which PostgreSQL cannot store', { company: 'Acme\u0000 GmbH' }, 'company'],
      ['a NUL character in a lead type key', { leadType: 'demo\u0000' }, 'leadType'],
    ];
    it.each(cases)('%s', async (_name, overrides, field) => {
      const before = await leadCount();
      const res = await post(leadBody(overrides)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
      expect(fieldsOf(res.body)).toContain(field);
      expect(await leadCount()).toBe(before);
    });

    it('an inactive lead type', async () => {
      const retired = await makeLeadType(t.dataSource, { active: false });
      const before = await leadCount();
      const res = await post(leadBody({ leadType: retired.key })).expect(400);
      expect(res.body.errors).toEqual([{ field: 'leadType', problems: [expect.stringMatching(/inactive/)] }]);
      expect(await leadCount()).toBe(before);
    });

    it('the registered-deal lead type, which only approved deal registrations create', async () => {
      const before = await leadCount();
      const res = await post(leadBody({ leadType: 'registered-deal' })).expect(400);
      expect(res.body.errors).toEqual([{ field: 'leadType', problems: [expect.stringMatching(/approved deal registrations/)] }]);
      expect(await leadCount()).toBe(before);
    });

    it('an Idempotency-Key longer than 200 characters', async () => {
      const before = await leadCount();
      const res = await post(leadBody(), 'k'.repeat(201)).expect(400);
      expect(fieldsOf(res.body)).toEqual(['Idempotency-Key']);
      expect(await leadCount()).toBe(before);
    });
  });

  it('turns 20 concurrent identical requests with one Idempotency-Key into exactly one lead, each answered as the first', async () => {
    const body = leadBody();
    const key = `retry-${body.email}`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(body, key)));

    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await leadCount('email_normalized = $1', [body.email])).toBe(1);
  });

  it('refuses the same Idempotency-Key with another body with 422 and stores nothing for it', async () => {
    const key = `replay-${Date.now()}`;
    const first = await post(leadBody(), key).expect(201);
    const other = leadBody();
    const again = await post(other, key).expect(422);
    expect(again.body.message).toMatch(/Idempotency-Key was already used for a different request/);
    expect(await leadCount('email_normalized = $1', [other.email])).toBe(0);
    expect(await leadCount('id = $1', [first.body.id])).toBe(1);
  });

  it('gives concurrent requests that share an Idempotency-Key but name different buyers one lead and 422 for the rest', async () => {
    const key = `shared-${Date.now()}`;
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(leadBody(), key)));

    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(422)]);
    expect(await leadCount(`idempotency_key LIKE '%:' || $1`, [key])).toBe(1);
  });

  describe('duplicate window', () => {
    it('returns the first lead with 200 for the same email in another case and the same lead type', async () => {
      const first = await post(leadBody({ email: 'Sam.Smith@Example.com' })).expect(201);
      t.clock.advance(3 * DAY_MS);
      const second = await post(leadBody({ email: 'sam.smith@EXAMPLE.COM', firstName: 'Samuel' })).expect(200);

      expect(second.body).toMatchObject({ id: first.body.id, duplicate: true, idempotentReplay: false, firstName: 'Jane' });
      expect(await leadCount('email_normalized = $1', ['sam.smith@example.com'])).toBe(1);
    });

    it('creates a new lead once the first is older than DUPLICATE_WINDOW_DAYS', async () => {
      const first = await post(leadBody({ email: 'late@example.com' })).expect(201);
      t.clock.advance((t.config.env.DUPLICATE_WINDOW_DAYS * DAY_MS) + 60_000);
      const second = await post(leadBody({ email: 'late@example.com' })).expect(201);

      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.duplicate).toBe(false);
      expect(await leadCount('email_normalized = $1', ['late@example.com'])).toBe(2);
    });

    it('treats the same email for a different lead type as a new lead', async () => {
      const first = await post(leadBody({ email: 'two-needs@example.com' })).expect(201);
      const second = await post(leadBody({ email: 'two-needs@example.com', leadType: otherType.key })).expect(201);

      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.leadTypeId).toBe(otherType.id);
    });

    it('lets exactly one of concurrent same-buyer requests without a key create the lead', async () => {
      const body = leadBody({ email: 'eager@example.com' });
      const responses = await Promise.all(Array.from({ length: 10 }, () => post(body)));

      expect(responses.map((r) => r.status).sort()).toEqual([...Array(9).fill(200), 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(responses.filter((r) => r.body.duplicate)).toHaveLength(9);
      expect(await leadCount('email_normalized = $1', ['eager@example.com'])).toBe(1);
    });
  });

  describe('bulk', () => {
    it('saves the good leads and reports each bad one with its field problems', async () => {
      const good1 = leadBody();
      const good2 = leadBody({ campaign: undefined });
      const before = await leadCount();

      const res = await postBulk([
        good1,
        leadBody({ email: 'nope' }),
        good2,
        leadBody({ leadType: 'no-such-type', score: 500 }),
        leadBody({ leadType: 'no-such-type' }),
        { ...good1, email: good1.email.toUpperCase() },
        'not an object',
        leadBody({ company: 'Acme\u0000 GmbH' }),
      ]).expect(200);

      expect(res.body).toMatchObject({ created: 2, duplicates: 1, rejected: 5 });
      const results = res.body.results as { index: number; outcome: string; leadId?: string; errors?: { field: string }[] }[];
      expect(results.map((r) => [r.index, r.outcome])).toEqual([
        [0, 'created'], [1, 'rejected'], [2, 'created'], [3, 'rejected'], [4, 'rejected'], [5, 'duplicate'], [6, 'rejected'], [7, 'rejected'],
      ]);
      expect(fieldsOf(results[1])).toEqual(['email']);
      expect(fieldsOf(results[3])).toEqual(['score']);
      expect(fieldsOf(results[4])).toEqual(['leadType']);
      expect(fieldsOf(results[6])).toEqual(['lead']);
      expect(fieldsOf(results[7])).toEqual(['company']);
      expect(results[5].leadId).toBe(results[0].leadId);

      expect(await leadCount()).toBe(before + 2);
      expect(await leadCount('id = ANY($1)', [[results[0].leadId, results[2].leadId]])).toBe(2);
    });

    it('replays a whole batch resent with the same Idempotency-Key', async () => {
      const leads = [leadBody(), leadBody()];
      const first = await postBulk(leads, 'batch-7').expect(200);
      const before = await leadCount();
      const again = await postBulk(leads, 'batch-7').expect(200).expect('Idempotent-Replayed', 'true');

      expect(first.body.created).toBe(2);
      expect(again.body).toEqual(first.body);
      expect(await leadCount()).toBe(before);
    });

    it('takes a full batch of 1000 leads, larger than a default 100kb JSON body', async () => {
      const before = await leadCount();
      const leads = Array.from({ length: 1000 }, () => leadBody({ notes: 'Asked for a demo. '.repeat(10) }));
      expect(JSON.stringify({ leads }).length).toBeGreaterThan(200_000);

      const res = await postBulk(leads).expect(200);
      expect(res.body).toMatchObject({ created: 1000, duplicates: 0, rejected: 0 });
      expect(await leadCount()).toBe(before + 1000);
    });

    it('refuses more than 1000 leads with 400 naming "leads" and saves nothing', async () => {
      const before = await leadCount();
      const res = await postBulk(Array.from({ length: 1001 }, () => leadBody())).expect(400);
      expect(fieldsOf(res.body)).toEqual(['leads']);
      expect(await leadCount()).toBe(before);
    });

    it('refuses an empty batch and a body without "leads"', async () => {
      expect(fieldsOf((await postBulk([]).expect(400)).body)).toEqual(['leads']);
      const res = await request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${intakeToken}`).send(leadBody()).expect(400);
      expect(fieldsOf(res.body)).toContain('leads');
    });
  });

  describe('access', () => {
    it('answers 401 without a token', async () => {
      await request(t.http).post('/api/v1/leads').send(leadBody()).expect(401);
      await request(t.http).post('/api/v1/leads/bulk').send({ leads: [leadBody()] }).expect(401);
    });

    it('answers 403 to a partner token and saves nothing', async () => {
      const { makePartner } = await import('./support/builders');
      const partner = await makePartner(t.dataSource);
      const rep = await makeToken(t, 'partner_rep', partner.id);
      const before = await leadCount();
      await request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${rep}`).send(leadBody()).expect(403);
      await request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${rep}`).send({ leads: [leadBody()] }).expect(403);
      expect(await leadCount()).toBe(before);
    });

    it('lets an admin token send a lead', async () => {
      const admin = await makeToken(t, 'admin');
      await request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${admin}`).send(leadBody()).expect(201);
    });
  });
});
