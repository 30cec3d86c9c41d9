import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { ComplianceService } from '@leadgate/compliance';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('compliance and standing', () => {
  let t: TestApp;
  let compliance: ComplianceService;
  let admin: string;
  let manager: string;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    compliance = t.app.get(ComplianceService);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments, breaches, api_tokens CASCADE`);
    admin = await makeToken(t, 'admin');
    manager = await makeToken(t, 'channel_manager');
    type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 2 * 24 * 60 });
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', weight: 100 });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', weight: 1 });
  });

  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const partnerRow = async (p: Partner) =>
    (await t.dataSource.query(`SELECT standing, compliance_score, standing_changed_at FROM partners WHERE id = $1`, [p.id]))[0];
  const changesOf = (p: Partner) =>
    t.dataSource.query(`SELECT from_standing, to_standing, source, reason, actor FROM standing_changes WHERE partner_id = $1 ORDER BY at, source`, [p.id]);

  async function acceptedBy(partner: Partner, rep: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const leadId = await makeLead(t.dataSource, type.id);
      await t.app.get(AllocationService).assignManually(leadId, partner.id, 'test setup', 'test');
      await post(`/api/v1/leads/${leadId}/accept`, rep).expect(200);
      ids.push(leadId);
    }
    return ids;
  }

  /** A fresh lead through intake allocation: which partner gets it? */
  async function newLeadGoesTo(): Promise<string | null> {
    const leadId = await makeLead(t.dataSource, type.id);
    const outcome = await t.app.get(AllocationService).allocate(leadId);
    return outcome.kind === 'offered' ? outcome.partnerId : null;
  }

  it('suspends a partner that misses its contact times, says why in plain English, and reinstates it once it has caught up', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    const leads = await acceptedBy(alpha, rep, 3);
    t.clock.advance(3 * 60 * MINUTE); // contact was due 2 h after the offer
    await post('/api/v1/jobs/sla-sweep/run', admin).expect(200);

    const result = await compliance.recompute();

    const reason =
      '3 leads not contacted within the agreed time; 50% of SLAs met in the last 90 days (3 of 6), below the 75% needed';
    expect(result.standingChanges).toEqual([
      { partnerId: alpha.id, partnerName: 'Alpha IT', from: 'good', to: 'suspended', source: 'policy', reason },
    ]);
    expect(await partnerRow(alpha)).toEqual({ standing: 'suspended', compliance_score: '0.5000', standing_changed_at: new Date('2026-03-02T12:00:00Z') });
    expect(await changesOf(alpha)).toEqual([{ from_standing: 'good', to_standing: 'suspended', source: 'policy', reason, actor: 'system:compliance' }]);
    // Suspension stops allocation at once.
    expect(await newLeadGoesTo()).toBe(beta.id);
    // Recomputing again changes nothing and records nothing.
    expect((await compliance.recompute()).standingChanges).toEqual([]);
    expect(await changesOf(alpha)).toHaveLength(1);

    // The partner contacts every buyer (curing the breaches); the missed clocks age out of the window.
    for (const leadId of leads) await post(`/api/v1/leads/${leadId}/activities`, rep, { type: 'call' }).expect(201);
    t.clock.advance(91 * DAY);
    const later = await compliance.recompute();

    expect(later.standingChanges).toEqual([
      expect.objectContaining({ partnerId: alpha.id, from: 'suspended', to: 'good', reason: 'Reinstated: no SLA came due in the last 90 days and no breach open for more than a day' }),
    ]);
    expect((await partnerRow(alpha)).standing).toBe('good');
    expect(await newLeadGoesTo()).toBe(alpha.id);
  });

  it('keeps a partner suspended while its breaches stay uncured past the grace period, even with no clock left in the window', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    await acceptedBy(alpha, rep, 3);
    t.clock.advance(3 * 60 * MINUTE);
    await post('/api/v1/jobs/sla-sweep/run', admin).expect(200);
    await compliance.recompute();

    t.clock.advance(91 * DAY);
    const result = await compliance.recompute();

    // Nothing changed, so nothing is recorded, but the score was refreshed: no clock in the window now.
    expect(result.standingChanges).toEqual([]);
    expect(await partnerRow(alpha)).toMatchObject({ standing: 'suspended', compliance_score: null });
    const card = await get(`/api/v1/partners/${alpha.id}/compliance`, manager).expect(200);
    expect(card.body.counts).toMatchObject({ openBreaches: 3, openBreachesOlderThanGrace: 3 });
  });

  it('applies an override at once and lets it end by itself after its end date', async () => {
    const res = await post(`/api/v1/partners/${alpha.id}/overrides`, manager, {
      standing: 'suspended',
      reason: 'Contract under review',
      endsAt: '2026-03-04T09:00:00Z',
    }).expect(201);

    expect(res.body).toMatchObject({ partnerId: alpha.id, standing: 'suspended', reason: 'Contract under review', endsAt: '2026-03-04T09:00:00.000Z' });
    expect((await partnerRow(alpha)).standing).toBe('suspended');
    const [set] = await changesOf(alpha);
    expect(set).toMatchObject({ from_standing: 'good', to_standing: 'suspended', source: 'override' });
    expect(set.reason).toMatch(/^Override by channel_manager token \d+ until 4 March 2026, 09:00 UTC: Contract under review$/);
    expect(set.actor).toMatch(/^token:/);
    expect(await newLeadGoesTo()).toBe(beta.id);

    // Before its end the override holds, whatever the score says.
    t.clock.advance(DAY);
    expect(await compliance.recompute()).toMatchObject({ standingChanges: [], overridesEnded: 0 });
    expect((await partnerRow(alpha)).standing).toBe('suspended');

    t.clock.set('2026-03-04T09:10:00Z');
    const ended = await compliance.recompute();

    expect(ended.overridesEnded).toBe(1);
    expect(ended.standingChanges).toEqual([expect.objectContaining({ partnerId: alpha.id, from: 'suspended', to: 'good', source: 'override_ended' })]);
    expect((await partnerRow(alpha)).standing).toBe('good');
    const [override] = await t.dataSource.query(`SELECT ended_at FROM standing_overrides WHERE partner_id = $1`, [alpha.id]);
    expect(override.ended_at).toEqual(new Date('2026-03-04T09:10:00Z'));
    const history = await changesOf(alpha);
    expect(history[1].reason).toBe('Channel manager override ended on 4 March 2026, 09:00 UTC. Reinstated: no SLA came due in the last 90 days and no breach open for more than a day');
    // Ended once: the next run has nothing to end.
    expect(await compliance.recompute()).toMatchObject({ overridesEnded: 0, standingChanges: [] });
    expect(await newLeadGoesTo()).toBe(alpha.id);
  });

  it('replaces an active override with a new one and reinstates a suspended partner at once', async () => {
    await post(`/api/v1/partners/${alpha.id}/overrides`, manager, { standing: 'suspended', reason: 'Review', endsAt: '2026-04-01T00:00:00Z' }).expect(201);
    await post(`/api/v1/partners/${alpha.id}/overrides`, admin, { standing: 'good', reason: 'Review done', endsAt: '2026-04-01T00:00:00Z' }).expect(201);

    expect((await partnerRow(alpha)).standing).toBe('good');
    const overrides = await t.dataSource.query(`SELECT reason, ended_at FROM standing_overrides WHERE partner_id = $1 ORDER BY reason`, [alpha.id]);
    expect(overrides).toEqual([
      { reason: 'Review', ended_at: new Date('2026-03-02T09:00:00Z') },
      { reason: 'Review done', ended_at: null },
    ]);
    expect(await newLeadGoesTo()).toBe(alpha.id);
  });

  it('rejects an override without a future end date or a reason, and writes nothing', async () => {
    const past = await post(`/api/v1/partners/${alpha.id}/overrides`, manager, { standing: 'good', reason: 'x', endsAt: '2026-03-01T00:00:00Z' }).expect(400);
    expect(past.body.errors).toEqual([{ field: 'endsAt', problems: [expect.stringContaining('endsAt must be in the future')] }]);

    const bad = await post(`/api/v1/partners/${alpha.id}/overrides`, manager, { standing: 'excellent', reason: '  ', endsAt: 'tomorrow' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsAt', 'reason', 'standing']);

    await post(`/api/v1/partners/00000000-0000-4000-8000-000000000000/overrides`, manager, { standing: 'good', reason: 'x', endsAt: '2026-04-01T00:00:00Z' }).expect(404);
    const rep = await makeToken(t, 'partner_admin', alpha.id);
    await post(`/api/v1/partners/${alpha.id}/overrides`, rep, { standing: 'good', reason: 'x', endsAt: '2026-04-01T00:00:00Z' }).expect(403);

    expect(await t.dataSource.query(`SELECT id FROM standing_overrides`)).toEqual([]);
    expect(await t.dataSource.query(`SELECT id FROM standing_changes`)).toEqual([]);
    expect((await partnerRow(alpha)).standing).toBe('good');
  });

  it('shows a partner its own scorecard with open breaches and history, and another partner’s as not found', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    const [leadId] = await acceptedBy(alpha, rep, 1);
    t.clock.advance(3 * 60 * MINUTE);
    await post('/api/v1/jobs/sla-sweep/run', admin).expect(200);
    await post(`/api/v1/partners/${alpha.id}/overrides`, manager, { standing: 'warning', reason: 'Watch closely', endsAt: '2026-03-10T00:00:00Z' }).expect(201);

    const res = await get(`/api/v1/partners/${alpha.id}/compliance`, rep).expect(200);

    expect(res.body).toMatchObject({
      partnerId: alpha.id,
      partnerName: 'Alpha IT',
      standing: 'warning',
      score: 0.5,
      windowDays: 90,
      counts: { clocksDue: 2, clocksMet: 1, openBreaches: 1, openBreachesOlderThanGrace: 0, missedByKind: { accept: 0, contact: 1, feedback: 0 } },
      override: { standing: 'warning', reason: 'Watch closely', endsAt: '2026-03-10T00:00:00.000Z' },
      openBreaches: [{ leadId, kind: 'contact', dueAt: '2026-03-02T11:00:00.000Z', detectedAt: '2026-03-02T12:00:00.000Z' }],
    });
    expect(res.body.history).toEqual([expect.objectContaining({ from: 'good', to: 'warning', source: 'override' })]);

    await get(`/api/v1/partners/${beta.id}/compliance`, rep).expect(404);
    await get(`/api/v1/partners/${beta.id}/compliance`, manager).expect(200);
    await get(`/api/v1/partners/00000000-0000-4000-8000-000000000000/compliance`, admin).expect(404);
  });

  it('counts a decline in time as a response and an offer moved away before its due time as no clock at all', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    const declined = await makeLead(t.dataSource, type.id);
    const moved = await makeLead(t.dataSource, type.id);
    // Both offered before the decline: a decline wakes the allocation of waiting leads in the background,
    // which would otherwise race the test for a lead still new.
    await t.app.get(AllocationService).assignManually(declined, alpha.id, 'test setup', 'test');
    await t.app.get(AllocationService).assignManually(moved, alpha.id, 'test setup', 'test');
    await post(`/api/v1/leads/${declined}/decline`, rep, { reasonCode: 'no_capacity' }).expect(200);
    await t.app.get(AllocationService).assignManually(moved, beta.id, 'moved by hand', 'test');
    t.clock.advance(2 * DAY);

    const card = await get(`/api/v1/partners/${alpha.id}/compliance`, manager).expect(200);

    expect(card.body.counts).toMatchObject({ clocksDue: 1, clocksMet: 1 });
    expect(card.body.score).toBe(1);
  });
});
