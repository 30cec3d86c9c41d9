// The lead lifecycle's safety nets: capacity drift is reported, and allocation fallbacks catch only contention.
import request from 'supertest';
import { PendingAllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('lead lifecycle', () => {
  let t: TestApp;
  let leadType: LeadType;
  let intakeToken: string;
  let n = 0;

  const intake = (country: string) =>
    request(t.http)
      .post('/api/v1/leads')
      .set('Authorization', `Bearer ${intakeToken}`)
      .send({ email: `buyer${++n}@example.com`, company: `Buyer ${n} GmbH`, country, postalCode: '1000', leadType: leadType.key });

  /** Makes inserting an assignment for these partners fail with the given SQLSTATE, as contention or a bug would. */
  const failOffersTo = async (partnerIds: string[], sqlstate: string) => {
    await t.dataSource.query(`
      CREATE OR REPLACE FUNCTION test_fail_offer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.partner_id = ANY('{${partnerIds.join(',')}}'::uuid[]) THEN
          RAISE EXCEPTION 'test: offer refused' USING ERRCODE = '${sqlstate}';
        END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(`CREATE OR REPLACE TRIGGER test_fail_offer BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION test_fail_offer()`);
  };
  const stopFailing = () => t.dataSource.query(`DROP TRIGGER IF EXISTS test_fail_offer ON assignments`);

  beforeAll(async () => {
    // Every /health recounts, so a corrupted counter shows at once.
    t = await createTestApp({ env: { CAPACITY_CHECK_SECONDS: '0' } });
    leadType = await makeLeadType(t.dataSource, { key: 'lifecycle-demo', name: 'Lifecycle demo' });
    intakeToken = await makeToken(t, 'intake');
  });
  afterEach(() => stopFailing());
  afterAll(() => t.close());

  describe('capacity drift', () => {
    it('reports a partner whose counter differs from its open assignments, by name, and health goes down', async () => {
      const partner = await makePartner(t.dataSource, { name: 'Drifting Partner', territories: ['AT'] });
      await intake('AT').expect(201);
      expect((await request(t.http).get('/health').expect(200)).body.info.capacity.status).toBe('up');

      await t.dataSource.query(`UPDATE partners SET open_leads = open_leads + 2 WHERE id = $1`, [partner.id]);
      const res = await request(t.http).get('/health').expect(503);
      expect(res.body.error.capacity).toMatchObject({
        status: 'down',
        message: 'capacity drift at 1 partner',
        partners: [{ partnerId: partner.id, name: 'Drifting Partner', openLeads: 3, openAssignments: 1 }],
      });

      await t.dataSource.query(`UPDATE partners SET open_leads = open_leads - 2 WHERE id = $1`, [partner.id]);
      await request(t.http).get('/health').expect(200);
    });

    it('fails loudly instead of clamping when a release would take a counter below zero', async () => {
      const partner = await makePartner(t.dataSource, { territories: ['CH'] });
      const lead = (await intake('CH').expect(201)).body.id;
      await t.dataSource.query(`UPDATE partners SET open_leads = 0 WHERE id = $1`, [partner.id]);
      const token = await makeToken(t, 'partner_admin', partner.id);
      await request(t.http).post(`/api/v1/leads/${lead}/decline`).set('Authorization', `Bearer ${token}`).send({ reasonCode: 'no_capacity' }).expect(400);
      const [{ status }] = await t.dataSource.query(`SELECT status FROM leads WHERE id = $1`, [lead]);
      expect(status).toBe('offered');
      await t.dataSource.query(`UPDATE partners SET open_leads = 1 WHERE id = $1`, [partner.id]);
    });
  });

  describe("intake's allocation fallback", () => {
    it('keeps the lead, left new for the allocation job, when allocation meets a lock timeout', async () => {
      const partner = await makePartner(t.dataSource, { territories: ['BE'] });
      await failOffersTo([partner.id], '55P03');
      const res = await intake('BE').expect(201);
      const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [res.body.id]);
      expect(lead).toEqual({ status: 'new', current_partner_id: null });
      const [{ n: events }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = $1`, [res.body.id]);
      expect(events).toBe(1);
    });

    it('keeps the lead, left new for the allocation job, when allocation fails with a bug, and offers the others of its batch', async () => {
      const broken = await makePartner(t.dataSource, { territories: ['LU'] });
      const fine = await makePartner(t.dataSource, { territories: ['IE'] });
      await failOffersTo([broken.id], '22012');
      const token = await makeToken(t, 'intake');
      const lead = (country: string) => ({ email: `${country.toLowerCase()}-${Date.now()}@example.com`, company: `${country} Ltd`, country, leadType: leadType.key });

      // A bulk request's leads are allocated together: the broken one must not hold up the other.
      const res = await request(t.http).post('/api/v1/leads/bulk').set('Authorization', `Bearer ${token}`).send({ leads: [lead('LU'), lead('IE')] }).expect(200);

      const [stuck, offered] = res.body.results.map((r: { leadId: string }) => r.leadId);
      const rows = await t.dataSource.query(`SELECT id, status, current_partner_id FROM leads WHERE id = ANY($1::uuid[]) ORDER BY country DESC`, [[stuck, offered]]);
      expect(rows).toEqual([
        { id: stuck, status: 'new', current_partner_id: null },
        { id: offered, status: 'offered', current_partner_id: fine.id },
      ]);
      const single = await intake('LU').expect(201);
      expect(single.body.status).toBe('new');
    });
  });

  describe("the pending allocation's fallback", () => {
    it('leaves a lead whose allocation met contention pending and allocates the others of the batch', async () => {
      const blocked = await makePartner(t.dataSource, { territories: ['NL'] });
      await makePartner(t.dataSource, { territories: ['DK'] });
      const stuck = await makeLead(t.dataSource, leadType.id, { country: 'NL', postalCode: '1011' });
      const free = await makeLead(t.dataSource, leadType.id, { country: 'DK', postalCode: '2100' });
      await failOffersTo([blocked.id], '40P01');

      const tally = await t.app.get(PendingAllocationService).allocateEach([stuck, free]);

      expect(tally).toEqual({ offered: 1, unallocated: 0, waiting: 0, skipped: 1 });
      const rows = await t.dataSource.query(`SELECT id, status FROM leads WHERE id = ANY($1::uuid[])`, [[stuck, free]]);
      expect(Object.fromEntries(rows.map((row: { id: string; status: string }) => [row.id, row.status]))).toEqual({ [stuck]: 'new', [free]: 'offered' });
    });

    it('stops on a failure that is not contention', async () => {
      const broken = await makePartner(t.dataSource, { territories: ['SE'] });
      const lead = await makeLead(t.dataSource, leadType.id, { country: 'SE', postalCode: '11122' });
      await failOffersTo([broken.id], '22012');
      await expect(t.app.get(PendingAllocationService).allocateEach([lead])).rejects.toThrow('test: offer refused');
    });
  });
});
