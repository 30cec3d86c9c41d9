// Deal registration over the API: bad input, the conflict check (table-driven), review, exclusivity in
// allocation, the window's reminder and expiry on a moved clock, and isolation between partners and managers.
import request from 'supertest';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { csrfOf, signIn } from './support/browser-session';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60 * 1000;

describe('deal registration', () => {
  let t: TestApp;
  let alpha: Partner;
  let beta: Partner;
  let foreign: Partner;
  let alphaRep: string;
  let betaRep: string;
  let foreignRep: string;
  let admin: string;
  let intake: string;
  let cmCookie: string;
  let cmCsrf: string;
  let otherCmCookie: string;
  let otherCmCsrf: string;
  let typeKey: string;

  const asCm = (method: 'get' | 'post', path: string, cookie = cmCookie, csrf = cmCsrf) =>
    method === 'get' ? request(t.http).get(path).set('Cookie', cookie) : request(t.http).post(path).set('Cookie', cookie).set('X-CSRF-Token', csrf);
  const submit = (token: string, body: object) => request(t.http).post('/api/v1/deals').set('Authorization', `Bearer ${token}`).send(body);
  const deal = (overrides: object = {}) => ({ company: 'Globex GmbH', contactName: 'Jane Doe', email: 'jane@globex.example', country: 'DE', ...overrides });
  const emails = async (template: string) =>
    (await t.dataSource.query(`SELECT to_address, subject, text FROM outbound_emails WHERE template = $1 ORDER BY created_at, to_address`, [template])) as { to_address: string; subject: string; text: string }[];

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cara@vendor.example', displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    const otherCm = await users.createUser({ email: 'otto@vendor.example', displayName: 'Otto', role: 'channel_manager', password: PASSWORD });
    cmCookie = await signIn(t.http, 'cara@vendor.example', PASSWORD);
    cmCsrf = csrfOf(await request(t.http).get('/partners').set('Cookie', cmCookie).expect(200));
    otherCmCookie = await signIn(t.http, 'otto@vendor.example', PASSWORD);
    otherCmCsrf = csrfOf(await request(t.http).get('/partners').set('Cookie', otherCmCookie).expect(200));
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['AT'], channelManagerId: cm.id, contactEmail: 'team@alpha.example' });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'], weight: 10, channelManagerId: cm.id, contactEmail: 'team@beta.example' });
    foreign = await makePartner(t.dataSource, { name: 'Foreign IT', territories: ['FR'], channelManagerId: otherCm.id });
    [alphaRep, betaRep, foreignRep, admin, intake] = await Promise.all([
      makeToken(t, 'partner_rep', alpha.id), makeToken(t, 'partner_rep', beta.id), makeToken(t, 'partner_rep', foreign.id), makeToken(t, 'admin'), makeToken(t, 'intake'),
    ]);
    typeKey = (await makeLeadType(t.dataSource)).key;
  });
  afterAll(() => t.close());
  beforeEach(() => t.dataSource.query(`TRUNCATE deal_registrations, leads, assignments, outbound_emails, webhook_endpoints, webhook_events CASCADE; UPDATE partners SET open_leads = 0, standing = 'good'`));

  it('names each missing or malformed field, and stores nothing', async () => {
    const missing = await submit(alphaRep, { email: 'jane@globex.example' }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['company', 'country']);
    expect(JSON.stringify(missing.body.errors)).toContain('the buyer’s company name');
    const amount = await submit(alphaRep, deal({ amountMinor: 500000 })).expect(400);
    expect(amount.body.errors).toEqual([{ field: 'currency', problems: ['currency is required with an amount, as a three-letter code such as EUR'] }]);
    await submit(alphaRep, deal({ expectedCloseOn: '2026-02-30' })).expect(400);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM deal_registrations`))[0].n).toBe(0);
  });

  it('takes a contact by phone or name without an email, and approves it into a lead with no email', async () => {
    const none = await submit(alphaRep, deal({ email: undefined, contactName: undefined })).expect(400);
    expect(none.body.errors).toEqual([{ field: 'email', problems: [expect.stringContaining('may be left out only when a phone number or contact name is given')] }]);
    const bad = await submit(alphaRep, deal({ email: 'not-an-address', phone: '+49 89 1234567' })).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
    const byPhone = await submit(alphaRep, deal({ email: '', contactName: undefined, phone: '+49 89 1234567' })).expect(201);
    expect(byPhone.body).toMatchObject({ email: null, phone: '+49 89 1234567', contactName: null });
    // Matched by company only: no email, no domain.
    const rival = await submit(betaRep, deal({ email: undefined, contactName: 'Max Mustermann', company: 'Globex AG' })).expect(201);
    const managed = await asCm('get', `/api/v1/deals/${rival.body.id}`).expect(200);
    expect(managed.body.conflicts.map((c: { id: string; reasons: string[] }) => [c.id, c.reasons])).toEqual([[byPhone.body.id, ['same_company']]]);

    const approved = await asCm('post', `/api/v1/deals/${byPhone.body.id}/approve`).send({ acknowledgeConflicts: true }).expect(200);
    const lead = await request(t.http).get(`/api/v1/leads/${approved.body.leadId}`).set('Authorization', `Bearer ${alphaRep}`).expect(200);
    expect(lead.body).toMatchObject({ email: null, phone: '+49 89 1234567', source: 'registered_deal' });
    const page = await request(t.http).get(`/manage/leads/${approved.body.leadId}`).set('Cookie', cmCookie).expect(200);
    expect(page.text).toContain('<dt>Email</dt><dd>none given</dd>');
    // Marketing's leads still need one: the database says so too.
    await expect(t.dataSource.query(`INSERT INTO leads (lead_type_id, status, company, country) SELECT id, 'new', 'X', 'DE' FROM lead_types LIMIT 1`))
      .rejects.toThrow(/leads_email_required/);
  });

  describe('finds the same buyer', () => {
    const cases: [string, { email: string; company: string; country: string }, object, string[]][] = [
      ['by the same email, in any case', { email: 'jane@globex.example', company: 'Unrelated', country: 'FR' }, deal({ email: 'JANE@Globex.example' }), ['same_email', 'same_email_domain']],
      ['by the same company email domain', { email: 'bob@globex.example', company: 'Unrelated', country: 'FR' }, deal(), ['same_email_domain']],
      ['not by a shared free-mail domain', { email: 'bob@gmail.com', company: 'Unrelated', country: 'DE' }, deal({ email: 'jane@gmail.com', company: 'Initech' }), []],
      ['by the same company with another legal suffix', { email: 'x@one.example', company: 'GLOBEX Ltd.', country: 'DE' }, deal({ email: 'y@two.example', company: 'Globex GmbH' }), ['same_company']],
      ['not by the same company in another country', { email: 'x@one.example', company: 'Globex Ltd.', country: 'AT' }, deal({ email: 'y@two.example' }), []],
    ];

    it.each(cases)('%s', async (_, lead, body, reasons) => {
      const type = (await t.dataSource.query(`SELECT id FROM lead_types WHERE key = $1`, [typeKey]))[0].id;
      const leadId = await makeLead(t.dataSource, type, lead);
      const submitted = await submit(alphaRep, body).expect(201);
      // The partner learns that there is a conflict, never with whom.
      expect(submitted.body.conflict).toEqual(
        reasons.length ? { found: true, message: 'This registration conflicts with an existing lead or registration. A channel manager will review it.' } : { found: false, message: null },
      );
      expect(submitted.body).not.toHaveProperty('conflicts');
      const managed = await asCm('get', `/api/v1/deals/${submitted.body.id}`).expect(200);
      expect(managed.body.conflicts.map((c: { kind: string; id: string; reasons: string[] }) => [c.kind, c.id, c.reasons])).toEqual(reasons.length ? [['lead', leadId, reasons]] : []);
    });
  });

  it('checks against other partners’ live registrations and recent wins, but not the partner’s own registrations or old closed leads', async () => {
    const type = (await t.dataSource.query(`SELECT id FROM lead_types WHERE key = $1`, [typeKey]))[0].id;
    const won = await makeLead(t.dataSource, type, { email: 'a@initech.example', company: 'Initech', status: 'won' });
    await t.dataSource.query(`UPDATE leads SET closed_at = $2 WHERE id = $1`, [won, new Date('2026-01-10T00:00:00Z')]);
    const oldWin = await makeLead(t.dataSource, type, { email: 'a@umbrella.example', company: 'Umbrella', status: 'won' });
    await t.dataSource.query(`UPDATE leads SET closed_at = $2 WHERE id = $1`, [oldWin, new Date('2024-01-10T00:00:00Z')]);
    await makeLead(t.dataSource, type, { email: 'b@umbrella.example', company: 'Umbrella', status: 'lost' });

    const first = await submit(betaRep, deal()).expect(201);
    const own = await submit(betaRep, deal({ contactName: 'Someone else' })).expect(201);
    expect(own.body.conflict.found).toBe(false);
    const second = await submit(alphaRep, deal({ email: 'max@globex.example' })).expect(201);
    expect(second.body.conflict.found).toBe(true);
    const managed = await asCm('get', `/api/v1/deals/${second.body.id}`).expect(200);
    expect(managed.body.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'registration', id: first.body.id, partnerName: 'Beta Systems', reasons: ['same_email_domain', 'same_company'] }),
        expect.objectContaining({ kind: 'registration', id: own.body.id }),
      ]),
    );
    expect((await submit(alphaRep, deal({ email: 'c@initech.example', company: 'Initech Inc' })).expect(201)).body.conflict.found).toBe(true);
    expect((await submit(alphaRep, deal({ email: 'c@umbrella.example', company: 'Umbrella Corp' })).expect(201)).body.conflict.found).toBe(false);
  });

  it('refuses a suspended partner by default', async () => {
    await t.dataSource.query(`UPDATE partners SET standing = 'suspended' WHERE id = $1`, [alpha.id]);
    const res = await submit(alphaRep, deal()).expect(409);
    expect(res.body.message).toContain('suspended');
  });

  it('honours the Idempotency-Key: a retry answers the first registration and stores no second', async () => {
    const first = await submit(alphaRep, deal()).set('Idempotency-Key', 'deal-1').expect(201);
    const retry = await submit(alphaRep, deal()).set('Idempotency-Key', 'deal-1').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM deal_registrations`))[0].n).toBe(1);
  });

  it('approves into a lead the partner holds, with contact and feedback clocks, and protects the buyer in allocation until the window ends', async () => {
    const alphaAdmin = await makeToken(t, 'partner_admin', alpha.id);
    await request(t.http).post('/api/v1/webhooks').set('Authorization', `Bearer ${alphaAdmin}`)
      .send({ url: 'http://127.0.0.1:9/leadgate', events: ['deal.submitted', 'deal.approved'] }).expect(201);
    const submitted = await submit(alphaRep, deal({ amountMinor: 2_500_000, currency: 'eur', postalCode: '80331' })).expect(201);
    const queue = await asCm('get', '/api/v1/deals?status=submitted').expect(200);
    expect(queue.body.items.map((d: { id: string }) => d.id)).toEqual([submitted.body.id]);
    expect((await emails('deal-update')).map((e) => [e.to_address, e.subject])).toEqual([
      ['cara@vendor.example', 'Deal registration to review: Globex GmbH (Alpha Networks)'],
      ['team@alpha.example', 'Deal registration received: Globex GmbH'],
    ]);

    await request(t.http).post(`/api/v1/deals/${submitted.body.id}/approve`).set('Authorization', `Bearer ${alphaRep}`).expect(403);
    const approved = await asCm('post', `/api/v1/deals/${submitted.body.id}/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', protectedUntil: '2026-05-31T09:00:00.000Z', partner: { name: 'Alpha Networks' } });
    await asCm('post', `/api/v1/deals/${submitted.body.id}/approve`).send({}).expect(409);
    // Integrators hear of it by ids and dates, in the change's transaction.
    const events = await t.dataSource.query(`SELECT type, partner_id, data FROM webhook_events WHERE type LIKE 'deal.%' ORDER BY seq`);
    expect(events).toEqual([
      { type: 'deal.submitted', partner_id: alpha.id, data: { dealId: submitted.body.id, partnerId: alpha.id, leadId: null, protectedUntil: null, reasonCode: null } },
      { type: 'deal.approved', partner_id: alpha.id, data: { dealId: submitted.body.id, partnerId: alpha.id, leadId: approved.body.leadId, protectedUntil: '2026-05-31T09:00:00.000Z', reasonCode: null } },
    ]);

    const [lead] = await t.dataSource.query(
      `SELECT l.status, l.source, l.current_partner_id, l.currency, lt.key, a.status AS assignment, a.accepted_at, a.accept_due_at, a.contact_due_at, a.feedback_due_at
         FROM leads l JOIN lead_types lt ON lt.id = l.lead_type_id JOIN assignments a ON a.lead_id = l.id WHERE l.id = $1`,
      [approved.body.leadId],
    );
    expect(lead).toMatchObject({ status: 'accepted', source: 'registered_deal', current_partner_id: alpha.id, currency: 'EUR', key: 'registered-deal', assignment: 'accepted' });
    // Nothing to accept: held from the start, with no accept clock.
    expect(lead.accepted_at).toEqual(new Date('2026-03-02T09:00:00Z'));
    expect(lead.accept_due_at).toBeNull();
    // Two business days of 8 hours and ten, from Monday 10:00 Berlin.
    expect(lead.contact_due_at.toISOString()).toBe('2026-03-04T09:00:00.000Z');
    expect(lead.feedback_due_at.toISOString()).toBe('2026-03-16T09:00:00.000Z');
    expect((await t.dataSource.query(`SELECT open_leads FROM partners WHERE id = $1`, [alpha.id]))[0].open_leads).toBe(1);
    // The partner works it like any other lead; the API says where it came from.
    const held = await request(t.http).get(`/api/v1/leads/${approved.body.leadId}`).set('Authorization', `Bearer ${alphaRep}`).expect(200);
    expect(held.body).toMatchObject({ status: 'accepted', source: 'registered_deal' });
    await request(t.http).post(`/api/v1/leads/${approved.body.leadId}/activities`).set('Authorization', `Bearer ${alphaRep}`).send({ type: 'call' }).expect(201);
    expect((await emails('deal-update')).filter((e) => e.subject.startsWith('Deal registration approved')).map((e) => e.to_address)).toEqual(['team@alpha.example']);

    // Inbound lead for the same buyer (same domain), in Beta's territory and not Alpha's: it goes to Alpha.
    const inbound = await request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${intake}`)
      .send({ email: 'max@globex.example', company: 'Globex', country: 'DE', postalCode: '10115', leadType: typeKey }).expect(201);
    const decision = await request(t.http).get(`/api/v1/leads/${inbound.body.id}/allocation`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(decision.body[0].winnerPartnerId).toBe(alpha.id);
    expect(decision.body[0].summary).toContain('Offered to Alpha Networks: registered deal');

    // Another partner's registration of the buyer conflicts, and cannot be approved while the window lasts.
    const rival = await submit(betaRep, deal({ email: 'ceo@globex.example', company: 'Globex AG' })).expect(201);
    expect(rival.body.conflict.found).toBe(true);
    const blocked = await asCm('post', `/api/v1/deals/${rival.body.id}/approve`).send({ acknowledgeConflicts: true }).expect(409);
    expect(blocked.body.message).toContain('Alpha Networks');

    // The window ends by itself: at its end the next lead is allocated by fair share again, even before the job runs.
    t.clock.set(new Date(Date.parse('2026-05-31T09:00:00Z')));
    const later = await request(t.http).post('/api/v1/leads').set('Authorization', `Bearer ${intake}`)
      .send({ email: 'lisa@globex.example', company: 'Globex', country: 'DE', leadType: typeKey }).expect(201);
    const laterDecision = await request(t.http).get(`/api/v1/leads/${later.body.id}/allocation`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(laterDecision.body[0].winnerPartnerId).toBe(beta.id);
    expect(laterDecision.body[0].summary).not.toContain('registered deal');
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('reminds before the window ends, extends on request, and expires it on a moved clock', async () => {
    const submitted = await submit(alphaRep, deal()).expect(201);
    await asCm('post', `/api/v1/deals/${submitted.body.id}/approve`).send({}).expect(200);
    const runJob = () => request(t.http).post('/api/v1/jobs/deal-windows/run').set('Authorization', `Bearer ${admin}`).expect(200);

    t.clock.set(new Date(Date.parse('2026-03-02T09:00:00Z') + 75 * DAY));
    expect((await runJob()).body).toMatchObject({ dealsExpired: 0, dealReminders: 0 });
    t.clock.set(new Date(Date.parse('2026-03-02T09:00:00Z') + 77 * DAY));
    expect((await runJob()).body).toMatchObject({ dealsExpired: 0, dealReminders: 1 });
    expect((await runJob()).body).toMatchObject({ dealReminders: 0 });
    expect((await emails('deal-update')).filter((e) => e.subject.startsWith('Deal protection ends soon')).map((e) => e.to_address)).toEqual(['team@alpha.example']);

    await request(t.http).post(`/api/v1/deals/${submitted.body.id}/extension-request`).set('Authorization', `Bearer ${alphaRep}`).send({ note: 'Board meets in June' }).expect(200);
    expect((await emails('deal-update')).filter((e) => e.subject.startsWith('Extension requested')).map((e) => e.to_address)).toEqual(['cara@vendor.example']);
    const extended = await asCm('post', `/api/v1/deals/${submitted.body.id}/extend`).send({}).expect(200);
    expect(extended.body).toMatchObject({ protectedUntil: '2026-06-30T09:00:00.000Z', extendedCount: 1, extensionRequestedAt: null });

    t.clock.set(new Date('2026-06-30T09:00:00Z'));
    expect((await runJob()).body).toMatchObject({ dealsExpired: 1 });
    const after = await request(t.http).get(`/api/v1/deals/${submitted.body.id}`).set('Authorization', `Bearer ${alphaRep}`).expect(200);
    expect(after.body.status).toBe('expired');
    expect((await emails('deal-update')).filter((e) => e.subject.startsWith('Deal protection ended')).map((e) => e.to_address)).toEqual(['cara@vendor.example', 'team@alpha.example']);
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('rejects with a configured reason code only', async () => {
    const submitted = await submit(alphaRep, deal()).expect(201);
    const codes = await request(t.http).get('/api/v1/reason-codes').set('Authorization', `Bearer ${alphaRep}`).expect(200);
    expect(codes.body.dealRejection).toContainEqual({ code: 'existing_customer', label: 'existing customer' });
    const bad = await asCm('post', `/api/v1/deals/${submitted.body.id}/reject`).send({ reasonCode: 'because' }).expect(400);
    expect(bad.body.errors[0].field).toBe('reasonCode');
    const rejected = await asCm('post', `/api/v1/deals/${submitted.body.id}/reject`).send({ reasonCode: 'existing_customer', reasonText: 'Direct account' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reasonCode: 'existing_customer' });
    const mail = (await emails('deal-update')).find((e) => e.subject === 'Deal registration rejected: Globex GmbH')!;
    expect(mail.text).toContain('existing customer (Direct account)');
  });

  it('asks for acknowledgement before approving over conflicts', async () => {
    const type = (await t.dataSource.query(`SELECT id FROM lead_types WHERE key = $1`, [typeKey]))[0].id;
    await makeLead(t.dataSource, type, { email: 'jane@globex.example', company: 'Globex' });
    const submitted = await submit(alphaRep, deal()).expect(201);
    const res = await asCm('post', `/api/v1/deals/${submitted.body.id}/approve`).send({}).expect(400);
    expect(res.body.errors[0].field).toBe('acknowledgeConflicts');
    expect((await t.dataSource.query(`SELECT status FROM deal_registrations WHERE id = $1`, [submitted.body.id]))[0].status).toBe('submitted');
    await asCm('post', `/api/v1/deals/${submitted.body.id}/approve`).send({ acknowledgeConflicts: true }).expect(200);
  });

  it('keeps each partner’s registrations, and each manager’s partners’, to themselves: 404 otherwise', async () => {
    const mine = await submit(alphaRep, deal()).expect(201);
    const path = `/api/v1/deals/${mine.body.id}`;
    await request(t.http).get(path).set('Authorization', `Bearer ${betaRep}`).expect(404);
    await request(t.http).post(`${path}/extension-request`).set('Authorization', `Bearer ${foreignRep}`).send({}).expect(404);
    const theirs = await request(t.http).get('/api/v1/deals').set('Authorization', `Bearer ${betaRep}`).expect(200);
    expect(theirs.body.total).toBe(0);
    await asCm('get', path, otherCmCookie, otherCmCsrf).expect(404);
    await asCm('post', `${path}/approve`, otherCmCookie, otherCmCsrf).send({}).expect(404);
    await asCm('post', `${path}/reject`, otherCmCookie, otherCmCsrf).send({ reasonCode: 'other' }).expect(404);
    expect((await asCm('get', '/api/v1/deals', otherCmCookie, otherCmCsrf).expect(200)).body.total).toBe(0);
    expect((await t.dataSource.query(`SELECT status FROM deal_registrations WHERE id = $1`, [mine.body.id]))[0].status).toBe('submitted');
    await request(t.http).get('/api/v1/deals/not-a-uuid').set('Authorization', `Bearer ${alphaRep}`).expect(404);
  });
});
