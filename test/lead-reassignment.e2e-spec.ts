// The vendor's lead API: search with the console's filters, and moving a lead a partner holds to another partner
// or back to allocation — history kept, clocks restarted, the previous holder told, refusals named, scope enforced.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const NOW = '2026-03-02T09:00:00Z';

describe('vendor lead search and reassignment', () => {
  let t: TestApp;
  let cm: { cookie: string; csrf: string };
  let admin: { cookie: string; csrf: string };
  let otherCmId: string;
  let cmId: string;
  let typeId: string;
  let sequence = 0;

  const session = async (role: 'channel_manager' | 'admin', name: string) => {
    const email = `reassign-${++sequence}@vendor.example`;
    const user = await t.app.get(UsersService).createUser({ email, displayName: name, role, password: PASSWORD });
    const cookie = await signIn(t.http, email, PASSWORD);
    return { id: user.id, cookie, csrf: csrfOf(await request(t.http).get('/manage/leads').set('Cookie', cookie).expect(200)) };
  };
  const post = (who: { cookie: string; csrf: string }, path: string, body: object) =>
    request(t.http).post(path).set('Cookie', who.cookie).set('X-CSRF-Token', who.csrf).send(body);
  const get = (who: { cookie: string }, path: string) => request(t.http).get(path).set('Cookie', who.cookie);
  const managed = (overrides: Partial<Partner> = {}) => makePartner(t.dataSource, { channelManagerId: cmId, territories: ['AT'], ...overrides });
  const leadRow = async (id: string) => (await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [id]))[0];
  const assignmentsOf = async (id: string) =>
    t.dataSource.query(`SELECT partner_id, status, offered_at, end_reason_text FROM assignments WHERE lead_id = $1 ORDER BY offered_at, ended_at NULLS LAST`, [id]);
  const openLeads = async (partnerId: string) => (await t.dataSource.query(`SELECT open_leads FROM partners WHERE id = $1`, [partnerId]))[0].open_leads;
  const offeredTo = async (partner: Partner, overrides: Parameters<typeof makeLead>[2] = {}) => {
    const id = await makeLead(t.dataSource, typeId, { country: 'AT', postalCode: '1010', ...overrides });
    await t.app.get(AllocationService).assignManually(id, partner.id, 'test setup', 'test');
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    typeId = (await makeLeadType(t.dataSource)).id;
    const manager = await session('channel_manager', 'Cara Channel');
    cmId = manager.id;
    cm = manager;
    otherCmId = (await session('channel_manager', 'Otto Other')).id;
    admin = await session('admin', 'Ada Admin');
  });
  afterAll(() => t.close());

  it('searches and filters over the API in the channel manager’s scope: her partners’ leads and the unallocated ones', async () => {
    const mine = await managed({ name: 'Search Mine GmbH' });
    const theirs = await makePartner(t.dataSource, { name: 'Search Theirs AG', channelManagerId: otherCmId, territories: ['AT'] });
    const held = await offeredTo(mine, { company: 'Zebrafish Hold AG', email: 'anna@zebrafish.example' });
    const hidden = await offeredTo(theirs, { company: 'Zebrafish Hidden AG' });
    const waiting = await makeLead(t.dataSource, typeId, { company: 'Zebrafish Waiting AG', status: 'unallocated', country: 'CH' });

    const ids = async (query: string, who = cm) => (await get(who, `/api/v1/leads?${query}`).expect(200)).body.items.map((l: { id: string }) => l.id).sort();
    expect(await ids('q=zebrafish')).toEqual([held, waiting].sort());
    expect(await ids('q=ANNA@zebrafish')).toEqual([held]);
    expect(await ids('q=zebrafish&country=ch')).toEqual([waiting]);
    expect(await ids('q=zebrafish&status=offered')).toEqual([held]);
    expect(await ids(`q=zebrafish&partnerId=${theirs.id}`)).toEqual([]);
    expect(await ids('q=zebrafish', admin)).toEqual([held, hidden, waiting].sort());
    const bad = await get(cm, '/api/v1/leads?status=lost-in-space&createdFrom=yesterday').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['createdFrom', 'status']);
  });

  it('moves an offered lead to another partner: the old offer ends as reassigned, new clocks start, the old holder is emailed and the webhook written', async () => {
    const from = await managed({ name: 'Move From GmbH' });
    const to = await managed({ name: 'Move To GmbH' });
    await t.dataSource.query(
      `INSERT INTO webhook_endpoints (url, events, created_by, created_at) VALUES ('https://crm.example.com/hook', ARRAY['lead.reassigned'], 'test', now())`,
    );
    await t.app.get(UsersService).createUser({ email: 'rep@move-from.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: from.id, password: PASSWORD });
    const leadId = await offeredTo(from);
    t.clock.advance(60 * 60_000);

    const res = await post(cm, `/api/v1/leads/${leadId}/reassign`, { partnerId: to.id, reason: 'The buyer asked for a local partner' }).expect(200);
    expect(res.body).toMatchObject({ kind: 'offered', partnerId: to.id });
    expect(await leadRow(leadId)).toEqual({ status: 'offered', current_partner_id: to.id });
    const history = await assignmentsOf(leadId);
    expect(history.map((a: { partner_id: string; status: string }) => [a.partner_id, a.status])).toEqual([[from.id, 'reassigned'], [to.id, 'offered']]);
    expect(history[0].end_reason_text).toBe('The buyer asked for a local partner');
    expect(new Date(history[1].offered_at).toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(await openLeads(from.id)).toBe(0);
    expect(await openLeads(to.id)).toBe(1);

    const timeline = (await get(cm, `/api/v1/leads/${leadId}`).expect(200)).body.timeline.map((e: { kind: string; summary: string }) => `${e.kind}: ${e.summary}`);
    expect(timeline).toContain('reassigned: Taken back from Move From GmbH by Cara Channel: The buyer asked for a local partner');
    expect(timeline).toContain('offered: Offered to Move To GmbH');
    const [decision] = await t.dataSource.query(`SELECT mode, summary FROM allocation_decisions WHERE lead_id = $1 ORDER BY decided_at DESC LIMIT 1`, [leadId]);
    expect(decision).toEqual({ mode: 'manual', summary: 'Assigned to Move To GmbH by Cara Channel: The buyer asked for a local partner' });

    const emails = await t.dataSource.query(`SELECT to_address, subject, text FROM outbound_emails WHERE template = 'lead-reassigned'`);
    expect(emails.map((e: { to_address: string }) => e.to_address)).toContain('rep@move-from.example');
    expect(emails[0].subject).toMatch(/^Lead moved: /);
    expect(emails[0].text).toContain('Reason given: The buyer asked for a local partner');
    // The partner no longer holds the lead: the link goes to the leads that left it, which it can open.
    expect(emails[0].text).toMatch(/https?:\/\/[^\s]+\/leads\/history/);
    const [event] = await t.dataSource.query(`SELECT type, partner_id FROM webhook_events WHERE type = 'lead.reassigned' AND lead_id = $1`, [leadId]);
    expect(event).toEqual({ type: 'lead.reassigned', partner_id: from.id });
  });

  it('returns an accepted lead to allocation: the policy picks again without the partner that had it', async () => {
    const holder = await managed({ name: 'Accepted Holder GmbH' });
    const holderToken = await makeToken(t, 'partner_admin', holder.id);
    const leadId = await offeredTo(holder);
    await request(t.http).post(`/api/v1/leads/${leadId}/accept`).set('Authorization', `Bearer ${holderToken}`).expect(200);
    // Only now does another partner cover Austria: the policy must choose it, not the holder.
    const next = await managed({ name: 'Next In Line GmbH' });
    await t.dataSource.query(`UPDATE partners SET territories = '{XX}' WHERE territories = '{AT}' AND id NOT IN ($1, $2)`, [holder.id, next.id]);

    const res = await post(cm, `/api/v1/leads/${leadId}/reassign`, { toAllocation: true, reason: 'No contact after two calls from the buyer' }).expect(200);
    expect(res.body).toMatchObject({ kind: 'offered', partnerId: next.id });
    expect((await assignmentsOf(leadId)).map((a: { status: string }) => a.status)).toEqual(['reassigned', 'offered']);
    expect(await openLeads(holder.id)).toBe(0);
    // The holder no longer sees it as its own.
    await request(t.http).get(`/api/v1/leads/${leadId}`).set('Authorization', `Bearer ${holderToken}`).expect(404);
  });

  it('refuses a suspended, inactive or previously declining partner, naming why; an admin may force the first and last', async () => {
    // Luxembourg: only this test's partners cover it, so the decline's reallocation can only pick the holder.
    const holder = await managed({ name: 'Refusal Holder GmbH', territories: ['LU'] });
    const suspended = await managed({ name: 'Sleepy GmbH', standing: 'suspended', territories: ['LU'] });
    const inactive = await managed({ name: 'Closed Down GmbH', active: false, territories: ['LU'] });
    const decliner = await managed({ name: 'Too Busy GmbH', territories: ['LU'] });
    const leadId = await offeredTo(decliner, { country: 'LU', postalCode: '1009' });
    const declinerToken = await makeToken(t, 'partner_rep', decliner.id);
    await request(t.http).post(`/api/v1/leads/${leadId}/decline`).set('Authorization', `Bearer ${declinerToken}`).send({ reasonCode: 'no_capacity' }).expect(200);
    const before = await assignmentsOf(leadId);

    const refusal = async (partnerId: string) => (await post(cm, `/api/v1/leads/${leadId}/reassign`, { partnerId, reason: 'Trying them' }).expect(409)).body.message;
    expect(await refusal(suspended.id)).toBe('Sleepy GmbH is suspended; choose another partner, or override its standing first.');
    expect(await refusal(inactive.id)).toBe('Closed Down GmbH is inactive; reactivate it first.');
    expect(await refusal(decliner.id)).toBe('Too Busy GmbH declined this lead: no capacity; choose another partner.');
    // A channel manager may not force; bad input names each field.
    const notAdmin = await post(cm, `/api/v1/leads/${leadId}/reassign`, { partnerId: decliner.id, reason: 'Trying them', force: true }).expect(400);
    expect(notAdmin.body.errors).toEqual([{ field: 'force', problems: ['Only an admin may force a reassignment'] }]);
    const both = await post(cm, `/api/v1/leads/${leadId}/reassign`, { partnerId: decliner.id, toAllocation: true }).expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['partnerId', 'reason']);
    expect(await assignmentsOf(leadId)).toEqual(before);
    expect(await leadRow(leadId)).toEqual({ status: 'offered', current_partner_id: holder.id });

    t.clock.advance(60_000);
    const forced = await post(admin, `/api/v1/leads/${leadId}/reassign`, { partnerId: decliner.id, reason: 'They have room again, agreed by phone', force: true }).expect(200);
    expect(forced.body).toMatchObject({ kind: 'offered', partnerId: decliner.id });
    const [decision] = await t.dataSource.query(`SELECT reason FROM allocation_decisions WHERE lead_id = $1 ORDER BY decided_at DESC, id LIMIT 1`, [leadId]);
    expect(decision.reason).toBe('They have room again, agreed by phone (forced although Too Busy GmbH declined this lead: no capacity)');
    await post(admin, `/api/v1/leads/${leadId}/reassign`, { partnerId: inactive.id, reason: 'Forcing the impossible', force: true }).expect(409);
  });

  it('moves only leads a partner holds, and only within the manager’s partners: another manager’s lead is a 404', async () => {
    const mine = await managed({ name: 'Scope Mine GmbH' });
    const theirs = await makePartner(t.dataSource, { name: 'Scope Theirs AG', channelManagerId: otherCmId, territories: ['AT'] });
    const theirLead = await offeredTo(theirs);
    const myLead = await offeredTo(mine);
    const waiting = await makeLead(t.dataSource, typeId, { status: 'unallocated' });

    await post(cm, `/api/v1/leads/${theirLead}/reassign`, { partnerId: mine.id, reason: 'Mine now' }).expect(404);
    await post(cm, `/api/v1/leads/${theirLead}/reassign`, { toAllocation: true, reason: 'Mine now' }).expect(404);
    const toTheirs = await post(cm, `/api/v1/leads/${myLead}/reassign`, { partnerId: theirs.id, reason: 'Theirs now' }).expect(400);
    expect(toTheirs.body.errors).toEqual([{ field: 'partnerId', problems: ['no such partner'] }]);
    const notHeld = await post(cm, `/api/v1/leads/${waiting}/reassign`, { partnerId: mine.id, reason: 'Nobody has it' }).expect(409);
    expect(notHeld.body.message).toBe('A lead that is unallocated cannot be moved; only offered or accepted leads can. Assign it from the unallocated queue instead.');
    expect(await leadRow(theirLead)).toEqual({ status: 'offered', current_partner_id: theirs.id });
    expect(await leadRow(myLead)).toEqual({ status: 'offered', current_partner_id: mine.id });
  });
});
