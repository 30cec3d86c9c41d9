import request from 'supertest';
import { Campaign, LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const HOUR_MS = 60 * 60 * 1000;

describe('reading leads', () => {
  let t: TestApp;
  let demo: LeadType;
  let contact: LeadType;
  let webinar: Campaign;
  let partnerA: Partner;
  let partnerB: Partner;
  let tokens: Record<'intake' | 'admin' | 'manager' | 'repA' | 'adminA' | 'repB', string>;
  let leadOfA: string;
  let leadOfB: string;
  let unassigned: string;
  let sequence = 0;

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const sendLead = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await request(t.http)
      .post('/api/v1/leads')
      .set('Authorization', `Bearer ${tokens.intake}`)
      .send({ email: `reader${++sequence}@example.com`, company: 'Example GmbH', country: 'DE', leadType: demo.key, ...overrides })
      .expect(201);
    t.clock.advance(HOUR_MS);
    return res.body.id;
  };
  const holdBy = (leadId: string, partner: Partner, status = 'offered') =>
    t.dataSource.query(`UPDATE leads SET current_partner_id = $2, status = $3 WHERE id = $1`, [leadId, partner.id, status]);
  const addAssignment = (leadId: string, partner: Partner, status: string, offeredAt: string) =>
    t.dataSource.query(
      `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at)
       VALUES ($1, $2, $3, $4, $4::timestamptz + interval '4 hours', $4::timestamptz + interval '8 hours', $4::timestamptz + interval '10 days')
       RETURNING id`,
      [leadId, partner.id, status, offeredAt],
    );
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((l) => l.id);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    demo = await makeLeadType(t.dataSource, { key: 'demo-request' });
    contact = await makeLeadType(t.dataSource, { key: 'contact-sales' });
    webinar = await makeCampaign(t.dataSource, { key: 'spring-webinar' });
    // The partners cover Austria and the leads are German: intake leaves them unallocated, and each test
    // decides who holds what.
    partnerA = await makePartner(t.dataSource, { territories: ['AT'] });
    partnerB = await makePartner(t.dataSource, { territories: ['AT'] });
    tokens = {
      intake: await makeToken(t, 'intake'),
      admin: await makeToken(t, 'admin'),
      manager: await makeToken(t, 'channel_manager'),
      repA: await makeToken(t, 'partner_rep', partnerA.id),
      adminA: await makeToken(t, 'partner_admin', partnerA.id),
      repB: await makeToken(t, 'partner_rep', partnerB.id),
    };
    leadOfA = await sendLead({ campaign: webinar.key });
    leadOfB = await sendLead({ leadType: contact.key });
    unassigned = await sendLead();
    await holdBy(leadOfA, partnerA, 'accepted');
    await holdBy(leadOfB, partnerB);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/leads', () => {
    it('shows vendor staff every lead, newest first', async () => {
      for (const token of [tokens.admin, tokens.manager]) {
        const res = await get('/api/v1/leads', token).expect(200);
        expect(idsOf(res.body)).toEqual([unassigned, leadOfB, leadOfA]);
        expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
      }
    });

    it('shows a partner only the leads it holds', async () => {
      for (const token of [tokens.repA, tokens.adminA]) {
        const res = await get('/api/v1/leads', token).expect(200);
        expect(idsOf(res.body)).toEqual([leadOfA]);
        expect(res.body.total).toBe(1);
      }
      const asB = await get(`/api/v1/leads?partnerId=${partnerA.id}`, tokens.repB).expect(200);
      expect(asB.body).toMatchObject({ items: [], total: 0 });
    });

    it('filters by status, lead type key, campaign key and partner', async () => {
      expect(idsOf((await get('/api/v1/leads?status=accepted', tokens.admin).expect(200)).body)).toEqual([leadOfA]);
      expect(idsOf((await get('/api/v1/leads?leadType=contact-sales', tokens.admin).expect(200)).body)).toEqual([leadOfB]);
      expect(idsOf((await get('/api/v1/leads?campaign=spring-webinar', tokens.admin).expect(200)).body)).toEqual([leadOfA]);
      expect(idsOf((await get(`/api/v1/leads?partnerId=${partnerB.id}`, tokens.manager).expect(200)).body)).toEqual([leadOfB]);
      expect(idsOf((await get('/api/v1/leads?leadType=no-such-type', tokens.admin).expect(200)).body)).toEqual([]);
    });

    it('filters by creation time: from is inclusive, to is exclusive', async () => {
      // The three leads were created at 09:00, 10:00 and 11:00.
      const res = await get('/api/v1/leads?createdFrom=2026-03-02T10:00:00Z&createdTo=2026-03-02T11:00:00Z', tokens.admin).expect(200);
      expect(idsOf(res.body)).toEqual([leadOfB]);
    });

    it('pages through the list', async () => {
      const first = await get('/api/v1/leads?pageSize=2', tokens.admin).expect(200);
      const second = await get('/api/v1/leads?pageSize=2&page=2', tokens.admin).expect(200);
      expect(idsOf(first.body)).toEqual([unassigned, leadOfB]);
      expect(idsOf(second.body)).toEqual([leadOfA]);
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    });

    it('rejects bad filters with 400 naming the field', async () => {
      const res = await get('/api/v1/leads?status=sleeping&createdFrom=yesterday&pageSize=500&colour=red', tokens.admin).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'createdFrom', 'pageSize', 'status']);
    });

    it.each(['/api/v1/leads', '/api/v1/partners', '/api/v1/lead-types', '/api/v1/campaigns'])(
      'answers 400, not 500, to paging parameters it does not take (%s?offset=…)',
      async (path) => {
        const res = await get(`${path}?offset=-5&limit=abc`, tokens.admin).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset']);
      },
    );
  });

  describe('GET /api/v1/leads/:id', () => {
    it('shows the lead with its lead type, campaign, timeline and assignments with SLA due times', async () => {
      await addAssignment(leadOfA, partnerA, 'accepted', '2026-03-02T09:05:00Z');
      const res = await get(`/api/v1/leads/${leadOfA}`, tokens.admin).expect(200);

      expect(res.body).toMatchObject({
        id: leadOfA,
        status: 'accepted',
        currentPartnerId: partnerA.id,
        leadType: { id: demo.id, key: 'demo-request' },
        campaign: { id: webinar.id, key: 'spring-webinar' },
      });
      expect(res.body.timeline[0]).toMatchObject({ kind: 'created', at: '2026-03-02T09:00:00.000Z', summary: expect.stringMatching(/^Lead received from/) });
      expect(res.body.assignments).toEqual([
        expect.objectContaining({
          partnerId: partnerA.id,
          status: 'accepted',
          offeredAt: '2026-03-02T09:05:00.000Z',
          acceptDueAt: '2026-03-02T13:05:00.000Z',
          contactDueAt: '2026-03-02T17:05:00.000Z',
          feedbackDueAt: '2026-03-12T09:05:00.000Z',
        }),
      ]);
    });

    it('lets a partner read its own lead but not what another partner did with it', async () => {
      const moved = await sendLead();
      await addAssignment(moved, partnerB, 'recalled', '2026-03-02T12:00:00Z');
      await addAssignment(moved, partnerA, 'offered', '2026-03-03T12:00:00Z');
      await t.dataSource.query(
        `INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary) VALUES
           ($1, '2026-03-02T12:00:00Z', 'offered', $2, 'system', 'Offered to B'),
           ($1, '2026-03-03T12:00:00Z', 'offered', $3, 'system', 'Offered to A')`,
        [moved, partnerB.id, partnerA.id],
      );
      await holdBy(moved, partnerA);

      const asA = await get(`/api/v1/leads/${moved}`, tokens.repA).expect(200);
      expect(asA.body.assignments.map((a: { partnerId: string }) => a.partnerId)).toEqual([partnerA.id]);
      expect(asA.body.timeline.map((e: { summary: string }) => e.summary)).not.toContain('Offered to B');
      expect(asA.body.timeline.map((e: { summary: string }) => e.summary)).toContain('Offered to A');

      const asManager = await get(`/api/v1/leads/${moved}`, tokens.manager).expect(200);
      expect(asManager.body.assignments.map((a: { partnerId: string }) => a.partnerId)).toEqual([partnerB.id, partnerA.id]);
      expect(asManager.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'unallocated', 'offered', 'offered']);
    });

    it("answers 404 to a partner reading another partner's lead or an unassigned one", async () => {
      const res = await get(`/api/v1/leads/${leadOfB}`, tokens.repA).expect(404);
      expect(res.body).toEqual({ statusCode: 404, message: 'Lead not found' });
      await get(`/api/v1/leads/${unassigned}`, tokens.adminA).expect(404);
      await get(`/api/v1/leads/${leadOfB}`, tokens.repB).expect(200);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      await get('/api/v1/leads/00000000-0000-4000-8000-000000000000', tokens.admin).expect(404);
      await get('/api/v1/leads/not-a-uuid', tokens.admin).expect(404);
    });
  });

  describe('access', () => {
    it('answers 401 without a token and 403 to an intake token', async () => {
      await request(t.http).get('/api/v1/leads').expect(401);
      await request(t.http).get(`/api/v1/leads/${leadOfA}`).expect(401);
      await get('/api/v1/leads', tokens.intake).expect(403);
      await get(`/api/v1/leads/${leadOfA}`, tokens.intake).expect(403);
    });
  });
});
