import request from 'supertest';
import { Partner, PartnersRepository } from '@leadgate/partners';
import { User, UsersService } from '@leadgate/users';
import { makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '5f0c6a52-8d4e-4c39-9d0a-2f3b7c1e9a10';

describe('partners admin API', () => {
  let t: TestApp;
  let admin: string;
  let channelManager: string;
  let intake: string;
  let ownPartner: Partner;
  let otherPartner: Partner;
  let partnerRep: string;
  let channelManagerUser: User;
  let adminUser: User;

  const api = () => request(t.http);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const countPartners = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM partners`))[0].n;
  const storedPartner = async (id: string): Promise<Partner> => (await new PartnersRepository(t.dataSource).findOne({ id }))!;
  const valid = (overrides: Record<string, unknown> = {}) => ({ name: `Valid ${Math.random()}`, tier: 'gold', capacity: 10, timezone: 'Europe/Berlin', ...overrides });
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeToken(t, 'admin');
    channelManager = await makeToken(t, 'channel_manager');
    intake = await makeToken(t, 'intake');
    ownPartner = await makePartner(t.dataSource, { name: 'Own Partner' });
    otherPartner = await makePartner(t.dataSource, { name: 'Other Partner' });
    partnerRep = await makeToken(t, 'partner_rep', ownPartner.id);
    const users = t.app.get(UsersService);
    channelManagerUser = await users.createUser({ email: 'cm@vendor.example', displayName: 'Chris Manager', role: 'channel_manager' });
    adminUser = await users.createUser({ email: 'admin@vendor.example', displayName: 'Ada Admin', role: 'admin' });
  });
  afterAll(() => t.close());

  describe('create and read', () => {
    it('creates a partner with the column defaults for what was left out, and reads it back', async () => {
      const res = await api()
        .post('/api/v1/partners')
        .set(auth(admin))
        .send({ name: 'Northwind Systems', tier: 'platinum', capacity: 25, timezone: 'America/New_York' })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Northwind Systems',
        tier: 'platinum',
        capacity: 25,
        timezone: 'America/New_York',
        territories: [],
        specialties: [],
        weight: 1,
        holidayCalendarId: null,
        active: true,
        standing: 'good',
        openLeads: 0,
        channelManagerId: null,
        contactEmail: null,
      });
      expect(res.body.businessHours).toHaveLength(5);
      expect(res.body.businessHours[0]).toEqual({ day: 1, start: '09:00', end: '17:00' });

      const read = await api().get(`/api/v1/partners/${res.body.id}`).set(auth(channelManager)).expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('stores territories and specialties without repeats, the calendar, and a channel manager', async () => {
      const res = await api()
        .post('/api/v1/partners')
        .set(auth(admin))
        .send({
          name: 'Alpine Tech',
          tier: 'silver',
          capacity: 0,
          weight: 1000,
          timezone: 'Europe/Vienna',
          territories: ['AT', 'DE-80', 'AT'],
          specialties: ['networking', 'cloud-security', 'networking'],
          businessHours: [
            { day: 1, start: '08:00', end: '12:00' },
            { day: 1, start: '13:00', end: '17:30' },
          ],
          contactEmail: 'leads@alpine.example',
          channelManagerId: channelManagerUser.id,
        })
        .expect(201);
      const stored = await storedPartner(res.body.id);
      expect(stored.territories).toEqual(['AT', 'DE-80']);
      expect(stored.specialties).toEqual(['networking', 'cloud-security']);
      expect(stored.businessHours).toEqual([
        { day: 1, start: '08:00', end: '12:00' },
        { day: 1, start: '13:00', end: '17:30' },
      ]);
      expect(stored.channelManagerId).toBe(channelManagerUser.id);
      expect(stored.weight).toBe(1000);
      expect(res.body.contactEmail).toBe('leads@alpine.example');
    });
  });

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing name', { name: undefined }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['an unknown tier', { tier: 'diamond' }, 'tier'],
      ['a lower-case territory', { territories: ['de'] }, 'territories'],
      ['a territory with two postal parts', { territories: ['DE-80-1'] }, 'territories'],
      ['a specialty that is not a slug', { specialties: ['Cloud Security'] }, 'specialties'],
      ['a negative capacity', { capacity: -1 }, 'capacity'],
      ['a fractional capacity', { capacity: 1.5 }, 'capacity'],
      ['a weight of 0', { weight: 0 }, 'weight'],
      ['a weight over 1000', { weight: 1001 }, 'weight'],
      ['a made-up time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['a business day of 8', { businessHours: [{ day: 8, start: '09:00', end: '17:00' }] }, 'businessHours.0.day'],
      ['a start that is not HH:mm', { businessHours: [{ day: 1, start: '9:00', end: '17:00' }] }, 'businessHours.0.start'],
      ['an end before the start', { businessHours: [{ day: 1, start: '09:00', end: '17:00' }, { day: 2, start: '17:00', end: '09:00' }] }, 'businessHours.1.end'],
      ['an end equal to the start', { businessHours: [{ day: 1, start: '09:00', end: '09:00' }] }, 'businessHours.0.end'],
      ['a business-hours window that is not an object', { businessHours: ['mon 9-5'] }, 'businessHours.0'],
      ['no business hours without aroundTheClock', { businessHours: [] }, 'businessHours'],
      ['business hours under an hour a week', { businessHours: [{ day: 1, start: '09:00', end: '09:30' }, { day: 1, start: '09:15', end: '09:59' }] }, 'businessHours'],
      ['aroundTheClock that is not a boolean', { aroundTheClock: 'yes' }, 'aroundTheClock'],
      ['a holiday calendar id that is not a uuid', { holidayCalendarId: 'DE' }, 'holidayCalendarId'],
      ['an unknown holiday calendar', { holidayCalendarId: '00000000-0000-4000-8000-000000000001' }, 'holidayCalendarId'],
      ['a bad contact email', { contactEmail: 'leads-at-acme' }, 'contactEmail'],
      ['a channel manager id that is not a uuid', { channelManagerId: 'chris' }, 'channelManagerId'],
      ['an unknown field', { colour: 'blue' }, 'colour'],
      ['an unknown field inside business hours', { businessHours: [{ day: 1, start: '09:00', end: '17:00', lunch: true }] }, 'businessHours.0.lunch'],
      ['null for a field that has no null', { weight: null }, 'weight'],
    ];

    it.each(cases)('rejects %s with a 400 naming the field and writes nothing', async (_label, overrides, field) => {
      const before = await countPartners();
      const res = await api().post('/api/v1/partners').set(auth(admin)).send(valid(overrides)).expect(400);
      expect(res.body.statusCode).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
      expect(await countPartners()).toBe(before);
    });

    it('rejects a channel manager id that belongs to no user, naming the field', async () => {
      const before = await countPartners();
      const res = await api().post('/api/v1/partners').set(auth(admin)).send(valid({ channelManagerId: UNKNOWN_ID })).expect(400);
      expect(res.body.errors).toEqual([{ field: 'channelManagerId', problems: [expect.stringMatching(/channel_manager/)] }]);
      expect(await countPartners()).toBe(before);
    });

    it('rejects a channel manager id of a user who is not a channel manager', async () => {
      const res = await api().post('/api/v1/partners').set(auth(admin)).send(valid({ channelManagerId: adminUser.id })).expect(400);
      expect(fieldsOf(res.body)).toEqual(['channelManagerId']);
    });

    it('answers 409 with a clear message for a name that is taken, and writes nothing', async () => {
      const before = await countPartners();
      const res = await api().post('/api/v1/partners').set(auth(admin)).send(valid({ name: 'Own Partner' })).expect(409);
      expect(res.body.message).toBe('A partner named "Own Partner" already exists; choose another name');
      expect(await countPartners()).toBe(before);
    });
  });

  describe('update', () => {
    it('changes only the given fields', async () => {
      const partner = await makePartner(t.dataSource, { territories: ['FR'], capacity: 5, contactEmail: 'old@p.example' });
      const res = await api()
        .patch(`/api/v1/partners/${partner.id}`)
        .set(auth(admin))
        .send({ capacity: 7, territories: ['FR', 'BE-10'], channelManagerId: channelManagerUser.id })
        .expect(200);
      expect(res.body).toMatchObject({ capacity: 7, territories: ['FR', 'BE-10'], channelManagerId: channelManagerUser.id, name: partner.name, tier: partner.tier, contactEmail: 'old@p.example' });
      const stored = await storedPartner(partner.id);
      expect(stored.capacity).toBe(7);
      expect(stored.timezone).toBe(partner.timezone);
    });

    it('deactivates a partner with active=false, and clears nullable fields with null', async () => {
      const partner = await makePartner(t.dataSource, { contactEmail: 'someone@p.example' });
      const res = await api().patch(`/api/v1/partners/${partner.id}`).set(auth(admin)).send({ active: false, contactEmail: null }).expect(200);
      expect(res.body.active).toBe(false);
      expect(res.body.contactEmail).toBeNull();
      expect((await storedPartner(partner.id)).active).toBe(false);
    });

    it('rejects null for a required field and an invalid value, leaving the row as it was', async () => {
      const partner = await makePartner(t.dataSource, { capacity: 3 });
      const res = await api().patch(`/api/v1/partners/${partner.id}`).set(auth(admin)).send({ name: null, capacity: -5, timezone: 'Nowhere/City' }).expect(400);
      expect(fieldsOf(res.body).sort()).toEqual(['capacity', 'name', 'timezone']);
      const stored = await storedPartner(partner.id);
      expect(stored).toMatchObject({ name: partner.name, capacity: 3, timezone: partner.timezone });
    });

    it('rejects an unknown channel manager on update without changing anything', async () => {
      const partner = await makePartner(t.dataSource, { capacity: 3 });
      const res = await api().patch(`/api/v1/partners/${partner.id}`).set(auth(admin)).send({ capacity: 9, channelManagerId: UNKNOWN_ID }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['channelManagerId']);
      expect((await storedPartner(partner.id)).capacity).toBe(3);
    });

    it('answers 409 when renaming to a name that is taken', async () => {
      const partner = await makePartner(t.dataSource);
      const res = await api().patch(`/api/v1/partners/${partner.id}`).set(auth(admin)).send({ name: 'Other Partner' }).expect(409);
      expect(res.body.message).toMatch(/"Other Partner" already exists/);
      expect((await storedPartner(partner.id)).name).toBe(partner.name);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const res = await api().patch(`/api/v1/partners/${UNKNOWN_ID}`).set(auth(admin)).send({ capacity: 1 }).expect(404);
      expect(res.body.message).toBe('Partner not found');
      await api().patch('/api/v1/partners/not-a-uuid').set(auth(admin)).send({ capacity: 1 }).expect(404);
      await api().get('/api/v1/partners/not-a-uuid').set(auth(admin)).expect(404);
      await api().get(`/api/v1/partners/${UNKNOWN_ID}`).set(auth(admin)).expect(404);
    });

    it('offers no DELETE', async () => {
      await api().delete(`/api/v1/partners/${ownPartner.id}`).set(auth(admin)).expect(404);
      expect((await new PartnersRepository(t.dataSource).findOne({ id: ownPartner.id })) !== null).toBe(true);
    });
  });

  describe('list', () => {
    beforeAll(async () => {
      await makePartner(t.dataSource, { name: 'Listed Zeta', tier: 'gold', territories: ['DE'], standing: 'warning' });
      await makePartner(t.dataSource, { name: 'Listed Alpha', tier: 'silver', territories: ['DE-80', 'AT'] });
      await makePartner(t.dataSource, { name: 'Listed Mu', tier: 'gold', territories: ['FR'], active: false });
      await makePartner(t.dataSource, { name: 'Listed 100%_done', tier: 'registered', territories: ['NL'] });
    });
    const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);

    it('searches names case-insensitively and sorts by name', async () => {
      const res = await api().get('/api/v1/partners').query({ q: 'listed' }).set(auth(channelManager)).expect(200);
      expect(names(res.body)).toEqual(['Listed 100%_done', 'Listed Alpha', 'Listed Mu', 'Listed Zeta']);
      expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 50 });
      const desc = await api().get('/api/v1/partners').query({ q: 'listed', sort: '-name' }).set(auth(admin)).expect(200);
      expect(names(desc.body)).toEqual(['Listed Zeta', 'Listed Mu', 'Listed Alpha', 'Listed 100%_done']);
    });

    it('treats % and _ in the search as plain characters', async () => {
      const res = await api().get('/api/v1/partners').query({ q: '100%_' }).set(auth(admin)).expect(200);
      expect(names(res.body)).toEqual(['Listed 100%_done']);
    });

    it('filters by tier, standing and active', async () => {
      const gold = await api().get('/api/v1/partners').query({ q: 'listed', tier: 'gold' }).set(auth(admin)).expect(200);
      expect(names(gold.body)).toEqual(['Listed Mu', 'Listed Zeta']);
      const warning = await api().get('/api/v1/partners').query({ q: 'listed', standing: 'warning' }).set(auth(admin)).expect(200);
      expect(names(warning.body)).toEqual(['Listed Zeta']);
      const inactive = await api().get('/api/v1/partners').query({ q: 'listed', active: 'false' }).set(auth(admin)).expect(200);
      expect(names(inactive.body)).toEqual(['Listed Mu']);
      const active = await api().get('/api/v1/partners').query({ q: 'listed', active: 'true' }).set(auth(admin)).expect(200);
      expect(names(active.body)).toEqual(['Listed 100%_done', 'Listed Alpha', 'Listed Zeta']);
    });

    it('filters by overlapping territory: a country finds its postal areas and a postal area finds its country', async () => {
      const country = await api().get('/api/v1/partners').query({ q: 'listed', territory: 'DE' }).set(auth(admin)).expect(200);
      expect(names(country.body)).toEqual(['Listed Alpha', 'Listed Zeta']);
      const postal = await api().get('/api/v1/partners').query({ q: 'listed', territory: 'DE-81' }).set(auth(admin)).expect(200);
      expect(names(postal.body)).toEqual(['Listed Zeta']);
    });

    it('pages with a total', async () => {
      const res = await api().get('/api/v1/partners').query({ q: 'listed', page: 2, pageSize: 3 }).set(auth(admin)).expect(200);
      expect(res.body).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(names(res.body)).toEqual(['Listed Zeta']);
    });

    it('rejects bad filters with a 400 naming them', async () => {
      const res = await api().get('/api/v1/partners').query({ tier: 'diamond', active: 'yes', sort: 'capacity', territory: 'germany', pageSize: 0 }).set(auth(admin)).expect(400);
      expect(fieldsOf(res.body).sort()).toEqual(['active', 'pageSize', 'sort', 'territory', 'tier']);
    });
  });

  describe('access', () => {
    it('answers 401 without a token', async () => {
      await api().get('/api/v1/partners').expect(401);
      await api().get(`/api/v1/partners/${ownPartner.id}`).expect(401);
      const before = await countPartners();
      await api().post('/api/v1/partners').send(valid()).expect(401);
      await api().patch(`/api/v1/partners/${ownPartner.id}`).send({ capacity: 1 }).expect(401);
      expect(await countPartners()).toBe(before);
    });

    it.each([
      ['intake', () => intake],
      ['partner', () => partnerRep],
      ['channel manager', () => channelManager],
    ])('answers 403 to a %s token that tries to write, and writes nothing', async (_label, token) => {
      const before = await countPartners();
      await api().post('/api/v1/partners').set(auth(token())).send(valid()).expect(403);
      await api().patch(`/api/v1/partners/${ownPartner.id}`).set(auth(token())).send({ capacity: 999 }).expect(403);
      expect(await countPartners()).toBe(before);
      expect((await storedPartner(ownPartner.id)).capacity).toBe(ownPartner.capacity);
    });

    it('answers 403 to an intake token that tries to read partners', async () => {
      await api().get('/api/v1/partners').set(auth(intake)).expect(403);
    });

    it('lets a partner token read its own partner and nothing else', async () => {
      const own = await api().get(`/api/v1/partners/${ownPartner.id}`).set(auth(partnerRep)).expect(200);
      expect(own.body.name).toBe('Own Partner');
      const other = await api().get(`/api/v1/partners/${otherPartner.id}`).set(auth(partnerRep)).expect(404);
      expect(other.body.message).toBe('Partner not found');
      const list = await api().get('/api/v1/partners').set(auth(partnerRep)).expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([ownPartner.id]);
      expect(list.body.total).toBe(1);
    });
  });
});
