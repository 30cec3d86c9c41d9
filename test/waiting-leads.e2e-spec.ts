// Unallocated leads retried by events (issue 13, item 7): when a partner can take them again they are
// offered, oldest first, without filling their timelines on the way; long waits are marked for a person.
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;
const PASSWORD = 'correct horse battery';

describe('waiting leads', () => {
  let t: TestApp;
  let intake: string;
  let admin: string;
  let leadTypeKey: string;
  let campaignKey: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday
    const leadType = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 7 * 1440 });
    leadTypeKey = leadType.key;
    campaignKey = (await makeCampaign(t.dataSource)).key;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, allocation_decisions, assignments, breaches, standing_overrides, standing_changes CASCADE`);
    t.clock.set('2026-03-02T09:00:00Z');
    // Tokens go with the partners' truncation (api_tokens refers to partners).
    intake = await makeToken(t, 'intake');
    admin = await makeToken(t, 'admin');
  });

  const postLead = async (country = 'DE'): Promise<string> => {
    const res = await request(t.http)
      .post('/api/v1/leads')
      .set('Authorization', `Bearer ${intake}`)
      .send({ email: `buyer${++n}@example.com`, company: `Buyer ${n} GmbH`, country, postalCode: '80331', leadType: leadTypeKey, campaign: campaignKey })
      .expect(201);
    t.clock.advance(60_000); // each lead a minute younger than the one before
    return res.body.id;
  };
  const statusOf = async (id: string): Promise<{ status: string; current_partner_id: string | null }> =>
    (await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [id]))[0];
  /** The retry runs in the background right after the causing request committed. */
  const eventually = async (check: () => Promise<boolean>): Promise<void> => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await check()).toBe(true);
  };
  const count = async (sql: string, params: unknown[]): Promise<number> => (await t.dataSource.query(sql, params))[0].n;

  it('offers the oldest waiting lead when a closing verdict frees a slot, and records nothing new for leads still waiting', async () => {
    const full = await makePartner(t.dataSource, { name: 'Full GmbH', capacity: 1 });
    const rep = await makeToken(t, 'partner_rep', full.id);
    const held = await postLead();
    await request(t.http).post(`/api/v1/leads/${held}/accept`).set('Authorization', `Bearer ${rep}`).expect(200);
    const older = await postLead();
    const newer = await postLead();
    expect(await statusOf(older)).toEqual({ status: 'unallocated', current_partner_id: null });

    // The sweep's pending step looks at them every minute: nothing changed, so nothing is written again.
    for (let i = 0; i < 3; i++) {
      const run = await request(t.http).post('/api/v1/jobs/allocate-pending/run').set('Authorization', `Bearer ${admin}`).expect(200);
      expect(run.body).toMatchObject({ considered: 2, offered: 0, unallocated: 0, waiting: 2 });
    }
    for (const id of [older, newer]) {
      expect(await count(`SELECT count(*)::int AS n FROM allocation_decisions WHERE lead_id = $1`, [id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = $1 AND kind = 'unallocated'`, [id])).toBe(1);
    }

    // The partner closes its lead: the freed slot goes to the oldest waiting lead at once, no job run needed.
    await request(t.http).post(`/api/v1/leads/${held}/activities`).set('Authorization', `Bearer ${rep}`).send({ type: 'call' }).expect(201);
    await request(t.http).post(`/api/v1/leads/${held}/feedback`).set('Authorization', `Bearer ${rep}`).send({ verdict: 'disqualified', reasonCode: 'no_budget' }).expect(200);
    await eventually(async () => (await statusOf(older)).status === 'offered');
    expect(await statusOf(older)).toEqual({ status: 'offered', current_partner_id: full.id });
    expect(await statusOf(newer)).toEqual({ status: 'unallocated', current_partner_id: null });

    // A change in why it waits (now suspended as well as full) is recorded once.
    await request(t.http)
      .post(`/api/v1/partners/${full.id}/overrides`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ standing: 'suspended', reason: 'Audit', endsAt: '2026-04-01T00:00:00Z' })
      .expect(201);
    for (let i = 0; i < 2; i++) await request(t.http).post('/api/v1/jobs/allocate-pending/run').set('Authorization', `Bearer ${admin}`).expect(200);
    const decisions = await t.dataSource.query(`SELECT summary FROM allocation_decisions WHERE lead_id = $1 ORDER BY decided_at`, [newer]);
    expect(decisions.map((d: { summary: string }) => d.summary)).toEqual([
      'No eligible partner: 1 excluded (1 at capacity)',
      'No eligible partner: 1 excluded (1 suspended, 1 at capacity)',
    ]);
  });

  it('offers waiting leads when a partner is added or changed to cover them, or comes back from a pause', async () => {
    const france = await postLead('FR');
    const germany = await postLead('DE');
    expect((await statusOf(france)).status).toBe('unallocated');

    const created = await request(t.http)
      .post('/api/v1/partners')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Paris SARL', tier: 'gold', territories: ['FR'], capacity: 5, timezone: 'Europe/Paris' })
      .expect(201);
    await eventually(async () => (await statusOf(france)).current_partner_id === created.body.id);

    const munich = await makePartner(t.dataSource, { name: 'München GmbH', territories: ['AT'] });
    await t.dataSource.query(`INSERT INTO partner_pauses (partner_id, starts_at, ends_at, reason, created_by, created_at) VALUES ($1, $2, $3, 'Holiday', 'test', $2)`, [
      munich.id, new Date('2026-03-02T09:00:00Z'), new Date('2026-03-20T00:00:00Z'),
    ]);
    await request(t.http).patch(`/api/v1/partners/${munich.id}`).set('Authorization', `Bearer ${admin}`).send({ territories: ['AT', 'DE'] }).expect(200);
    await request(t.http).post('/api/v1/jobs/allocate-pending/run').set('Authorization', `Bearer ${admin}`).expect(200);
    expect((await statusOf(germany)).status).toBe('unallocated'); // paused

    const [pause] = await t.dataSource.query(`SELECT id FROM partner_pauses WHERE partner_id = $1`, [munich.id]);
    await request(t.http).delete(`/api/v1/partners/${munich.id}/pauses/${pause.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    await eventually(async () => (await statusOf(germany)).current_partner_id === munich.id);
  });

  it('marks a lead waiting longer than UNALLOCATED_ATTENTION_HOURS for the channel manager in the queue', async () => {
    await t.app.get(UsersService).createUser({ email: `cm${++n}@vendor.example`, displayName: 'Cara', role: 'channel_manager', password: PASSWORD });
    const old = await postLead('FR');
    t.clock.advance(3 * HOUR);
    await postLead('FR');
    t.clock.advance(1.5 * HOUR);

    const page = await request(t.http).get('/queue').set('Cookie', await signIn(t.http, `cm${n - 2}@vendor.example`, PASSWORD)).expect(200);
    const marked = page.text.split('<td data-label="Assign">').filter((row) => row.includes('needs your attention'));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain(`/manage/leads/${old}`);
    expect(marked[0]).toContain('<span class="muted">since today 09:00 UTC</span>');
  });
});
