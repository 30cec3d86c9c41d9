// The partner's standing page and API (live score, counted deadlines, what brings it back, history), and each user's time zone.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { ComplianceService, SlaSweepService } from '@leadgate/compliance';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const HOUR = 3_600_000;

describe('standing page and API', () => {
  let t: TestApp;
  let slow: Partner;
  let other: Partner;
  let type: LeadType;
  let rep: { id: string; email: string };
  let repToken: string;
  let cookie: string;
  const overdue = ['Müller GmbH', 'Acme AG', 'Zeta KG'];

  const offer = async (company: string): Promise<string> => {
    const id = await makeLead(t.dataSource, type.id, { company });
    await t.app.get(AllocationService).assignManually(id, slow.id, 'test setup', 'test');
    await request(t.http).post(`/api/v1/leads/${id}/accept`).set('Authorization', `Bearer ${repToken}`).expect(200);
    return id;
  };
  const get = (path: string) => request(t.http).get(path).set('Cookie', cookie);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // Monday 10:00 in Berlin
    slow = await makePartner(t.dataSource, { name: 'Slow Systems', timezone: 'Europe/Berlin' });
    other = await makePartner(t.dataSource, { name: 'Other Systems' });
    type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 2880 });
    const user = await t.app.get(UsersService).createUser({ email: 'rita@slow.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: slow.id, password: PASSWORD });
    rep = { id: user.id, email: user.email };
    repToken = await makeToken(t, 'partner_rep', slow.id);
    cookie = await signIn(t.http, rep.email, PASSWORD);

    // Four accepted leads; one contacted in time, three never: 5 of 8 deadlines met → suspended.
    const quick = await offer('Quick AG');
    await request(t.http).post(`/api/v1/leads/${quick}/activities`).set('Authorization', `Bearer ${repToken}`).send({ type: 'call' }).expect(201);
    for (const company of overdue) await offer(company);
    t.clock.advance(3 * HOUR);
    await t.app.get(SlaSweepService).sweepContactClocks();
    await t.app.get(ComplianceService).recompute([slow.id]);
    // A day later the three breaches are past the grace period.
    t.clock.advance(25 * HOUR);
  });
  afterAll(() => t.close());

  it('gives the live score and what brings the partner back, naming the overdue leads to work', async () => {
    const card = (await request(t.http).get(`/api/v1/partners/${slow.id}/compliance`).set('Authorization', `Bearer ${repToken}`).expect(200)).body;
    expect(card).toMatchObject({ standing: 'suspended', score: 0.625, counts: { clocksDue: 8, clocksMet: 5, openBreachesOlderThanGrace: 3 } });
    // (5 + n) / (8 + n) ≥ 0.9 first at n = 22.
    expect(card.wayBack).toMatchObject({ metClocksNeeded: 22, breachesToResolve: 3 });
    expect(card.wayBack.summary).toMatch(
      /^What brings you back to good standing: 22 more deadlines met in time, without a miss, bring your score to 90%; and work the overdue leads at .+\. New leads resume then\.$/,
    );
    for (const company of overdue) expect(card.wayBack.summary).toContain(`${company} (log the first contact)`);
  });

  it('lists every standing change with its reason and time, newest first and paged; another partner’s is a 404', async () => {
    const admin = { kind: 'user' as const, id: rep.id, name: 'Carla Channel', role: 'admin' as const, partnerId: null, timeZone: 'UTC' };
    await t.app.get(ComplianceService).setOverride(slow.id, { standing: 'warning', reason: 'They promised to catch up', endsAt: '2026-03-20T00:00:00Z' }, admin);
    const api = (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${repToken}`);

    const first = (await api(`/api/v1/partners/${slow.id}/compliance/history?pageSize=1`).expect(200)).body;
    expect(first).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(first.items[0]).toMatchObject({ from: 'suspended', to: 'warning', source: 'override', reason: expect.stringContaining('They promised to catch up'), at: '2026-03-03T13:00:00.000Z' });
    const second = (await api(`/api/v1/partners/${slow.id}/compliance/history?pageSize=1&page=2`).expect(200)).body;
    expect(second.items[0]).toMatchObject({ from: 'good', to: 'suspended', source: 'policy', at: '2026-03-02T12:00:00.000Z' });
    expect(second.items[0].reason).toMatch(/SLAs met/);

    await api(`/api/v1/partners/${other.id}/compliance/history`).expect(404);
    const bad = await api(`/api/v1/partners/${slow.id}/compliance/history?page=0`).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['page']);
  });

  it('shows the page: score, the way back, the counted deadlines (met or missed, paged) and the history, in the viewer’s zone', async () => {
    const page = await get('/standing').expect(200);
    expect(page.text).toContain('Score now: <strong class="score">62.5%</strong>');
    expect(page.text).toContain('<h2>What brings you back</h2>');
    expect(page.text).toContain('Müller GmbH (log the first contact)');
    expect(page.text).toContain('8 deadline(s), newest due first; times in Europe/Berlin');
    expect(page.text).toMatch(/first contact<\/td>\s*<td data-label="Due">yesterday 12:00 CET<\/td>\s*<td data-label="Outcome" class="clock-missed">missed: not done<\/td>/);
    expect(page.text).toContain('2 change(s), newest first; times in Europe/Berlin');
    expect(page.text).toContain('<td data-label="When">2 Mar 2026, 13:00 CET</td><td data-label="Change">good → suspended</td><td data-label="By">compliance check</td>');
    expect(page.text).toContain('<td data-label="By">channel manager override</td>');

    const missed = await get('/standing?outcome=missed').expect(200);
    expect(missed.text).toContain('3 deadline(s), newest due first');
    expect(missed.text).toMatch(/<a href="\/standing\?outcome&#x3D;missed#deadlines" aria-current="page">Missed<\/a>/);
    expect(missed.text).not.toContain('clock-met');
    const met = await get('/standing?outcome=met').expect(200);
    expect(met.text).toContain('5 deadline(s), newest due first');

    const bad = await get('/standing?deadlinesPage=0&outcome=late').expect(400);
    expect(bad.headers['content-type']).toMatch(/text\/html/);
    expect(bad.text).toContain('Show the deadlines met or missed, or leave the filter out for both.');
    expect(bad.text).toContain('The page of deadlines is a whole number from 1.');
  });

  it('lets each user set their own time zone (page and API): pages follow it at once; a zone not on the list is a 400', async () => {
    const zoneApi = () => request(t.http).get('/api/v1/users/me/time-zone').set('Cookie', cookie);
    expect((await zoneApi().expect(200)).body).toEqual({ chosen: null, effective: 'Europe/Berlin' });

    const prefs = await get('/preferences').expect(200);
    expect(prefs.text).toContain('Pages and emails show every time in <strong>Europe/Berlin</strong>');
    const post = (timeZone: string) => request(t.http).post('/preferences/time-zone').set('Cookie', cookie).type('form').send({ timeZone, _csrf: csrfOf(prefs) });
    const refused = await post('Mars/Olympus').expect(400);
    expect(refused.text).toContain('Choose a time zone from the list');
    expect((await zoneApi().expect(200)).body.chosen).toBeNull();

    await post('America/New_York').expect(303).expect('Location', '/preferences?done=time-zone');
    expect((await get('/preferences?done=time-zone').expect(200)).text).toContain('Your time zone is saved.');
    const standing = await get('/standing').expect(200);
    expect(standing.text).toContain('times in America/New_York');
    expect(standing.text).toContain('2 Mar 2026, 07:00 GMT-5');

    const put = (body: object) => request(t.http).put('/api/v1/users/me/time-zone').set('Cookie', cookie).set('X-CSRF-Token', csrfOf(prefs)).send(body);
    const bad = await put({ timeZone: 'EST5EDT-ish' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'timeZone', problems: [expect.stringContaining('Choose a time zone from the list')] }]);
    expect((await put({ timeZone: 'Asia/Tokyo' }).expect(200)).body).toEqual({ chosen: 'Asia/Tokyo', effective: 'Asia/Tokyo' });
    expect((await put({ timeZone: null }).expect(200)).body).toEqual({ chosen: null, effective: 'Europe/Berlin' });
    await request(t.http).get('/api/v1/users/me/time-zone').set('Authorization', `Bearer ${repToken}`).expect(404);
  });
});
