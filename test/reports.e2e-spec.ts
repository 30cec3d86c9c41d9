import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Campaign, LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { ReportRollupService } from '@leadgate/reporting';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const NOW = '2026-03-10T12:00:00Z';
const MONTHS = '/api/v1/reports/%s?from=2026-02-01&to=2026-03-31&granularity=month';

interface LeadRow {
  campaign: Campaign | null;
  partner: Partner | null;
  country: string;
  createdAt: string;
  status: string;
  opportunity?: number;
  won?: number;
  /** marketing unless given */
  source?: 'marketing' | 'registered_deal';
}
interface AssignmentRow {
  partner: Partner;
  status: string;
  offeredAt: string;
  acceptDue: string;
  contactDue: string;
  feedbackDue: string;
  acceptedAt?: string;
  contactAt?: string;
  feedbackAt?: string;
  endedAt?: string;
}

describe('reports API', () => {
  let t: TestApp;
  let admin: string;
  let type: LeadType;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    type = await makeLeadType(t.dataSource);
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  async function insertLead(lead: LeadRow, assignments: AssignmentRow[] = []): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                          opportunity_amount_minor, won_amount_minor, currency, created_at, updated_at, source)
       VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', $5, $6, $7, $8, 'EUR', $9, $9, $10) RETURNING id`,
      [type.id, lead.campaign?.id ?? null, lead.status, `b${Math.random()}@example.com`, lead.country, lead.partner?.id ?? null,
        lead.opportunity ?? null, lead.won ?? null, lead.createdAt, lead.source ?? 'marketing'],
    );
    for (const a of assignments) {
      await t.dataSource.query(
        `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at,
                                  accepted_at, first_contact_at, feedback_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, a.partner.id, a.status, a.offeredAt, a.acceptDue, a.contactDue, a.feedbackDue, a.acceptedAt ?? null, a.contactAt ?? null,
          a.feedbackAt ?? null, a.endedAt ?? null],
      );
    }
    return id;
  }

  describe('on a small hand-built data set', () => {
    let alpha: Partner;
    let beta: Partner;
    let webinar: Campaign;
    let ads: Campaign;

    beforeAll(async () => {
      alpha = await makePartner(t.dataSource, { name: 'Alpha IT' });
      beta = await makePartner(t.dataSource, { name: 'Beta Systems' });
      webinar = await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 });
      ads = await makeCampaign(t.dataSource, { name: 'Search ads', costMinor: 30_000 });
      admin = await makeToken(t, 'admin');
      // February: one lead, won.
      await insertLead({ campaign: webinar, partner: alpha, country: 'DE', createdAt: '2026-02-20T10:00:00Z', status: 'won', opportunity: 200_000, won: 200_000 }, [
        { partner: alpha, status: 'closed', offeredAt: '2026-02-20T10:00:00Z', acceptDue: '2026-02-20T11:00:00Z', contactDue: '2026-02-20T12:00:00Z', feedbackDue: '2026-02-22T10:00:00Z',
          acceptedAt: '2026-02-20T10:30:00Z', contactAt: '2026-02-20T11:00:00Z', feedbackAt: '2026-02-21T10:00:00Z', endedAt: '2026-02-25T10:00:00Z' },
      ]);
      // March: five leads.
      await insertLead({ campaign: webinar, partner: alpha, country: 'DE', createdAt: '2026-03-02T09:00:00Z', status: 'won', opportunity: 500_000, won: 400_000 }, [
        { partner: alpha, status: 'closed', offeredAt: '2026-03-02T09:10:00Z', acceptDue: '2026-03-02T10:10:00Z', contactDue: '2026-03-02T11:10:00Z', feedbackDue: '2026-03-04T09:10:00Z',
          acceptedAt: '2026-03-02T09:40:00Z', contactAt: '2026-03-02T10:10:00Z', feedbackAt: '2026-03-03T09:10:00Z', endedAt: '2026-03-08T09:00:00Z' },
      ]);
      await insertLead({ campaign: webinar, partner: alpha, country: 'DE', createdAt: '2026-03-02T10:00:00Z', status: 'qualified' }, [
        { partner: alpha, status: 'accepted', offeredAt: '2026-03-02T10:20:00Z', acceptDue: '2026-03-02T11:20:00Z', contactDue: '2026-03-02T12:20:00Z', feedbackDue: '2026-03-04T10:20:00Z',
          acceptedAt: '2026-03-02T11:40:00Z', contactAt: '2026-03-02T12:00:00Z', feedbackAt: '2026-03-02T14:20:00Z' },
      ]);
      await insertLead({ campaign: webinar, partner: beta, country: 'AT', createdAt: '2026-03-03T08:00:00Z', status: 'lost', opportunity: 100_000 }, [
        { partner: alpha, status: 'declined', offeredAt: '2026-03-03T08:30:00Z', acceptDue: '2026-03-03T09:30:00Z', contactDue: '2026-03-03T10:30:00Z', feedbackDue: '2026-03-05T08:30:00Z',
          endedAt: '2026-03-03T08:45:00Z' },
        { partner: beta, status: 'closed', offeredAt: '2026-03-03T09:00:00Z', acceptDue: '2026-03-03T10:00:00Z', contactDue: '2026-03-03T11:00:00Z', feedbackDue: '2026-03-05T09:00:00Z',
          acceptedAt: '2026-03-03T09:30:00Z', contactAt: '2026-03-03T10:00:00Z', feedbackAt: '2026-03-03T12:00:00Z', endedAt: '2026-03-06T09:00:00Z' },
      ]);
      await insertLead({ campaign: ads, partner: beta, country: 'AT', createdAt: '2026-03-05T08:00:00Z', status: 'offered' }, [
        { partner: beta, status: 'offered', offeredAt: '2026-03-05T08:05:00Z', acceptDue: '2026-03-05T09:05:00Z', contactDue: '2026-03-05T10:05:00Z', feedbackDue: '2026-03-07T08:05:00Z' },
      ]);
      await insertLead({ campaign: ads, partner: null, country: 'DE', createdAt: '2026-03-06T08:00:00Z', status: 'unallocated' });
      await t.app.get(ReportRollupService).run();
    });

    it('counts volumes, campaign effectiveness, pipeline, closed business and revenue conversion per month', async () => {
      const res = await get(MONTHS.replace('%s', 'outcomes'), admin).expect(200);
      expect(res.body).toMatchObject({ from: '2026-02-01', to: '2026-03-31', granularity: 'month', groupBy: 'none', currency: 'EUR' });
      expect(res.body.rows).toEqual([
        { period: '2026-02-01', groupId: null, groupName: null, leads: 1, accepted: 1, contacted: 1, qualified: 1, disqualified: 0, recycled: 0, opportunities: 1,
          pipelineMinor: 200_000, won: 1, wonMinor: 200_000, spendMinor: 25_000, otherCurrencies: [], costPerLeadMinor: 25_000, costPerQualifiedLeadMinor: 25_000,
          roi: 7, wonPerLeadMinor: 200_000, wonPerSpend: 8 },
        // Spend: three webinar leads at 1,000.00 / 4 leads and two ad leads at 300.00 / 2 leads.
        { period: '2026-03-01', groupId: null, groupName: null, leads: 5, accepted: 3, contacted: 3, qualified: 3, disqualified: 0, recycled: 0, opportunities: 2,
          pipelineMinor: 600_000, won: 1, wonMinor: 400_000, spendMinor: 105_000, otherCurrencies: [], costPerLeadMinor: 21_000, costPerQualifiedLeadMinor: 35_000,
          roi: 2.8095, wonPerLeadMinor: 80_000, wonPerSpend: 3.8095 },
      ]);
      expect(Object.keys(res.body.definitions)).toEqual(Object.keys(res.body.rows[0]).slice(3));
      expect(res.body.definitions.roi).toMatch(/won amount − spend/);
      expect(res.body.programMedian).toBeUndefined();
    });

    it('groups by campaign with names, and a campaign with no won business has an ROI of −1', async () => {
      const res = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&groupBy=campaign', admin).expect(200);
      const byName = Object.fromEntries(res.body.rows.map((r: { groupName: string }) => [r.groupName, r]));
      expect(byName['Spring webinar']).toMatchObject({ groupId: webinar.id, leads: 3, qualified: 3, spendMinor: 75_000, wonMinor: 400_000, costPerQualifiedLeadMinor: 25_000 });
      expect(byName['Search ads']).toMatchObject({ groupId: ads.id, leads: 2, qualified: 0, spendMinor: 30_000, wonMinor: 0, roi: -1, costPerQualifiedLeadMinor: null });
    });

    it('filters by country and lead type, and buckets by ISO week', async () => {
      const res = await get(`/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&granularity=week&country=AT&leadTypeId=${type.id}`, admin).expect(200);
      // 2026-03-03 and 2026-03-05 fall in the week starting Monday 2 March.
      expect(res.body.rows.map((r: { period: string; leads: number }) => [r.period, r.leads])).toEqual([['2026-03-02', 2]]);
    });

    it('reports hand-off and follow-up times (median, 90th percentile) and the share within SLA', async () => {
      const res = await get('/api/v1/reports/sla?from=2026-03-01&to=2026-03-31', admin).expect(200);
      expect(res.body.rows).toEqual([
        { period: '2026-03-01', groupId: null, groupName: null, firstOffers: 4,
          handoffMedianMinutes: 15, handoffP90Minutes: 27, acceptMedianMinutes: 30, acceptP90Minutes: 70,
          contactMedianMinutes: 60, contactP90Minutes: 92, feedbackMedianMinutes: 240, feedbackP90Minutes: 1200,
          // Answered in time: two acceptances and one decline; one late acceptance, one offer never answered.
          acceptClocks: 5, acceptMet: 3, contactClocks: 3, contactMet: 3, feedbackClocks: 3, feedbackMet: 3,
          acceptWithinSla: 0.6, contactWithinSla: 1, feedbackWithinSla: 1 },
      ]);
      expect(res.body.definitions.handoffMedianMinutes).toMatch(/arrival to its first offer/);
    });

    it('gives the same figures as CSV, by ?format=csv or by Accept: text/csv', async () => {
      for (const report of ['outcomes', 'sla']) {
        const json = (await get(`/api/v1/reports/${report}?from=2026-02-01&to=2026-03-31&groupBy=partner`, admin).expect(200)).body;
        const byQuery = await get(`/api/v1/reports/${report}?from=2026-02-01&to=2026-03-31&groupBy=partner&format=csv`, admin).expect(200);
        const byHeader = await get(`/api/v1/reports/${report}?from=2026-02-01&to=2026-03-31&groupBy=partner`, admin).set('Accept', 'text/csv').expect(200);
        expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
        expect(byQuery.headers['content-disposition']).toBe(`attachment; filename="${report}-2026-02-01-to-2026-03-31-by-partner.csv"`);
        expect(byHeader.text).toBe(byQuery.text);
        const records: Array<Record<string, string>> = parse(byQuery.text, { columns: true });
        expect(records).toHaveLength(json.rows.length);
        expect(records.length).toBeGreaterThan(1);
        // The same figures; amounts (…Minor in JSON) in euros, under "… (EUR)".
        const inCsv = (key: string, value: unknown) =>
          key.endsWith('Minor') ? [`${key.slice(0, -5)} (EUR)`, value === null ? '' : (Number(value) / 100).toFixed(2)] : [key, value === null ? '' : String(value)];
        json.rows.forEach((row: Record<string, unknown>, i: number) => {
          for (const [key, value] of Object.entries(row)) {
            if (key === 'otherCurrencies') continue; // no amounts in another currency here: no columns for them
            const [column, text] = inCsv(key, value);
            expect([column, records[i][column]]).toEqual([column, text]);
          }
        });
      }
    });

    it('shows a partner only its own figures, beside the anonymous program median', async () => {
      const rep = await makeToken(t, 'partner_rep', alpha.id);
      const res = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&groupBy=partner', rep).expect(200);
      expect(res.body.rows).toEqual([expect.objectContaining({ groupId: alpha.id, groupName: 'Alpha IT', leads: 2, won: 1, wonMinor: 400_000 })]);
      // Alpha and Beta are the only partners: a median over two would give Beta's figures away, so it is withheld.
      expect(res.body.programMedian).toEqual([
        expect.objectContaining({ period: '2026-03-01', groupId: null, groupName: 'Program median (all partners, anonymous)', leads: null, won: null, note: 'withheld: fewer than 5 partners' }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain(beta.id);
      expect(JSON.stringify(res.body)).not.toContain('Beta Systems');

      const sla = await get('/api/v1/reports/sla?from=2026-03-01&to=2026-03-31', rep).expect(200);
      // Alpha's clocks: two accepted offers (one late) and one declined in time.
      expect(sla.body.rows).toEqual([expect.objectContaining({ acceptClocks: 3, acceptMet: 2, firstOffers: 3 })]);
      expect(sla.body.programMedian).toHaveLength(1);
    });

    it('answers 404 when a partner asks for another partner, and 403 to an intake token', async () => {
      const rep = await makeToken(t, 'partner_admin', alpha.id);
      await get(`/api/v1/reports/outcomes?partnerId=${beta.id}`, rep).expect(404);
      await get(`/api/v1/reports/outcomes?partnerId=${alpha.id}`, rep).expect(200);
      const intake = await makeToken(t, 'intake');
      await get('/api/v1/reports/outcomes', intake).expect(403);
      await get('/api/v1/reports/sla', intake).expect(403);
      await request(t.http).get('/api/v1/reports/sla').expect(401);
    });

    it.each([
      ['granularity=year', 'granularity'],
      ['groupBy=region', 'groupBy'],
      ['from=2026-02-30', 'from'],
      ['from=2026-03-10&to=2026-03-01', 'to'],
      ['from=2020-01-01&to=2026-03-01', 'from'],
      ['partnerId=not-a-uuid', 'partnerId'],
      ['country=de', 'country'],
      ['format=xml', 'format'],
      ['source=partner', 'source'],
      ['colour=blue', 'colour'],
    ])('answers 400 naming the field for %s', async (query, field) => {
      const res = await get(`/api/v1/reports/outcomes?${query}`, admin).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    // Last in this block: it turns March's won lead into a registered deal.
    it('splits every report by source, filters by it, and names it in the CSV', async () => {
      await t.dataSource.query(`UPDATE leads SET source = 'registered_deal', updated_at = $1 WHERE created_at = '2026-03-02T09:00:00Z'`, [NOW]);
      expect(await t.app.get(ReportRollupService).run()).toMatchObject({ mode: 'incremental' });
      const march = '?from=2026-03-01&to=2026-03-31';

      const outcomes = await get(`/api/v1/reports/outcomes${march}&groupBy=source`, admin).expect(200);
      expect(outcomes.body.rows).toEqual([
        expect.objectContaining({ groupId: 'marketing', groupName: 'Marketing lead', leads: 4, qualified: 2, won: 0, pipelineMinor: 100_000, spendMinor: 80_000 }),
        expect.objectContaining({ groupId: 'registered_deal', groupName: 'Registered deal', leads: 1, qualified: 1, won: 1, wonMinor: 400_000, spendMinor: 25_000 }),
      ]);
      const deals = await get(`/api/v1/reports/outcomes${march}&source=registered_deal`, admin).expect(200);
      expect(deals.body.rows).toEqual([expect.objectContaining({ groupId: null, leads: 1, won: 1, wonMinor: 400_000 })]);
      const marketingByCampaign = await get(`/api/v1/reports/outcomes${march}&groupBy=campaign&source=marketing`, admin).expect(200);
      expect(marketingByCampaign.body.rows.map((r: { groupName: string; leads: number }) => [r.groupName, r.leads]).sort())
        .toEqual([['Search ads', 2], ['Spring webinar', 2]]);

      // SLA: the summary answers the grouping, the rows a source filter beside another dimension.
      const sla = await get(`/api/v1/reports/sla${march}&groupBy=source`, admin).expect(200);
      expect(sla.body.rows).toEqual([
        expect.objectContaining({ groupId: 'marketing', firstOffers: 3, acceptClocks: 4, acceptMet: 2 }),
        expect.objectContaining({ groupId: 'registered_deal', firstOffers: 1, acceptClocks: 1, acceptMet: 1, contactMet: 1, handoffMedianMinutes: 10 }),
      ]);
      const slaDeals = await get(`/api/v1/reports/sla${march}&groupBy=partner&source=registered_deal`, admin).expect(200);
      expect(slaDeals.body.rows).toEqual([expect.objectContaining({ groupId: alpha.id, firstOffers: 1, acceptClocks: 1 })]);
      const quality = await get(`/api/v1/reports/quality${march}&groupBy=source`, admin).expect(200);
      expect(quality.body.rows.map((r: { groupName: string; leads: number }) => [r.groupName, r.leads])).toEqual([['Marketing lead', 4], ['Registered deal', 1]]);

      const csv = await get(`/api/v1/reports/outcomes${march}&groupBy=source&format=csv`, admin).expect(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="outcomes-2026-03-01-to-2026-03-31-by-source.csv"');
      const records: Array<Record<string, string>> = parse(csv.text, { columns: true });
      expect(records.map((r) => [r.groupId, r.groupName, r.leads, r['won (EUR)']])).toEqual([
        ['marketing', 'Marketing lead', '4', '0.00'],
        ['registered_deal', 'Registered deal', '1', '4000.00'],
      ]);
      // A partner sees its own leads split the same way.
      const rep = await makeToken(t, 'partner_rep', alpha.id);
      const own = await get(`/api/v1/reports/outcomes${march}&groupBy=source`, rep).expect(200);
      expect(own.body.rows.map((r: { groupId: string; leads: number }) => [r.groupId, r.leads])).toEqual([['marketing', 1], ['registered_deal', 1]]);
    });
  });

  describe('on random data', () => {
    const FROM = '2026-01-01';
    const TO = '2026-03-31';
    let seed = 20260310;
    // A small seeded generator, so a failure can be replayed.
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
    const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
    let partners: Partner[];
    let campaigns: Array<Campaign | null>;

    async function randomLead(createdAt: string): Promise<void> {
      const partner = rand() < 0.85 ? pick(partners) : null;
      const status = partner ? pick(['offered', 'accepted', 'contacted', 'qualified', 'opportunity', 'won', 'lost', 'disqualified', 'recycled']) : pick(['new', 'unallocated']);
      const opportunity = ['opportunity', 'won', 'lost'].includes(status) && rand() < 0.8 ? 1_000 * Math.floor(rand() * 5_000) : undefined;
      const won = status === 'won' ? 1_000 * Math.floor(rand() * 5_000) : undefined;
      const assignments: AssignmentRow[] = [];
      let offeredAt = minutesAfter(createdAt, Math.floor(rand() * 600));
      if (partner && rand() < 0.3) {
        const other = partners.find((p) => p.id !== partner.id)!;
        const endedAt = minutesAfter(offeredAt, Math.floor(rand() * 300));
        assignments.push({ partner: other, status: 'declined', offeredAt, acceptDue: minutesAfter(offeredAt, 120), contactDue: minutesAfter(offeredAt, 240),
          feedbackDue: minutesAfter(offeredAt, 4_000), endedAt });
        offeredAt = minutesAfter(endedAt, Math.floor(rand() * 120));
      }
      if (partner) {
        const acceptedAt = status === 'offered' ? undefined : minutesAfter(offeredAt, Math.floor(rand() * 240));
        const contactAt = acceptedAt && status !== 'accepted' && rand() < 0.9 ? minutesAfter(acceptedAt, Math.floor(rand() * 600)) : undefined;
        const feedbackAt = contactAt && !['accepted', 'contacted'].includes(status) ? minutesAfter(contactAt, Math.floor(rand() * 5_000)) : undefined;
        assignments.push({ partner, status: acceptedAt ? 'accepted' : 'offered', offeredAt, acceptDue: minutesAfter(offeredAt, 120),
          contactDue: minutesAfter(offeredAt, 480), feedbackDue: minutesAfter(offeredAt, 4_800), acceptedAt, contactAt, feedbackAt });
      }
      const source = partner && rand() < 0.3 ? 'registered_deal' : 'marketing';
      await insertLead({ campaign: pick(campaigns), partner, country: pick(['DE', 'AT', 'FR']), createdAt, status, opportunity, won, source }, assignments);
    }

    /** The outcome sums straight from leads and assignments, per ISO week and campaign (or another column of the lead). */
    async function rawOutcomes(group = 'campaign_id::text', only = 'true'): Promise<Record<string, unknown>> {
      const rows = await t.dataSource.query(
        `WITH cost AS (
           SELECT c.id, c.cost_minor::numeric / count(l.id) AS per_lead FROM campaigns c JOIN leads l ON l.campaign_id = c.id GROUP BY c.id
         ), facts AS (
           SELECT l.*, date_trunc('week', l.created_at AT TIME ZONE 'UTC') AS week,
                  EXISTS (SELECT 1 FROM assignments a WHERE a.lead_id = l.id AND a.accepted_at IS NOT NULL) AS was_accepted,
                  EXISTS (SELECT 1 FROM assignments a WHERE a.lead_id = l.id AND a.first_contact_at IS NOT NULL) AS was_contacted
             FROM leads l WHERE l.created_at >= $1::date AND l.created_at < $2::date + 1 AND ${only}
         )
         SELECT to_char(week, 'YYYY-MM-DD') || '|' || COALESCE(f.${group}, '-') AS key,
                count(*)::int AS leads, count(*) FILTER (WHERE was_accepted)::int AS accepted, count(*) FILTER (WHERE was_contacted)::int AS contacted,
                count(*) FILTER (WHERE status IN ('qualified', 'opportunity', 'won', 'lost'))::int AS qualified,
                count(*) FILTER (WHERE status = 'disqualified')::int AS disqualified, count(*) FILTER (WHERE status = 'recycled')::int AS recycled,
                count(opportunity_amount_minor)::int AS opportunities, COALESCE(sum(opportunity_amount_minor), 0)::float8 AS "pipelineMinor",
                count(*) FILTER (WHERE status = 'won')::int AS won, COALESCE(sum(won_amount_minor) FILTER (WHERE status = 'won'), 0)::float8 AS "wonMinor",
                round(COALESCE(sum(cost.per_lead), 0))::float8 AS "spendMinor"
           FROM facts f LEFT JOIN cost ON cost.id = f.campaign_id
          GROUP BY 1`,
        [FROM, TO],
      );
      return Object.fromEntries(rows.map(({ key, ...sums }: { key: string }) => [key, sums]));
    }

    /** The SLA figures straight from assignments, per month (or day) and assignment partner (or `group`), of leads matching `only`. */
    async function rawSla(granularity: 'month' | 'day' = 'month', group = 'a.partner_id::text', only = 'true'): Promise<Record<string, unknown>> {
      const minutes = (to: string, from = 'a.offered_at') => `extract(epoch FROM ${to} - ${from}) / 60`;
      const pct = (expr: string, p: number) => `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${expr})`;
      const due = (col: string) => `(${col} < $3 AND (a.ended_at IS NULL OR a.ended_at > ${col}))`;
      const handoff = `CASE WHEN a.offered_at = (SELECT min(b.offered_at) FROM assignments b WHERE b.lead_id = l.id) THEN ${minutes('a.offered_at', 'l.created_at')} END`;
      const met = `COALESCE(a.accepted_at, CASE WHEN a.status = 'declined' THEN a.ended_at END)`;
      const rows = await t.dataSource.query(
        `SELECT to_char(date_trunc($4, l.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') || '|' || ${group} AS key,
                count(${handoff})::int AS "firstOffers",
                ${pct(handoff, 0.5)} AS "handoffMedianMinutes", ${pct(handoff, 0.9)} AS "handoffP90Minutes",
                ${pct(minutes('a.accepted_at'), 0.5)} AS "acceptMedianMinutes", ${pct(minutes('a.accepted_at'), 0.9)} AS "acceptP90Minutes",
                ${pct(minutes('a.first_contact_at'), 0.5)} AS "contactMedianMinutes", ${pct(minutes('a.first_contact_at'), 0.9)} AS "contactP90Minutes",
                ${pct(minutes('a.feedback_at'), 0.5)} AS "feedbackMedianMinutes", ${pct(minutes('a.feedback_at'), 0.9)} AS "feedbackP90Minutes",
                count(*) FILTER (WHERE ${met} IS NOT NULL OR ${due('a.accept_due_at')})::int AS "acceptClocks",
                count(*) FILTER (WHERE ${met} <= a.accept_due_at)::int AS "acceptMet",
                count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND (a.first_contact_at IS NOT NULL OR ${due('a.contact_due_at')}))::int AS "contactClocks",
                count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND a.first_contact_at <= a.contact_due_at)::int AS "contactMet",
                count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND (a.feedback_at IS NOT NULL OR ${due('a.feedback_due_at')}))::int AS "feedbackClocks",
                count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND a.feedback_at <= a.feedback_due_at)::int AS "feedbackMet"
           FROM assignments a JOIN leads l ON l.id = a.lead_id
          WHERE l.created_at >= $1::date AND l.created_at < $2::date + 1 AND ${only}
          GROUP BY 1`,
        [FROM, TO, t.clock.now(), granularity],
      );
      const tenth = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
      return Object.fromEntries(
        rows.map(({ key, ...figures }: Record<string, number | null>) => [
          key,
          Object.fromEntries(Object.entries(figures).map(([name, v]) => [name, name.endsWith('Minutes') ? tenth(v) : v])),
        ]),
      );
    }

    async function reported(path: string, keys: string[]): Promise<Record<string, unknown>> {
      const res = await get(path, admin).expect(200);
      return Object.fromEntries(
        res.body.rows.map((row: Record<string, unknown>) => [
          `${row.period}|${row.groupId ?? '-'}`,
          Object.fromEntries(keys.map((k) => [k, row[k]])),
        ]),
      );
    }

    const OUTCOME_KEYS = ['leads', 'accepted', 'contacted', 'qualified', 'disqualified', 'recycled', 'opportunities', 'pipelineMinor', 'won', 'wonMinor', 'spendMinor'];

    async function expectReportsMatchRawRows(): Promise<void> {
      const raw = await rawOutcomes();
      expect(Object.keys(raw).length).toBeGreaterThan(20);
      expect(await reported(`/api/v1/reports/outcomes?from=${FROM}&to=${TO}&granularity=week&groupBy=campaign`, OUTCOME_KEYS)).toEqual(raw);
      const rawSlaRows = await rawSla();
      const slaKeys = Object.keys(Object.values(rawSlaRows)[0] as object);
      expect(await reported(`/api/v1/reports/sla?from=${FROM}&to=${TO}&groupBy=partner`, slaKeys)).toEqual(rawSlaRows);
      // A filter on a second dimension is answered from the rows rather than the per-period summary: same figures.
      expect(await reported(`/api/v1/reports/sla?from=${FROM}&to=${TO}&groupBy=partner&leadTypeId=${type.id}`, slaKeys)).toEqual(rawSlaRows);
      // Outcomes by partner come from the per-period summary, also with a campaign filter; with a filter on a second
      // dimension (country) from the day rollup: the same figures either way.
      const week = `/api/v1/reports/outcomes?from=${FROM}&to=${TO}&granularity=week&groupBy=partner`;
      const campaign = campaigns.find((c) => c !== null)!;
      expect(await reported(week, OUTCOME_KEYS)).toEqual(await rawOutcomes('current_partner_id::text'));
      expect(await reported(`${week}&campaignId=${campaign.id}`, OUTCOME_KEYS))
        .toEqual(await rawOutcomes('current_partner_id::text', `l.campaign_id = '${campaign.id}'`));
      expect(await reported(`${week}&country=DE`, OUTCOME_KEYS)).toEqual(await rawOutcomes('current_partner_id::text', `l.country = 'DE'`));
      // Split by source: marketing leads and registered deals, each against the raw rows.
      const rawBySource = await rawOutcomes('source');
      expect(Object.keys(rawBySource).some((key) => key.endsWith('|registered_deal'))).toBe(true);
      expect(await reported(`/api/v1/reports/outcomes?from=${FROM}&to=${TO}&granularity=week&groupBy=source`, OUTCOME_KEYS)).toEqual(rawBySource);
      expect(await reported(`/api/v1/reports/sla?from=${FROM}&to=${TO}&groupBy=source`, slaKeys)).toEqual(await rawSla('month', 'l.source'));
      expect(await reported(`/api/v1/reports/sla?from=${FROM}&to=${TO}&groupBy=partner&source=registered_deal`, slaKeys))
        .toEqual(await rawSla('month', 'a.partner_id::text', `l.source = 'registered_deal'`));
    }

    beforeAll(async () => {
      await t.dataSource.query(`TRUNCATE leads, assignments, partners, campaigns, report_daily, report_sla, report_campaign_leads, report_rollup_state CASCADE`);
      admin = await makeToken(t, 'admin'); // the truncation took every token with it
      partners = [];
      for (let i = 0; i < 4; i++) partners.push(await makePartner(t.dataSource));
      campaigns = [null];
      for (let i = 0; i < 3; i++) campaigns.push(await makeCampaign(t.dataSource, { costMinor: 10_000 + Math.floor(rand() * 1_000_000) }));
      for (let i = 0; i < 400; i++) await randomLead(minutesAfter('2026-01-01T00:00:00Z', Math.floor(rand() * 68 * 24 * 60)));
    });

    it('gives the same figures from the rollup as a plain query over the raw rows', async () => {
      const first = await t.app.get(ReportRollupService).run();
      expect(first).toMatchObject({ mode: 'full', dailyRows: expect.any(Number) });
      await expectReportsMatchRawRows();
    });

    it('picks up changed and new leads on the next incremental run, re-rolling only their days', async () => {
      const changed: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM leads WHERE status = 'contacted' ORDER BY id LIMIT 10`);
      expect(changed.length).toBeGreaterThan(3);
      await t.dataSource.query(
        `UPDATE leads SET status = 'won', won_amount_minor = 123400, opportunity_amount_minor = 200000, updated_at = $2 WHERE id = ANY($1::uuid[])`,
        [changed.map((row) => row.id), NOW],
      );
      await t.dataSource.query(`UPDATE assignments SET feedback_at = first_contact_at + interval '1 hour' WHERE lead_id = ANY($1::uuid[])`, [changed.map((row) => row.id)]);
      await t.dataSource.query(`UPDATE campaigns SET cost_minor = cost_minor * 2`); // costs are read live
      for (let i = 0; i < 5; i++) await randomLead(minutesAfter('2026-03-09T00:00:00Z', i * 60));

      const second = await t.app.get(ReportRollupService).run();

      expect(second.mode).toBe('incremental');
      expect(second.days).toBeGreaterThan(0);
      expect(second.days).toBeLessThan(30);
      await expectReportsMatchRawRows();
    });

    it('counts a clock that fell due since the last run as missed, though no lead changed', async () => {
      const later = '2026-03-17T12:00:00Z';
      const [{ due }] = await t.dataSource.query(
        `SELECT count(*)::int AS due FROM assignments WHERE status = 'accepted' AND feedback_at IS NULL AND feedback_due_at > $1 AND feedback_due_at <= $2`,
        [NOW, later],
      );
      expect(due).toBeGreaterThan(0);
      t.clock.set(later);
      try {
        const third = await t.app.get(ReportRollupService).run();
        expect(third).toMatchObject({ mode: 'incremental', days: expect.any(Number) });
        expect(third.days).toBeGreaterThan(0);
        await expectReportsMatchRawRows();
        // Per day, so days that no changed lead re-rolled are checked too.
        const rawDays = await rawSla('day');
        const slaKeys = Object.keys(Object.values(rawDays)[0] as object);
        expect(await reported(`/api/v1/reports/sla?from=${FROM}&to=${TO}&granularity=day&groupBy=partner`, slaKeys)).toEqual(rawDays);
      } finally {
        t.clock.set(NOW);
      }
    });
  });

  describe('in several currencies', () => {
    let partner: Partner;
    let euroCampaign: Campaign;
    let dollarCampaign: Campaign;

    beforeAll(async () => {
      await t.dataSource.query(`TRUNCATE leads, assignments, partners, campaigns, report_daily, report_sla, report_reasons, report_campaign_leads, report_rollup_state CASCADE`);
      admin = await makeToken(t, 'admin');
      partner = await makePartner(t.dataSource, { name: 'Gamma Global' });
      euroCampaign = await makeCampaign(t.dataSource, { name: 'Euro fair', costMinor: 50_000, currency: 'EUR' });
      dollarCampaign = await makeCampaign(t.dataSource, { name: 'US webinar', costMinor: 80_000, currency: 'USD' });
      const lead = async (campaign: Campaign, status: string, currency: string | null, opportunity?: number, won?: number) => {
        await t.dataSource.query(
          `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                              opportunity_amount_minor, won_amount_minor, currency, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $4, 'Buyer Inc', 'US', $5, $6, $7, $8, '2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z')`,
          [type.id, campaign.id, status, `c${Math.random()}@example.com`, partner.id, opportunity ?? null, won ?? null, currency],
        );
      };
      await lead(euroCampaign, 'won', 'EUR', 200_000, 150_000);
      await lead(euroCampaign, 'won', 'USD', 4_200_050, 3_900_000); // a euro campaign's deal closed in dollars
      await lead(dollarCampaign, 'opportunity', 'USD', 1_000_000);
      await lead(dollarCampaign, 'qualified', null);
      await t.app.get(ReportRollupService).run();
    });

    it('never adds two currencies: the report currency’s amounts as figures, each other currency listed apart', async () => {
      const res = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31', admin).expect(200);
      expect(res.body.currency).toBe('EUR');
      expect(res.body.rows).toEqual([
        expect.objectContaining({
          leads: 4, won: 2, opportunities: 3,
          // Only euro amounts: 2,000.00 pipeline, 1,500.00 won, the euro campaign's 500.00 spend.
          pipelineMinor: 200_000, wonMinor: 150_000, spendMinor: 50_000, roi: 2,
          otherCurrencies: [{ currency: 'USD', pipelineMinor: 5_200_050, wonMinor: 3_900_000, spendMinor: 80_000 }],
        }),
      ]);
      expect(res.body.definitions.otherCurrencies).toMatch(/never converted/);

      const byCampaign = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&groupBy=campaign', admin).expect(200);
      const us = byCampaign.body.rows.find((r: { groupName: string }) => r.groupName === 'US webinar');
      expect(us).toMatchObject({ spendMinor: 0, costPerLeadMinor: 0, otherCurrencies: [{ currency: 'USD', pipelineMinor: 1_000_000, wonMinor: 0, spendMinor: 80_000 }] });

      const csv = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&format=csv', admin).expect(200);
      const [record] = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
      expect(record).toMatchObject({ 'won (EUR)': '1500.00', 'pipeline (USD)': '52000.50', 'won (USD)': '39000.00', 'spend (USD)': '800.00' });
    });

    it('shows the other currency apart on the dashboard too', async () => {
      await t.app.get(UsersService).createUser({ email: 'cur-admin@example.com', displayName: 'Cur Admin', role: 'admin', password: 'currency-password' });
      const cookie = await signIn(t.http, 'cur-admin@example.com', 'currency-password');
      const page = await request(t.http).get('/dashboard?from=2026-03-01&to=2026-03-31').set('Cookie', cookie).expect(200);
      expect(page.text).toMatch(/Closed business<\/span> <strong class="figure-value">€1,500.00<\/strong>/);
      expect(page.text).toContain('In other currencies, not converted: pipeline US$52,000.50, won US$39,000.00, spend US$800.00.');
    });
  });
});
