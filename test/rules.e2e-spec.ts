// The rules made fair and complete (issue 13): each scenario over HTTP, on the real database, with a moved clock.
import request from 'supertest';
import { ComplianceService } from '@leadgate/compliance';
import { Campaign, LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('the rules', () => {
  let t: TestApp;
  let leadType: LeadType;
  let campaign: Campaign;
  let intake: string;
  let manager: string;
  let emails = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' }); // a Monday
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, leads, lead_types, campaigns, allocation_decisions, assignments, breaches, standing_overrides, standing_changes CASCADE`);
    t.clock.set('2026-03-02T09:00:00Z');
    leadType = await makeLeadType(t.dataSource, { businessTime: false, slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 7 * 1440 });
    campaign = await makeCampaign(t.dataSource);
    intake = await makeToken(t, 'intake');
    manager = await makeToken(t, 'channel_manager');
  });

  const postLead = async (country = 'DE'): Promise<{ id: string; partnerId: string | null }> => {
    const res = await request(t.http)
      .post('/api/v1/leads')
      .set('Authorization', `Bearer ${intake}`)
      .send({
        email: `buyer${++emails}@example.com`,
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Example GmbH',
        country,
        postalCode: country === 'DE' ? '80331' : '75001',
        productInterest: 'networking',
        leadType: leadType.key,
        campaign: campaign.key,
      })
      .expect(201);
    const [lead] = await t.dataSource.query(`SELECT id, current_partner_id FROM leads WHERE id = $1`, [res.body.id]);
    return { id: lead.id, partnerId: lead.current_partner_id };
  };

  const tally = async (n: number, partners: Partner[]): Promise<Record<string, number>> => {
    const counts: Record<string, number> = Object.fromEntries(partners.map((p) => [p.name, 0]));
    for (let i = 0; i < n; i++) {
      const { partnerId } = await postLead();
      const winner = partners.find((p) => p.id === partnerId);
      if (!winner) throw new Error(`lead ${i + 1} was not offered to any of the partners`);
      counts[winner.name]++;
    }
    return counts;
  };

  const override = (partner: Partner, body: { standing: string; reason: string; endsAt: string }) =>
    request(t.http).post(`/api/v1/partners/${partner.id}/overrides`).set('Authorization', `Bearer ${manager}`).send(body).expect(201);

  describe('fair re-entry', () => {
    it('lets a weight-3 partner back from a suspension take its weight share, not every lead its peers got meanwhile', async () => {
      const one = await makePartner(t.dataSource, { name: 'One', weight: 1, capacity: 1000 });
      const two = await makePartner(t.dataSource, { name: 'Two', weight: 2, capacity: 1000 });
      const three = await makePartner(t.dataSource, { name: 'Three', weight: 3, capacity: 1000 });
      await override(three, { standing: 'suspended', reason: 'Contract under review', endsAt: '2026-03-04T09:00:00Z' });

      expect(await tally(30, [one, two, three])).toEqual({ One: 10, Two: 20, Three: 0 });

      // Back on time (no recompute yet): level with its peers, so the next 30 split 5 / 10 / 15, give or take the stated 2.
      t.clock.set('2026-03-04T09:00:02Z');
      const after = await tally(30, [one, two, three]);
      expect(after.Three).toBeGreaterThanOrEqual(13);
      expect(after.Three).toBeLessThanOrEqual(17);
      expect(after.Two).toBeGreaterThanOrEqual(8);
      expect(after.One).toBeGreaterThanOrEqual(3);

      // The decision that let it back in says so.
      const decisions: { summary: string; policy_version: string }[] = await t.dataSource.query(
        `SELECT summary, policy_version FROM allocation_decisions WHERE winner_partner_id = $1`,
        [three.id],
      );
      expect(decisions.every((d) => d.policy_version === 'dhondt-4')).toBe(true);
      expect(decisions.filter((d) => d.summary.includes('re-entered level with its peers')).map((d) => d.summary)).toEqual([
        'Offered to Three: best fair-share score among 3 eligible partners (re-entered level with its peers: its recent allocations counted as 29, not 0)',
      ]);
    });

    it('lets a partner back from capacity take its weight share', async () => {
      const one = await makePartner(t.dataSource, { name: 'One', weight: 1, capacity: 1000 });
      const full = await makePartner(t.dataSource, { name: 'Full', weight: 1, capacity: 1000 });
      await t.dataSource.query(`UPDATE partners SET capacity = 0 WHERE id = $1`, [full.id]);
      expect(await tally(20, [one, full])).toEqual({ One: 20, Full: 0 });

      await t.dataSource.query(`UPDATE partners SET capacity = 1000 WHERE id = $1`, [full.id]);
      const after = await tally(20, [one, full]);
      expect(Math.abs(after.Full - 10)).toBeLessThanOrEqual(2);
    });
  });

  describe('overrides end on time', () => {
    it('stops offering leads to a partner the moment the override that made it eligible ends; the recompute then decides and tells', async () => {
      const compliance = t.app.get(ComplianceService);
      const paris = await makePartner(t.dataSource, { name: 'Paris SA', territories: ['FR'], standing: 'suspended' });
      await override(paris, { standing: 'good', reason: 'Trial period', endsAt: '2026-03-04T09:00:00Z' });
      expect((await postLead('FR')).partnerId).toBe(paris.id);

      t.clock.set('2026-03-04T09:00:02Z');
      const late = await postLead('FR');

      expect(late.partnerId).toBeNull();
      const [decision] = await t.dataSource.query(`SELECT candidates FROM allocation_decisions WHERE lead_id = $1`, [late.id]);
      expect(decision.candidates.excluded).toEqual([{ partnerId: paris.id, name: 'Paris SA', reasons: ['suspended'] }]);
      // The stored standing and its email move only with the recompute, as before.
      const [before] = await t.dataSource.query(`SELECT standing FROM partners WHERE id = $1`, [paris.id]);
      expect(before.standing).toBe('good');
      const result = await compliance.recompute([paris.id]);
      expect(result.overridesEnded).toBe(1);
    });

    it('lets a partner suspended by an override have leads again the moment the override ends', async () => {
      const paris = await makePartner(t.dataSource, { name: 'Paris SA', territories: ['FR'] });
      await override(paris, { standing: 'suspended', reason: 'Audit', endsAt: '2026-03-02T10:00:00Z' });
      expect((await postLead('FR')).partnerId).toBeNull();

      t.clock.set('2026-03-02T10:00:02Z');
      expect((await postLead('FR')).partnerId).toBe(paris.id);
    });

    it('keeps the standing from before the first override when a second one replaces it', async () => {
      const paris = await makePartner(t.dataSource, { name: 'Paris SA', territories: ['FR'], standing: 'suspended' });
      await override(paris, { standing: 'good', reason: 'Trial', endsAt: '2026-03-10T09:00:00Z' });
      await override(paris, { standing: 'warning', reason: 'Trial, halved', endsAt: '2026-03-03T09:00:00Z' });

      t.clock.set('2026-03-03T09:00:01Z');
      expect((await postLead('FR')).partnerId).toBeNull();
    });
  });

  describe('hand-backs count', () => {
    const act = (token: string, leadId: string, action: string, body: object = {}) =>
      request(t.http).post(`/api/v1/leads/${leadId}/${action}`).set('Authorization', `Bearer ${token}`).send(body);

    const scorecard = async (partner: Partner) =>
      (await request(t.http).get(`/api/v1/partners/${partner.id}/compliance`).set('Authorization', `Bearer ${manager}`).expect(200)).body;

    it('counts handing back an accepted lead without a contact after the grace as a missed contact clock', async () => {
      const holder = await makePartner(t.dataSource, { name: 'Holder', weight: 10 });
      const next = await makePartner(t.dataSource, { name: 'Next' });
      const rep = await makeToken(t, 'partner_rep', holder.id);
      const lead = await postLead();
      expect(lead.partnerId).toBe(holder.id);
      await act(rep, lead.id, 'accept').expect(200);

      // Just before the 4-hour contact deadline, handed back with "other".
      t.clock.advance(239 * MINUTE);
      await act(rep, lead.id, 'decline', { reasonCode: 'other' }).expect(200);

      const breaches = await t.dataSource.query(`SELECT partner_id, kind, due_at, detected_at FROM breaches WHERE lead_id = $1`, [lead.id]);
      expect(breaches).toEqual([
        { partner_id: holder.id, kind: 'contact', due_at: new Date('2026-03-02T09:15:00Z'), detected_at: new Date('2026-03-02T12:59:00Z') },
      ]);
      const card = await scorecard(holder);
      expect(card.counts.missedByKind).toEqual({ accept: 0, contact: 1, feedback: 0, update: 0 });
      // Accept met, contact missed; the feedback clock ended before it was due and does not count.
      expect(card.counts).toMatchObject({ clocksDue: 2, clocksMet: 1, openBreaches: 0 });
      const [again] = await t.dataSource.query(`SELECT current_partner_id FROM leads WHERE id = $1`, [lead.id]);
      expect(again.current_partner_id).toBe(next.id);
      const [line] = await t.dataSource.query(`SELECT summary FROM lead_events WHERE lead_id = $1 AND kind = 'breach'`, [lead.id]);
      expect(line.summary).toBe('Handed back by Holder without a logged contact: counted as a missed contact clock (due 2 March 2026, 09:15 UTC)');
    });

    it('treats handing back within the grace as a plain decline', async () => {
      const holder = await makePartner(t.dataSource, { name: 'Holder', weight: 10 });
      await makePartner(t.dataSource, { name: 'Next' });
      const rep = await makeToken(t, 'partner_rep', holder.id);
      const quick = await postLead();
      await act(rep, quick.id, 'accept').expect(200);
      t.clock.advance(15 * MINUTE);
      await act(rep, quick.id, 'decline', { reasonCode: 'outside_expertise' }).expect(200);

      // A contact moves the lead on (contacted), after which it can no longer be declined at all.
      const contacted = await postLead();
      expect(contacted.partnerId).toBe(holder.id);
      await act(rep, contacted.id, 'accept').expect(200);
      await act(rep, contacted.id, 'activities', { type: 'call' }).expect(201);
      t.clock.advance(2 * 60 * MINUTE);
      await act(rep, contacted.id, 'decline', { reasonCode: 'other' }).expect(409);

      expect(await t.dataSource.query(`SELECT id FROM breaches`)).toEqual([]);
      expect((await scorecard(holder)).counts.missedByKind).toEqual({ accept: 0, contact: 0, feedback: 0, update: 0 });
    });
  });

  describe('bounded calendars', () => {
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const partnerBody = (overrides: Record<string, unknown> = {}) => ({ name: `Calendar ${++emails}`, tier: 'gold', capacity: 5, timezone: 'Europe/Berlin', ...overrides });

    it('refuses empty business hours unless the partner is explicitly around the clock, and says why', async () => {
      const admin = await makeToken(t, 'admin');
      const refused = await request(t.http).post('/api/v1/partners').set(as(admin)).send(partnerBody({ businessHours: [] })).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'businessHours', problems: ['businessHours must list at least one window; for clocks that run day and night set aroundTheClock to true'] },
      ]);

      const thin = await request(t.http)
        .post('/api/v1/partners')
        .set(as(admin))
        .send(partnerBody({ businessHours: [{ day: 1, start: '09:00', end: '09:01' }] }))
        .expect(400);
      expect(thin.body.errors).toEqual([{ field: 'businessHours', problems: ['businessHours must add up to at least 1 hour a week (they add up to 1 minutes)'] }]);

      const always = await request(t.http).post('/api/v1/partners').set(as(admin)).send(partnerBody({ businessHours: [], aroundTheClock: true })).expect(201);
      expect(always.body).toMatchObject({ businessHours: [], aroundTheClock: true });
      // Turning the flag off again needs hours to go with it.
      await request(t.http).patch(`/api/v1/partners/${always.body.id}`).set(as(admin)).send({ aroundTheClock: false }).expect(400);
      await request(t.http)
        .patch(`/api/v1/partners/${always.body.id}`)
        .set(as(admin))
        .send({ aroundTheClock: false, businessHours: [{ day: 1, start: '09:00', end: '10:00' }] })
        .expect(200);
    });

    it('refuses an SLA longer than 60 days', async () => {
      const admin = await makeToken(t, 'admin');
      const res = await request(t.http)
        .post('/api/v1/lead-types')
        .set(as(admin))
        .send({ key: 'forever', name: 'Forever', definition: 'Slow', slaAcceptMinutes: 60, slaContactMinutes: 120, slaFeedbackMinutes: 525_600 })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['slaFeedbackMinutes']);
    });

    it('offers the lead elsewhere, at once, when a partner saved before the bounds has a calendar that cannot time the SLA', async () => {
      const legacy = await makePartner(t.dataSource, { name: 'One Minute GmbH', weight: 100, businessHours: [{ day: 1, start: '09:00', end: '09:01' }] });
      const normal = await makePartner(t.dataSource, { name: 'Normal GmbH' });
      leadType = await makeLeadType(t.dataSource, { slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 525_600 });

      const began = Date.now();
      const lead = await postLead();

      expect(Date.now() - began).toBeLessThan(3_000);
      expect(lead.partnerId).toBe(normal.id);
      const [decision] = await t.dataSource.query(`SELECT candidates, summary FROM allocation_decisions WHERE lead_id = $1`, [lead.id]);
      expect(decision.candidates.excluded).toEqual([{ partnerId: legacy.id, name: 'One Minute GmbH', reasons: ['calendar_unusable'] }]);
      expect(decision.summary).toBe('Offered to Normal GmbH: the only eligible partner; 1 excluded (1 with an unusable calendar)');
    });

    it('times an around-the-clock partner in calendar time', async () => {
      const always = await makePartner(t.dataSource, { name: 'Always AG', businessHours: [], aroundTheClock: true });
      leadType = await makeLeadType(t.dataSource, { slaAcceptMinutes: 60, slaContactMinutes: 240, slaFeedbackMinutes: 1440 });
      t.clock.set('2026-03-07T22:00:00Z'); // a Saturday night

      const lead = await postLead();

      expect(lead.partnerId).toBe(always.id);
      const [assignment] = await t.dataSource.query(`SELECT accept_due_at FROM assignments WHERE lead_id = $1`, [lead.id]);
      expect(assignment.accept_due_at).toEqual(new Date('2026-03-07T23:00:00Z'));
    });
  });

  describe('the way back is visible', () => {
    it('lists the reason codes to every signed-in role, and to nobody else', async () => {
      const partner = await makePartner(t.dataSource);
      for (const token of [
        await makeToken(t, 'partner_rep', partner.id),
        await makeToken(t, 'partner_admin', partner.id),
        manager,
        await makeToken(t, 'admin'),
        intake,
      ]) {
        const res = await request(t.http).get('/api/v1/reason-codes').set('Authorization', `Bearer ${token}`).expect(200);
        expect(res.body.decline).toContainEqual({ code: 'no_capacity', label: 'no capacity' });
        expect(res.body.disqualified).toContainEqual({ code: 'no_budget', label: 'no budget' });
        expect(res.body.lost).toContainEqual({ code: 'competitor', label: 'competitor' });
      }
      await request(t.http).get('/api/v1/reason-codes').expect(401);
    });

    it('gives a suspended partner the live reason, the clocks counted with their leads, and what brings it back', async () => {
      const compliance = t.app.get(ComplianceService);
      const slow = await makePartner(t.dataSource, { name: 'Slow GmbH' });
      const rep = await makeToken(t, 'partner_rep', slow.id);
      const leads: string[] = [];
      for (let i = 0; i < 3; i++) {
        const lead = await postLead();
        await request(t.http).post(`/api/v1/leads/${lead.id}/accept`).set('Authorization', `Bearer ${rep}`).expect(200);
        leads.push(lead.id);
      }
      t.clock.advance(5 * 60 * MINUTE);
      await request(t.http).post('/api/v1/jobs/sla-sweep/run').set('Authorization', `Bearer ${await makeToken(t, 'admin')}`).expect(200);
      await compliance.recompute([slow.id]);

      const card = (await request(t.http).get(`/api/v1/partners/${slow.id}/compliance`).set('Authorization', `Bearer ${rep}`).expect(200)).body;

      expect(card.standing).toBe('suspended');
      expect(card.standingReason).toBe('Still suspended: 50% of SLAs met in the last 90 days (3 of 6), below the 90% needed for reinstatement');
      expect(card.wayBack).toEqual({
        summary: 'What brings you back to good standing: 24 more deadlines met in time, without a miss, bring your score to 90%. New leads resume then.',
        metClocksNeeded: 24,
        breachesToResolve: 0,
        missesToWarning: null,
      });

      const missed = (
        await request(t.http).get(`/api/v1/partners/${slow.id}/compliance/clocks?outcome=missed&pageSize=2`).set('Authorization', `Bearer ${rep}`).expect(200)
      ).body;
      expect(missed.total).toBe(3);
      expect(missed.items).toHaveLength(2);
      expect(missed.items[0]).toMatchObject({ kind: 'contact', met: false, metAt: null, company: 'Example GmbH' });
      const all = (await request(t.http).get(`/api/v1/partners/${slow.id}/compliance/clocks`).set('Authorization', `Bearer ${rep}`).expect(200)).body;
      expect(all.total).toBe(6);
      expect([...new Set(all.items.map((c: { leadId: string }) => c.leadId))].sort()).toEqual([...leads].sort());

      // Another partner's clocks are not there to see; a bad filter is a 400 naming it.
      const other = await makePartner(t.dataSource);
      await request(t.http).get(`/api/v1/partners/${other.id}/compliance/clocks`).set('Authorization', `Bearer ${rep}`).expect(404);
      const bad = await request(t.http).get(`/api/v1/partners/${slow.id}/compliance/clocks?outcome=late`).set('Authorization', `Bearer ${rep}`).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome']);
    });
  });
});
