import request from 'supertest';
import { AllocationService } from '@leadgate/allocation';
import { SlaSweepService } from '@leadgate/compliance';
import { LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;

describe('SLA sweeps', () => {
  let t: TestApp;
  let sweeps: SlaSweepService;
  let admin: string;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    sweeps = t.app.get(SlaSweepService);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, allocation_decisions, assignments, breaches, api_tokens CASCADE`);
    admin = await makeToken(t, 'admin');
    // Calendar time keeps the due times obvious: accept within 1 h, contact within 2 h, feedback within 4 h.
    type = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 240 });
    // Alpha would win every automatic allocation; only its exclusion sends a lead to Beta.
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', weight: 100 });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems', weight: 1 });
  });

  async function offeredTo(partner: Partner, count = 1): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const leadId = await makeLead(t.dataSource, type.id);
      await t.app.get(AllocationService).assignManually(leadId, partner.id, 'test setup', 'test');
      ids.push(leadId);
    }
    return ids;
  }

  const runJob = (name: string) => request(t.http).post(`/api/v1/jobs/${name}/run`).set('Authorization', `Bearer ${admin}`).expect(200);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].count);
  const openLeads = async (partner: Partner) => (await t.dataSource.query(`SELECT open_leads FROM partners WHERE id = $1`, [partner.id]))[0].open_leads;

  it('recalls an offer not accepted in time, records the breach once however often it runs, and re-offers the lead to another partner', async () => {
    const [leadId] = await offeredTo(alpha);
    t.clock.advance(61 * MINUTE);

    const first = await runJob('sla-sweep');
    const second = await runJob('sla-sweep');

    expect(first.body).toMatchObject({ job: 'sla-sweep', breachesRecorded: 1, recalled: 1, reallocated: { offered: 1, unallocated: 0, skipped: 0 } });
    expect(second.body).toMatchObject({ breachesRecorded: 0, recalled: 0 });
    const breaches = await t.dataSource.query(`SELECT kind, partner_id, due_at, detected_at, cured_at FROM breaches WHERE lead_id = $1`, [leadId]);
    expect(breaches).toEqual([
      { kind: 'accept', partner_id: alpha.id, due_at: new Date('2026-03-02T10:00:00Z'), detected_at: new Date('2026-03-02T10:01:00Z'), cured_at: null },
    ]);
    const assignments = await t.dataSource.query(`SELECT partner_id, status, end_reason_code FROM assignments WHERE lead_id = $1 ORDER BY offered_at`, [leadId]);
    expect(assignments).toEqual([
      { partner_id: alpha.id, status: 'recalled', end_reason_code: 'accept_timeout' },
      { partner_id: beta.id, status: 'offered', end_reason_code: null },
    ]);
    const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toEqual({ status: 'offered', current_partner_id: beta.id });
    expect(await openLeads(alpha)).toBe(0);
    expect(await openLeads(beta)).toBe(1);
    const events = await t.dataSource.query(`SELECT kind, summary FROM lead_events WHERE lead_id = $1 ORDER BY id`, [leadId]);
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['offered', 'breach', 'recalled', 'offered']);
    expect(events[1].summary).toBe('Not accepted by Alpha IT within the agreed time (due 2 March 2026, 10:00 UTC)');
    expect(events[2].summary).toBe('Not accepted within the agreed time: offer recalled from Alpha IT');
  });

  it('leaves an offer alone until its accept time has passed', async () => {
    const [leadId] = await offeredTo(alpha);
    t.clock.advance(60 * MINUTE); // due exactly now: accepting now would still be on time

    await runJob('sla-sweep');

    expect(await count(`SELECT count(*) FROM breaches`)).toBe(0);
    const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toEqual({ status: 'offered', current_partner_id: alpha.id });
  });

  it('parks a recalled lead as unallocated when no other partner may take it', async () => {
    await t.dataSource.query(`UPDATE partners SET territories = '{FR}' WHERE id = $1`, [beta.id]);
    const [leadId] = await offeredTo(alpha);
    t.clock.advance(2 * 60 * MINUTE);

    const res = await runJob('sla-sweep');

    expect(res.body.reallocated).toEqual({ offered: 0, unallocated: 1, waiting: 0, skipped: 0 });
    const [lead] = await t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE id = $1`, [leadId]);
    expect(lead).toEqual({ status: 'unallocated', current_partner_id: null });
  });

  it('records each breach once when two sweepers run at the same time, on separate connections', async () => {
    const leads = await offeredTo(alpha, 12);
    t.clock.advance(61 * MINUTE);

    const [a, b] = await Promise.all([sweeps.sweepAcceptClocks({ batchSize: 2 }), sweeps.sweepAcceptClocks({ batchSize: 2 })]);

    expect(a.recalled + b.recalled).toBe(12);
    expect(a.breachesRecorded + b.breachesRecorded).toBe(12);
    expect(new Set([...a.recalledLeadIds, ...b.recalledLeadIds])).toEqual(new Set(leads));
    expect(await count(`SELECT count(*) FROM breaches WHERE kind = 'accept'`)).toBe(12);
    expect(await count(`SELECT count(DISTINCT assignment_id) FROM breaches`)).toBe(12);
    expect(await count(`SELECT count(*) FROM lead_events WHERE kind = 'breach'`)).toBe(12);
    expect(await count(`SELECT count(*) FROM lead_events WHERE kind = 'recalled'`)).toBe(12);
    expect(await count(`SELECT count(*) FROM leads WHERE status = 'recalled'`)).toBe(12);
    expect(await openLeads(alpha)).toBe(0);
  });

  it('finishes the work of a sweep that died after its first batch, recording nothing twice and losing no recall', async () => {
    const leads = await offeredTo(alpha, 7);
    t.clock.advance(61 * MINUTE);

    // The process "dies" after one committed batch of 3, before re-offering anything.
    const partial = await sweeps.sweepAcceptClocks({ batchSize: 3, maxBatches: 1 });
    expect(partial.recalled).toBe(3);
    expect(await count(`SELECT count(*) FROM breaches`)).toBe(3);
    expect(await count(`SELECT count(*) FROM assignments WHERE status = 'offered'`)).toBe(4);
    expect(await openLeads(alpha)).toBe(4);

    const rerun = await runJob('sla-sweep');

    expect(rerun.body).toMatchObject({ breachesRecorded: 4, recalled: 4, reallocated: { offered: 4 } });
    // The 3 recalled by the dead run were never re-offered by it: the pending pass picks them up.
    expect(rerun.body.pending).toMatchObject({ considered: 3, offered: 3 });
    expect(await count(`SELECT count(*) FROM breaches WHERE kind = 'accept' AND partner_id = $1`, [alpha.id])).toBe(7);
    expect(await count(`SELECT count(*) FROM lead_events WHERE kind = 'breach'`)).toBe(7);
    const offers = await t.dataSource.query(`SELECT lead_id, partner_id FROM assignments WHERE status = 'offered'`);
    expect(offers).toHaveLength(7);
    expect(new Set(offers.map((o: { lead_id: string }) => o.lead_id))).toEqual(new Set(leads));
    expect(offers.every((o: { partner_id: string }) => o.partner_id === beta.id)).toBe(true);
    expect(await openLeads(alpha)).toBe(0);
    expect(await openLeads(beta)).toBe(7);
  });

  it('records a missed contact and a missed feedback once each, and cures them when the partner catches up', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    const [leadId] = await offeredTo(alpha);
    const act = (path: string, body: object = {}) => request(t.http).post(`/api/v1/leads/${leadId}/${path}`).set('Authorization', `Bearer ${rep}`).send(body);
    await act('accept').expect(200);

    t.clock.advance(121 * MINUTE);
    const first = await runJob('sla-sweep');
    await runJob('sla-sweep');

    expect(first.body.breaches).toEqual({ accept: 0, contact: 1, feedback: 0, update: 0 });
    const [contact] = await t.dataSource.query(`SELECT kind, due_at, cured_at FROM breaches WHERE lead_id = $1`, [leadId]);
    expect(contact).toEqual({ kind: 'contact', due_at: new Date('2026-03-02T11:00:00Z'), cured_at: null });
    const [event] = await t.dataSource.query(`SELECT summary FROM lead_events WHERE lead_id = $1 AND kind = 'breach'`, [leadId]);
    expect(event.summary).toBe('Not contacted by Alpha IT within the agreed time (due 2 March 2026, 11:00 UTC)');

    t.clock.advance(5 * MINUTE);
    await act('activities', { type: 'call' }).expect(201);
    const [cured] = await t.dataSource.query(`SELECT cured_at FROM breaches WHERE lead_id = $1 AND kind = 'contact'`, [leadId]);
    expect(cured.cured_at).toEqual(new Date('2026-03-02T11:06:00Z'));

    t.clock.advance(3 * 60 * MINUTE); // past the feedback due time of 13:00
    const late = await runJob('sla-sweep');
    await runJob('sla-sweep');
    expect(late.body.breaches).toEqual({ accept: 0, contact: 0, feedback: 1, update: 0 });
    expect(await count(`SELECT count(*) FROM breaches WHERE lead_id = $1 AND kind = 'feedback' AND cured_at IS NULL`, [leadId])).toBe(1);

    await act('feedback', { verdict: 'qualified' }).expect(200);
    expect(await count(`SELECT count(*) FROM breaches WHERE lead_id = $1 AND cured_at IS NULL`, [leadId])).toBe(0);
    expect(await count(`SELECT count(*) FROM breaches WHERE lead_id = $1`, [leadId])).toBe(2);
  });

  it('records each contact breach once when two sweepers race', async () => {
    const rep = await makeToken(t, 'partner_rep', alpha.id);
    const leads = await offeredTo(alpha, 8);
    for (const leadId of leads) {
      await request(t.http).post(`/api/v1/leads/${leadId}/accept`).set('Authorization', `Bearer ${rep}`).expect(200);
    }
    t.clock.advance(121 * MINUTE);

    const [a, b] = await Promise.all([sweeps.sweepContactClocks({ batchSize: 3 }), sweeps.sweepContactClocks({ batchSize: 3 })]);

    expect(a.breachesRecorded + b.breachesRecorded).toBe(8);
    expect(await count(`SELECT count(*) FROM breaches WHERE kind = 'contact'`)).toBe(8);
    expect(await count(`SELECT count(*) FROM lead_events WHERE kind = 'breach'`)).toBe(8);
  });

  it('offers pending leads through the allocate-pending job, oldest first', async () => {
    const older = await makeLead(t.dataSource, type.id, { createdAt: new Date('2026-03-01T08:00:00Z') });
    const newer = await makeLead(t.dataSource, type.id, { createdAt: new Date('2026-03-01T09:00:00Z') });
    await t.dataSource.query(`UPDATE partners SET capacity = 1 WHERE id IN ($1, $2)`, [alpha.id, beta.id]);
    await t.dataSource.query(`UPDATE partners SET territories = '{FR}' WHERE id = $1`, [beta.id]);

    const res = await runJob('allocate-pending');

    expect(res.body).toEqual({ job: 'allocate-pending', considered: 2, offered: 1, unallocated: 1, waiting: 0, skipped: 0 });
    const statuses = await t.dataSource.query(`SELECT id, status FROM leads ORDER BY created_at`);
    expect(statuses).toEqual([
      { id: older, status: 'offered' },
      { id: newer, status: 'unallocated' },
    ]);
  });
});
