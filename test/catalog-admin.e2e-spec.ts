import request from 'supertest';
import { CampaignsRepository, LeadTypesRepository } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '5f0c6a52-8d4e-4c39-9d0a-2f3b7c1e9a10';

describe('catalog admin API: lead types and campaigns', () => {
  let t: TestApp;
  let admin: string;
  let channelManager: string;
  let intake: string;
  let partnerAdmin: string;
  let partner: Partner;

  const api = () => request(t.http);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const countRows = async (table: string): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const storedLeadType = async (id: string) => (await new LeadTypesRepository(t.dataSource).findById(id))!;
  const storedCampaign = async (id: string) => (await new CampaignsRepository(t.dataSource).findById(id))!;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeToken(t, 'admin');
    channelManager = await makeToken(t, 'channel_manager');
    intake = await makeToken(t, 'intake');
    partner = await makePartner(t.dataSource);
    partnerAdmin = await makeToken(t, 'partner_admin', partner.id);
  });
  afterAll(() => t.close());

  describe('lead types', () => {
    const countTypes = () => countRows('lead_types');
    const validType = (overrides: Record<string, unknown> = {}) => ({
      key: `valid-${Math.floor(Math.random() * 1e9)}`,
      name: 'Valid type',
      definition: 'A buyer asked for something',
      slaAcceptMinutes: 60,
      slaContactMinutes: 240,
      slaFeedbackMinutes: 2400,
      ...overrides,
    });

    it('creates a lead type with defaults for what was left out, and reads it back', async () => {
      const res = await api()
        .post('/api/v1/lead-types')
        .set(auth(admin))
        .send({ key: 'demo-request', name: 'Demo request', definition: 'A buyer asked for a demo', slaAcceptMinutes: 240, slaContactMinutes: 480, slaFeedbackMinutes: 7200 })
        .expect(201);
      expect(res.body).toMatchObject({
        key: 'demo-request',
        name: 'Demo request',
        definition: 'A buyer asked for a demo',
        allowedTiers: ['platinum', 'gold', 'silver', 'registered'],
        slaAcceptMinutes: 240,
        slaContactMinutes: 480,
        slaFeedbackMinutes: 7200,
        slaUpdateCadenceMinutes: null,
        businessTime: true,
        active: true,
      });
      const read = await api().get(`/api/v1/lead-types/${res.body.id}`).set(auth(channelManager)).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('stores tiers without repeats, a cadence and calendar time', async () => {
      const res = await api()
        .post('/api/v1/lead-types')
        .set(auth(admin))
        .send(validType({ key: 'contact-sales', allowedTiers: ['platinum', 'gold', 'platinum'], slaUpdateCadenceMinutes: 10080, businessTime: false, slaFeedbackMinutes: 86400 }))
        .expect(201);
      const stored = await storedLeadType(res.body.id);
      expect(stored).toMatchObject({ allowedTiers: ['platinum', 'gold'], slaUpdateCadenceMinutes: 10080, businessTime: false, slaFeedbackMinutes: 86400 });
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['a key that is not a slug', { key: 'Demo Request' }, 'key'],
      ['a missing key', { key: undefined }, 'key'],
      ['a missing definition', { definition: undefined }, 'definition'],
      ['no allowed tiers', { allowedTiers: [] }, 'allowedTiers'],
      ['an unknown tier', { allowedTiers: ['gold', 'diamond'] }, 'allowedTiers'],
      ['an accept SLA of 0', { slaAcceptMinutes: 0 }, 'slaAcceptMinutes'],
      ['a contact SLA over a year', { slaContactMinutes: 525601 }, 'slaContactMinutes'],
      ['a fractional feedback SLA', { slaFeedbackMinutes: 90.5 }, 'slaFeedbackMinutes'],
      ['a feedback SLA given as text', { slaFeedbackMinutes: '60' }, 'slaFeedbackMinutes'],
      ['a cadence of 0', { slaUpdateCadenceMinutes: 0 }, 'slaUpdateCadenceMinutes'],
      ['businessTime as text', { businessTime: 'yes' }, 'businessTime'],
      ['null for active', { active: null }, 'active'],
      ['an unknown field', { priority: 'high' }, 'priority'],
    ];

    it.each(invalid)('rejects %s with a 400 naming the field and writes nothing', async (_label, overrides, field) => {
      const before = await countTypes();
      const res = await api().post('/api/v1/lead-types').set(auth(admin)).send(validType(overrides)).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
      expect(await countTypes()).toBe(before);
    });

    it('answers 409 for a key that is taken, and writes nothing', async () => {
      const existing = await makeLeadType(t.dataSource);
      const before = await countTypes();
      const res = await api().post('/api/v1/lead-types').set(auth(admin)).send(validType({ key: existing.key })).expect(409);
      expect(res.body.message).toBe(`A lead type with key "${existing.key}" already exists`);
      expect(await countTypes()).toBe(before);
    });

    it('updates only the given fields, and clears the cadence with null', async () => {
      const type = await makeLeadType(t.dataSource, { slaUpdateCadenceMinutes: 1440 });
      const res = await api().patch(`/api/v1/lead-types/${type.id}`).set(auth(admin)).send({ slaAcceptMinutes: 30, active: false, slaUpdateCadenceMinutes: null }).expect(200);
      expect(res.body).toMatchObject({ key: type.key, name: type.name, slaAcceptMinutes: 30, slaContactMinutes: type.slaContactMinutes, active: false, slaUpdateCadenceMinutes: null });
      const stored = await storedLeadType(type.id);
      expect(stored).toMatchObject({ slaAcceptMinutes: 30, active: false, slaUpdateCadenceMinutes: null });
    });

    it('refuses to change the key, or to null a required field, and leaves the row alone', async () => {
      const type = await makeLeadType(t.dataSource);
      const res = await api().patch(`/api/v1/lead-types/${type.id}`).set(auth(admin)).send({ key: 'renamed', slaAcceptMinutes: null, name: 'New name' }).expect(400);
      expect(fieldsOf(res.body).sort()).toEqual(['key', 'slaAcceptMinutes']);
      expect(await storedLeadType(type.id)).toMatchObject({ key: type.key, name: type.name });
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const res = await api().patch(`/api/v1/lead-types/${UNKNOWN_ID}`).set(auth(admin)).send({ name: 'x' }).expect(404);
      expect(res.body.message).toBe('Lead type not found');
      await api().patch('/api/v1/lead-types/42').set(auth(admin)).send({ name: 'x' }).expect(404);
      await api().get('/api/v1/lead-types/42').set(auth(admin)).expect(404);
    });

    it('lists by key with a total, and filters on active', async () => {
      const inactive = await makeLeadType(t.dataSource, { key: 'zz-retired', active: false });
      const all = await api().get('/api/v1/lead-types').query({ pageSize: 200 }).set(auth(admin)).expect(200);
      const keys = all.body.items.map((i: { key: string }) => i.key);
      expect(keys).toEqual([...keys].sort());
      expect(all.body.total).toBe(await countRows('lead_types'));
      const onlyInactive = await api().get('/api/v1/lead-types').query({ active: 'false' }).set(auth(admin)).expect(200);
      expect(onlyInactive.body.items.map((i: { id: string }) => i.id)).toContain(inactive.id);
      expect(onlyInactive.body.items.every((i: { active: boolean }) => !i.active)).toBe(true);
    });

    it('lets an intake token list lead types, to discover keys, but not read one or write', async () => {
      const list = await api().get('/api/v1/lead-types').set(auth(intake)).expect(200);
      expect(list.body.items.map((i: { key: string }) => i.key)).toContain('demo-request');
      const type = await makeLeadType(t.dataSource);
      await api().get(`/api/v1/lead-types/${type.id}`).set(auth(intake)).expect(403);
    });

    it.each([
      ['intake', () => intake],
      ['partner', () => partnerAdmin],
      ['channel manager', () => channelManager],
    ])('answers 403 to a %s token that tries to write, and writes nothing', async (_label, token) => {
      const type = await makeLeadType(t.dataSource);
      const before = await countTypes();
      await api().post('/api/v1/lead-types').set(auth(token())).send(validType()).expect(403);
      await api().patch(`/api/v1/lead-types/${type.id}`).set(auth(token())).send({ name: 'Hijacked' }).expect(403);
      expect(await countTypes()).toBe(before);
      expect((await storedLeadType(type.id)).name).toBe(type.name);
    });

    it('answers 403 to a partner token that tries to read, and 401 without a token', async () => {
      await api().get('/api/v1/lead-types').set(auth(partnerAdmin)).expect(403);
      await api().get('/api/v1/lead-types').expect(401);
      const before = await countTypes();
      await api().post('/api/v1/lead-types').send(validType()).expect(401);
      expect(await countTypes()).toBe(before);
    });
  });

  describe('campaigns', () => {
    const countCampaigns = () => countRows('campaigns');
    const validCampaign = (overrides: Record<string, unknown> = {}) => ({
      key: `valid-${Math.floor(Math.random() * 1e9)}`,
      name: 'Valid campaign',
      channel: 'webinar',
      costMinor: 1000,
      currency: 'EUR',
      ...overrides,
    });

    it('creates a campaign and reads it back', async () => {
      const res = await api()
        .post('/api/v1/campaigns')
        .set(auth(admin))
        .send({ key: 'spring-webinar-2026', name: 'Spring webinar', channel: 'webinar', costMinor: 250000, currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-01' })
        .expect(201);
      expect(res.body).toMatchObject({ key: 'spring-webinar-2026', name: 'Spring webinar', channel: 'webinar', costMinor: 250000, currency: 'USD', startsOn: '2026-03-01', endsOn: '2026-03-01' });
      const read = await api().get(`/api/v1/campaigns/${res.body.id}`).set(auth(channelManager)).expect(200);
      expect(read.body).toEqual(res.body);
      const stored = await storedCampaign(res.body.id);
      expect(stored.costMinor).toBe(250000);
    });

    it('leaves the dates empty when not given', async () => {
      const res = await api().post('/api/v1/campaigns').set(auth(admin)).send(validCampaign({ costMinor: 0 })).expect(201);
      expect(res.body).toMatchObject({ costMinor: 0, startsOn: null, endsOn: null });
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ['a key that is not a slug', { key: 'Spring_Webinar' }, 'key'],
      ['a missing name', { name: undefined }, 'name'],
      ['a missing channel', { channel: undefined }, 'channel'],
      ['a negative cost', { costMinor: -1 }, 'costMinor'],
      ['a cost with cents as a fraction', { costMinor: 12.5 }, 'costMinor'],
      ['a lower-case currency', { currency: 'eur' }, 'currency'],
      ['a currency that does not exist', { currency: 'XYZ' }, 'currency'],
      ['a start that is not a date', { startsOn: '2026-13-01' }, 'startsOn'],
      ['an end given as a timestamp', { endsOn: '2026-03-01T00:00:00Z' }, 'endsOn'],
      ['an end before the start', { startsOn: '2026-03-02', endsOn: '2026-03-01' }, 'endsOn'],
      ['an unknown field', { budget: 5 }, 'budget'],
    ];

    it.each(invalid)('rejects %s with a 400 naming the field and writes nothing', async (_label, overrides, field) => {
      const before = await countCampaigns();
      const res = await api().post('/api/v1/campaigns').set(auth(admin)).send(validCampaign(overrides)).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
      expect(await countCampaigns()).toBe(before);
    });

    it('answers 409 for a key that is taken, and writes nothing', async () => {
      const existing = await makeCampaign(t.dataSource);
      const before = await countCampaigns();
      const res = await api().post('/api/v1/campaigns').set(auth(admin)).send(validCampaign({ key: existing.key })).expect(409);
      expect(res.body.message).toBe(`A campaign with key "${existing.key}" already exists`);
      expect(await countCampaigns()).toBe(before);
    });

    it('updates only the given fields', async () => {
      const campaign = await makeCampaign(t.dataSource, { startsOn: '2026-01-01' });
      const res = await api().patch(`/api/v1/campaigns/${campaign.id}`).set(auth(admin)).send({ costMinor: 999, endsOn: '2026-06-30' }).expect(200);
      expect(res.body).toMatchObject({ key: campaign.key, name: campaign.name, costMinor: 999, currency: 'EUR', startsOn: '2026-01-01', endsOn: '2026-06-30' });
    });

    it('checks an end date given alone against the stored start, naming endsOn', async () => {
      const campaign = await makeCampaign(t.dataSource, { startsOn: '2026-04-01', costMinor: 500 });
      const res = await api().patch(`/api/v1/campaigns/${campaign.id}`).set(auth(admin)).send({ endsOn: '2026-03-31', costMinor: 1 }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'endsOn', problems: ['endsOn must be on or after startsOn (2026-04-01)'] }]);
      expect(await storedCampaign(campaign.id)).toMatchObject({ endsOn: null, costMinor: 500 });
    });

    it('refuses to change the key, and answers 404 for unknown or malformed ids', async () => {
      const campaign = await makeCampaign(t.dataSource);
      const res = await api().patch(`/api/v1/campaigns/${campaign.id}`).set(auth(admin)).send({ key: 'other-key' }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['key']);
      const missing = await api().patch(`/api/v1/campaigns/${UNKNOWN_ID}`).set(auth(admin)).send({ name: 'x' }).expect(404);
      expect(missing.body.message).toBe('Campaign not found');
      await api().patch('/api/v1/campaigns/nope').set(auth(admin)).send({ name: 'x' }).expect(404);
      await api().get(`/api/v1/campaigns/${UNKNOWN_ID}`).set(auth(admin)).expect(404);
    });

    it('lists campaigns by key and filters by channel', async () => {
      await makeCampaign(t.dataSource, { key: 'event-b', channel: 'trade-show' });
      await makeCampaign(t.dataSource, { key: 'event-a', channel: 'trade-show' });
      const res = await api().get('/api/v1/campaigns').query({ channel: 'trade-show' }).set(auth(channelManager)).expect(200);
      expect(res.body.items.map((c: { key: string }) => c.key)).toEqual(['event-a', 'event-b']);
      expect(res.body.total).toBe(2);
    });

    it('lets an intake token list campaigns but not write', async () => {
      await api().get('/api/v1/campaigns').set(auth(intake)).expect(200);
      const before = await countCampaigns();
      await api().post('/api/v1/campaigns').set(auth(intake)).send(validCampaign()).expect(403);
      expect(await countCampaigns()).toBe(before);
    });

    it.each([
      ['partner', () => partnerAdmin],
      ['channel manager', () => channelManager],
    ])('answers 403 to a %s token that tries to write, and writes nothing', async (_label, token) => {
      const campaign = await makeCampaign(t.dataSource);
      const before = await countCampaigns();
      await api().post('/api/v1/campaigns').set(auth(token())).send(validCampaign()).expect(403);
      await api().patch(`/api/v1/campaigns/${campaign.id}`).set(auth(token())).send({ costMinor: 1 }).expect(403);
      expect(await countCampaigns()).toBe(before);
      expect((await storedCampaign(campaign.id)).costMinor).toBe(campaign.costMinor);
    });

    it('answers 401 without a token', async () => {
      await api().get('/api/v1/campaigns').expect(401);
      await api().post('/api/v1/campaigns').send(validCampaign()).expect(401);
    });
  });
});
