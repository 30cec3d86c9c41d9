// A channel manager sees and acts on its own partners only, on every API route and page: another
// manager's partner, its leads, breaches and figures are a 404, as if they did not exist.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { ReportRollupService } from '@leadgate/reporting';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

describe('channel manager scope', () => {
  let t: TestApp;
  let cookie: string;
  let csrf: string;
  let mine: Partner;
  let theirs: Partner;
  let leadOfMine: string;
  let leadOfTheirs: string;
  let unallocated: string;

  const as = (method: Method, path: string) => {
    const req = request(t.http)[method](path).set('Cookie', cookie);
    return method === 'get' ? req : req.set('X-CSRF-Token', csrf);
  };
  const snapshot = async () => ({
    overrides: (await t.dataSource.query(`SELECT count(*)::int AS n FROM standing_overrides WHERE partner_id = $1`, [theirs.id]))[0].n,
    pauses: (await t.dataSource.query(`SELECT count(*)::int AS n FROM partner_pauses WHERE partner_id = $1`, [theirs.id]))[0].n,
    partner: (await t.dataSource.query(`SELECT name, active, standing, capacity FROM partners WHERE id = $1`, [theirs.id]))[0],
    lead: (await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadOfTheirs]))[0],
    decisions: (await t.dataSource.query(`SELECT count(*)::int AS n FROM allocation_decisions`))[0].n,
  });

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cm@vendor.example', displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    const other = await users.createUser({ email: 'other-cm@vendor.example', displayName: 'Otto', role: 'channel_manager', password: PASSWORD });
    mine = await makePartner(t.dataSource, { name: 'Mine GmbH', channelManagerId: cm.id, territories: ['AT'] });
    theirs = await makePartner(t.dataSource, { name: 'Theirs AG', channelManagerId: other.id, territories: ['AT'] });
    const type = await makeLeadType(t.dataSource);
    const allocation = t.app.get(AllocationService);
    const createdAt = new Date('2026-03-02T08:00:00Z');
    leadOfMine = await makeLead(t.dataSource, type.id, { createdAt });
    await allocation.assignManually(leadOfMine, mine.id, 'setup', 'test');
    leadOfTheirs = await makeLead(t.dataSource, type.id, { createdAt });
    await allocation.assignManually(leadOfTheirs, theirs.id, 'setup', 'test');
    // Nobody covers Germany: the lead waits in the shared unallocated queue.
    unallocated = await makeLead(t.dataSource, type.id, { createdAt });
    await allocation.allocate(unallocated);
    await t.app.get(ReportRollupService).run();
    cookie = await signIn(t.http, 'cm@vendor.example', PASSWORD);
    csrf = csrfOf(await request(t.http).get('/partners').set('Cookie', cookie).expect(200));
  });
  afterAll(() => t.close());

  /** A body each route would accept from a manager of the partner, so only the scope can refuse it. */
  const bodyFor = (method: Method, path: string): object => {
    if (path.endsWith('/pauses')) return { from: '2026-03-10T00:00:00Z', until: '2026-03-12T00:00:00Z', reason: 'Not yours to pause' };
    if (path.endsWith('/overrides')) return { standing: 'suspended', reason: 'Not yours to suspend', endsAt: '2026-04-01T00:00:00Z' };
    if (path.endsWith('/assign') || path.endsWith('/reassign')) return { partnerId: mine.id, reason: 'Taking it over' };
    if (path.endsWith('/decline')) return { reasonCode: 'no_capacity' };
    if (path.endsWith('/activities')) return { type: 'call' };
    if (path.endsWith('/feedback')) return { verdict: 'qualified' };
    if (path.endsWith('/users') && method === 'post') return { email: 'spy@example.com', displayName: 'Spy', role: 'partner_admin' };
    if (method === 'patch') return { capacity: 1 };
    return {};
  };

  it('walks every API route about one partner or one lead: another manager’s is never answered, and nothing changes', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method as Method, path })));
    const scoped = routes.filter((r) => /^\/api\/v1\/(partners|leads)\/\{id\}/.test(r.path));
    // The walk covers the routes known today; a new one is walked without anyone listing it here.
    expect(scoped.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/partners/{id}', 'PATCH /api/v1/partners/{id}', 'GET /api/v1/partners/{id}/compliance', 'POST /api/v1/partners/{id}/overrides',
        'GET /api/v1/partners/{id}/users', 'GET /api/v1/leads/{id}', 'GET /api/v1/leads/{id}/allocation', 'POST /api/v1/leads/{id}/assign',
        'POST /api/v1/leads/{id}/accept', 'POST /api/v1/leads/{id}/decline',
        'GET /api/v1/partners/{id}/pauses', 'POST /api/v1/partners/{id}/pauses', 'DELETE /api/v1/partners/{id}/pauses/{pauseId}',
      ]),
    );
    const before = await snapshot();
    const answered: string[] = [];
    for (const { method, path } of scoped) {
      const id = path.startsWith('/api/v1/partners/') ? theirs.id : leadOfTheirs;
      const url = path.replace('{id}', id).replace('{userId}', '5f0c6a52-8d4e-4c39-9d0a-2f3b7c1e9a10').replace('{pauseId}', '5f0c6a52-8d4e-4c39-9d0a-2f3b7c1e9a11');
      const res = await as(method, url).send(bodyFor(method, path));
      // 404 where the role may use the route; 403 where it may not use it at all.
      if (![403, 404].includes(res.status)) answered.push(`${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
      expect(JSON.stringify(res.body)).not.toContain('Theirs AG');
    }
    expect(answered).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers the same routes for its own partner and lead', async () => {
    await as('get', `/api/v1/partners/${mine.id}`).expect(200);
    await as('get', `/api/v1/partners/${mine.id}/compliance`).expect(200);
    await as('get', `/api/v1/leads/${leadOfMine}`).expect(200);
    await as('get', `/api/v1/leads/${leadOfMine}/allocation`).expect(200);
    await as('get', `/api/v1/leads/${unallocated}`).expect(200);
    await as('post', `/api/v1/partners/${mine.id}/overrides`).send(bodyFor('post', '/overrides')).expect(201);
  });

  it('cannot assign a lead to another manager’s partner, nor take an offered lead away from one', async () => {
    const toTheirs = await as('post', `/api/v1/leads/${unallocated}/assign`).send({ partnerId: theirs.id, reason: 'try' }).expect(400);
    expect(toTheirs.body.errors).toEqual([{ field: 'partnerId', problems: ['no such partner'] }]);
    await as('post', `/api/v1/leads/${leadOfTheirs}/assign`).send({ partnerId: mine.id, reason: 'mine now' }).expect(404);
    const [lead] = await t.dataSource.query(`SELECT current_partner_id FROM leads WHERE id = $1`, [leadOfTheirs]);
    expect(lead.current_partner_id).toBe(theirs.id);
  });

  it('lists only its own partners and their leads (and the shared unallocated queue), and reports their figures only', async () => {
    const partners = await as('get', '/api/v1/partners').expect(200);
    expect(partners.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const leads = await as('get', '/api/v1/leads').expect(200);
    expect(leads.body.items.map((l: { id: string }) => l.id).sort()).toEqual([leadOfMine, unallocated].sort());
    const filtered = await as('get', `/api/v1/leads?partnerId=${theirs.id}`).expect(200);
    expect(filtered.body.items).toEqual([]);

    for (const report of ['outcomes', 'sla', 'quality']) {
      await as('get', `/api/v1/reports/${report}?partnerId=${theirs.id}`).expect(404);
      const byPartner = await as('get', `/api/v1/reports/${report}?from=2026-03-01&to=2026-03-31&groupBy=partner`).expect(200);
      expect(JSON.stringify(byPartner.body)).not.toContain(theirs.id);
    }
    const byPartner = await as('get', '/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&groupBy=partner').expect(200);
    expect(byPartner.body.rows.map((r: { groupId: string }) => r.groupId)).toEqual([mine.id]);
    // Three leads arrived in March: only the one its partner holds is in its figures.
    const outcomes = await as('get', '/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31').expect(200);
    expect(outcomes.body.rows).toEqual([expect.objectContaining({ leads: 1 })]);
  });

  it('answers the dashboard filtered to another manager’s partner with the not-found page, and offers only its own partners', async () => {
    await as('get', `/dashboard?partnerId=${theirs.id}`).expect(404);
    const page = await as('get', `/dashboard?partnerId=${mine.id}`).expect(200);
    expect(page.text).not.toContain(theirs.id);
  });

  it('answers another manager’s lead page with the not-found page, and cannot take it through the queue form', async () => {
    await as('get', `/manage/leads/${leadOfTheirs}`).expect(404);
    await as('get', `/manage/leads/${leadOfMine}`).expect(200);
    const res = await request(t.http)
      .post('/queue/assign')
      .set('Cookie', cookie)
      .type('form')
      .send({ leadIds: leadOfTheirs, partnerId: mine.id, reason: 'mine now', _csrf: csrf });
    expect(res.status).toBe(404);
    const moved = await request(t.http)
      .post(`/manage/leads/${leadOfTheirs}/move`)
      .set('Cookie', cookie)
      .type('form')
      .send({ partnerId: 'allocation', reason: 'mine now', _csrf: csrf });
    expect(moved.status).toBe(404);
    const [lead] = await t.dataSource.query(`SELECT current_partner_id FROM leads WHERE id = $1`, [leadOfTheirs]);
    expect(lead.current_partner_id).toBe(theirs.id);
  });
});
