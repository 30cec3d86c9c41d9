// Fault injection: two partners declining at the same moment, each lead's re-offer going to the other partner.
import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { inTransaction } from '@leadgate/database';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('concurrent cross declines', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z', env: { DATABASE_POOL_SIZE: '40' } });
  });
  afterAll(() => t.close());

  it('answers every decline, none with a 500, when each re-offer goes to the other decliner', async () => {
    const alpha = await makePartner(t.dataSource, { name: 'Alpha IT', territories: ['DE'], capacity: 500 });
    const beta = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'], capacity: 500 });
    const tokens = new Map([[alpha.id, await makeToken(t, 'partner_rep', alpha.id)], [beta.id, await makeToken(t, 'partner_rep', beta.id)]]);
    const type = await makeLeadType(t.dataSource);
    const pairs = 30;
    const offered: { leadId: string; holder: Partner }[] = [];
    for (let i = 0; i < pairs; i++) {
      for (const holder of [alpha, beta]) {
        const leadId = await makeLead(t.dataSource, type.id);
        await t.app.get(AllocationService).assignManually(leadId, holder.id, 'test setup', 'test');
        offered.push({ leadId, holder });
      }
    }

    const answers = await Promise.all(
      offered.map(({ leadId, holder }) =>
        request(t.http).post(`/api/v1/leads/${leadId}/decline`).set('Authorization', `Bearer ${tokens.get(holder.id)}`).send({ reasonCode: 'no_capacity' }),
      ),
    );

    expect(answers.filter((res) => res.status !== 200).map((res) => `${res.status} ${JSON.stringify(res.body)}`)).toEqual([]);
    const holders = await t.dataSource.query(
      `SELECT l.current_partner_id AS now, a.partner_id AS declined FROM leads l JOIN assignments a ON a.lead_id = l.id AND a.status = 'declined'`,
    );
    expect(holders).toHaveLength(2 * pairs);
    for (const row of holders) expect(row.now).toBe(row.declined === alpha.id ? beta.id : alpha.id);
    const counters = await t.dataSource.query(`SELECT id, open_leads FROM partners ORDER BY name`);
    expect(counters.map((c: { open_leads: number }) => c.open_leads)).toEqual([pairs, pairs]);
  });

  it('runs a deadlock victim again: two transactions locking two rows in opposite orders both commit', async () => {
    const [first, second] = [await makePartner(t.dataSource), await makePartner(t.dataSource)];
    let attempts = 0;
    let bothHoldOne!: () => void;
    const barrier = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const cross = (a: string, b: string) =>
      inTransaction(t.dataSource, async (m) => {
        await m.query(`SELECT id FROM partners WHERE id = $1 FOR UPDATE`, [a]);
        if (++attempts === 2) bothHoldOne();
        if (attempts <= 2) await barrier;
        await m.query(`UPDATE partners SET weight = weight + 1 WHERE id = $1`, [b]);
        return b;
      });

    await expect(Promise.all([cross(first.id, second.id), cross(second.id, first.id)])).resolves.toEqual([second.id, first.id]);
    expect(attempts).toBe(3);
    const weights = await t.dataSource.query(`SELECT weight FROM partners WHERE id = ANY($1) ORDER BY id`, [[first.id, second.id]]);
    expect(weights.map((w: { weight: number }) => Number(w.weight))).toEqual([2, 2]);
  });
});
