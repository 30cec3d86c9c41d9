// The pause page (issue 13, item 8): the partner admin plans its own partner's pauses, a channel manager those of
// the partners it manages; plain-word problems on the form, an end before the start a 400 on the form, nothing
// saved; a planned pause called off, a running one ended; another manager's partner a 404.
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

describe('pause page', () => {
  let t: TestApp;
  let partnerId: string;
  let otherId: string;
  let admin: string;
  let rep: string;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday; the partner is in Berlin (CET)
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cm@vendor.example', displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    const otherCm = await users.createUser({ email: 'other@vendor.example', displayName: 'Otto', role: 'channel_manager', password: PASSWORD });
    partnerId = (await makePartner(t.dataSource, { name: 'Nordic IT', channelManagerId: cm.id, timezone: 'Europe/Berlin' })).id;
    otherId = (await makePartner(t.dataSource, { name: 'Theirs AG', channelManagerId: otherCm.id })).id;
    await users.createUser({ email: 'ada@nordic.example', displayName: 'Ada', role: 'partner_admin', partnerId, password: PASSWORD });
    await users.createUser({ email: 'rob@nordic.example', displayName: 'Rob', role: 'partner_rep', partnerId, password: PASSWORD });
    [admin, rep, manager] = [
      await signIn(t.http, 'ada@nordic.example', PASSWORD),
      await signIn(t.http, 'rob@nordic.example', PASSWORD),
      await signIn(t.http, 'cm@vendor.example', PASSWORD),
    ];
  });
  afterAll(() => t.close());

  const get = (cookie: string, path: string) => request(t.http).get(path).set('Cookie', cookie);
  /** Posts the form of `page` as a browser would, with the page's CSRF token. */
  const submit = async (cookie: string, page: string, action: string, fields: Record<string, string> = {}) => {
    const csrf = csrfOf(await get(cookie, page).expect(200));
    return request(t.http).post(action).set('Cookie', cookie).type('form').send({ ...fields, _csrf: csrf });
  };
  const stored = (id: string) =>
    t.dataSource.query(`SELECT starts_at, ends_at, reason, ended_at FROM partner_pauses WHERE partner_id = $1 ORDER BY starts_at`, [id]);

  it('lets the partner admin plan a pause in its own time zone, says held clocks keep running, and call the pause off', async () => {
    const page = await get(admin, '/pauses').expect(200);
    expect(page.text).toContain('The deadlines of leads already accepted keep running during a pause.');
    expect(page.text).toContain('No pauses yet.');
    expect(page.text).toContain('<a href="/pauses">Pauses</a>');

    const saved = await submit(admin, '/pauses', '/pauses', { from: '2026-03-10T09:00', until: '2026-03-13T18:00', reason: 'Trade fair week' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/pauses?done=created');
    expect(await stored(partnerId)).toEqual([
      { starts_at: new Date('2026-03-10T08:00:00Z'), ends_at: new Date('2026-03-13T17:00:00Z'), reason: 'Trade fair week', ended_at: null },
    ]);
    const listed = await get(admin, '/pauses?done=created').expect(200);
    expect(listed.text).toContain('The pause is saved.');
    expect(listed.text).toMatch(/<td data-label="From">10 March 2026, 09:00 CET<\/td>\s*<td data-label="Until">13 March 2026, 18:00 CET<\/td>/);
    expect(listed.text).toContain('<td data-label="State">planned</td>');

    const [{ id }] = await t.dataSource.query(`SELECT id FROM partner_pauses WHERE partner_id = $1`, [partnerId]);
    expect(listed.text).toContain(`action="/pauses/${id}/end"`);
    const ended = await submit(admin, '/pauses', `/pauses/${id}/end`);
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/pauses?done=ended');
    expect((await get(admin, '/pauses').expect(200)).text).toContain('<td data-label="State">called off</td>');
  });

  it('answers bad input on the form with each field’s problem in plain words, a 400 and nothing saved', async () => {
    const before = await stored(partnerId);
    const backwards = await submit(admin, '/pauses', '/pauses', { from: '2026-03-20T09:00', until: '2026-03-19T09:00', reason: 'Holiday' });
    expect(backwards.status).toBe(400);
    expect(backwards.type).toBe('text/html');
    expect(backwards.text).toContain('<p class="field-error" id="pause-until-error">The end must come after the start.</p>');
    expect(backwards.text).toContain('value="2026-03-20T09:00"'); // what was typed stays

    const empty = await submit(admin, '/pauses', '/pauses', { from: 'soon' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter the day and time the pause begins, or leave it empty to begin now.');
    expect(empty.text).toContain('Enter the day and time the pause ends.');
    expect(empty.text).toContain('Say why you pause');

    const tooLong = await submit(admin, '/pauses', '/pauses', { from: '2026-03-20T09:00', until: '2026-06-20T09:00', reason: 'Summer' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('A pause may last at most 60 days.');
    expect(await stored(partnerId)).toEqual(before);
  });

  it('keeps a rep to reading the pauses on the standing page, not planning them', async () => {
    const res = await get(rep, '/pauses');
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
  });

  it('lets the channel manager pause a managed partner from now, see it on the partner page, and end it; another manager’s partner is a 404', async () => {
    const partnerPage = await get(manager, `/partners/${partnerId}`).expect(200);
    expect(partnerPage.text).toContain(`href="/partners/${partnerId}/pauses"`);

    const path = `/partners/${partnerId}/pauses`;
    const saved = await submit(manager, path, path, { until: '2026-03-04T18:00', reason: 'Office move' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${path}?done=created`);
    const page = await get(manager, path).expect(200);
    expect(page.text).toContain('Paused until 4 March 2026, 18:00 CET: no new leads are offered until then.');
    expect(page.text).toContain('End this pause now');
    expect((await get(manager, `/partners/${partnerId}`).expect(200)).text).toContain('Office move');

    const [running] = await t.dataSource.query(`SELECT id FROM partner_pauses WHERE partner_id = $1 AND reason = 'Office move'`, [partnerId]);
    t.clock.advance(60 * 60_000);
    expect((await submit(manager, path, `${path}/${running.id}/end`)).status).toBe(303);
    expect((await t.dataSource.query(`SELECT ended_at FROM partner_pauses WHERE id = $1`, [running.id]))[0].ended_at).toEqual(new Date('2026-03-02T10:00:00Z'));

    const theirs = `/partners/${otherId}/pauses`;
    expect((await get(manager, theirs)).status).toBe(404);
    const csrf = csrfOf(await get(manager, path).expect(200));
    const attempt = await request(t.http).post(theirs).set('Cookie', manager).type('form').send({ until: '2026-03-04T18:00', reason: 'Not mine', _csrf: csrf });
    expect(attempt.status).toBe(404);
    expect(attempt.type).toBe('text/html');
    expect(attempt.text).not.toContain('Theirs AG');
    expect(await stored(otherId)).toEqual([]);
  });
});
