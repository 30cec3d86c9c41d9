import request from 'supertest';
import { Campaign, LeadType } from '@leadgate/catalog';
import { JobsService } from '@leadgate/jobs';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';
const PERIOD = '/dashboard?from=2026-02-01&to=2026-03-31&granularity=month';

describe('dashboard pages', () => {
  let t: TestApp;
  let type: LeadType;
  let alpha: Partner;
  let beta: Partner;
  let webinar: Campaign;
  let sequence = 0;

  const signInAs = async (role: 'admin' | 'channel_manager' | 'partner_rep', partnerId?: string): Promise<string> => {
    const email = `dash-user${++sequence}@example.com`;
    await t.app.get(UsersService).createUser({ email, displayName: `User ${sequence}`, role, partnerId, password: PASSWORD });
    return signIn(t.http, email, PASSWORD);
  };
  const insertLead = async (campaign: Campaign, partner: Partner, createdAt: string, status: string, amounts: { opportunity?: number; won?: number }, accepted: boolean, reason?: string) => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                          opportunity_amount_minor, won_amount_minor, currency, outcome_reason_code, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', 'DE', $5, $6, $7, 'EUR', $8, $9, $9) RETURNING id`,
      [type.id, campaign.id, status, `b${++sequence}@example.com`, partner.id, amounts.opportunity ?? null, amounts.won ?? null, reason ?? null, createdAt],
    );
    const at = (minutes: number) => new Date(Date.parse(createdAt) + minutes * 60_000).toISOString();
    await t.dataSource.query(
      `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, partner.id, accepted ? 'accepted' : 'offered', at(0), at(60), at(120), at(2880), accepted ? at(30) : null, accepted ? at(90) : null, accepted ? at(600) : null],
    );
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T12:00:00Z' });
    type = await makeLeadType(t.dataSource);
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT' });
    beta = await makePartner(t.dataSource, { name: 'Beta Systems' });
    webinar = await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 });
    await insertLead(webinar, alpha, '2026-02-20T10:00:00Z', 'won', { opportunity: 200_000, won: 200_000 }, true);
    await insertLead(webinar, alpha, '2026-03-02T10:00:00Z', 'qualified', {}, true);
    await insertLead(webinar, beta, '2026-03-03T10:00:00Z', 'offered', {}, false);
    await insertLead(webinar, beta, '2026-03-04T10:00:00Z', 'won', { opportunity: 500_000, won: 400_000 }, true);
    await t.app.get(JobsService).runNow('reports-rollup');
  });
  afterAll(() => t.close());

  it('shows an admin the five numbers for the period, each with its definition', async () => {
    const cookie = await signInAs('admin');
    const page = await request(t.http).get(PERIOD).set('Cookie', cookie).expect(200);
    const text = page.text.replace(/&#x27;|&#39;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    // Each table downloads as CSV from the reports API, for the same period.
    const campaignsCsv = /<a href="([^"]+)" download>Campaign figures as CSV<\/a>/.exec(text)![1];
    expect(campaignsCsv).toBe('/api/v1/reports/outcomes?from=2026-02-01&to=2026-03-31&granularity=month&groupBy=campaign&format=csv');
    const csv = await request(t.http).get(campaignsCsv).set('Cookie', cookie).expect(200);
    expect(csv.text).toMatch(/^2026-03-01,[0-9a-f-]{36},Spring webinar,3,2,2,2,0,0,1,5000.00,/m);
    for (const name of ['Figures per period', 'SLA figures', 'Lead quality per campaign', 'Lead quality per lead type', 'Outcomes per partner', 'SLA per partner']) {
      const link = new RegExp(`<a href="([^"]+)" download>${name} as CSV</a>`).exec(text);
      expect([name, link && (await request(t.http).get(link[1]).set('Cookie', cookie)).status]).toEqual([name, 200]);
    }
    expect(text).toMatch(/Leads<\/span> <strong class="figure-value">4<\/strong><small class="definition">Leads that arrived in the period/);
    expect(text).toMatch(/Qualified leads<\/span> <strong class="figure-value">3<\/strong>/);
    expect(text).toMatch(/Pipeline generated<\/span> <strong class="figure-value">€7,000.00<\/strong>/);
    expect(text).toMatch(/Closed business<\/span> <strong class="figure-value">€6,000.00<\/strong>/);
    // 1,000.00 of webinar spend over 4 leads; (6,000 − 1,000) ÷ 1,000.
    expect(text).toMatch(/Cost per lead<\/span> <strong class="figure-value">€250.00<\/strong>/);
    expect(text).toMatch(/Return on spend<\/span> <strong class="figure-value">500 %<\/strong>/);
    expect(text).toContain('<tr><th scope="row">Spring webinar</th><td data-label="Leads">4</td><td data-label="Accepted">3</td><td data-label="Qualified">3</td>' +
      '<td data-label="Pipeline">€7,000.00</td><td data-label="Won">€6,000.00</td><td data-label="Cost per lead">€250.00</td><td data-label="ROI">500 %</td></tr>');
    // March is still running on the 20th: it says so rather than look like a collapse.
    expect(text).toContain('<title>Leads, Mar 2026 (still running): 3</title>');
    expect(text).toContain('<title>Leads, Feb 2026: 1</title>');
    expect(text).toContain('>4 (100 %)</text>');
    expect(text).toMatch(/<th scope="row">2026-03 \(so far\)<\/th><td data-label="Leads">3<\/td>/);
    // Every clock met: accepted after 30 minutes, contacted after 90, feedback after 600.
    expect(text).toMatch(/<th scope="row">2026-03 \(so far\)<\/th><td data-label="Hand-off, median">0 min<\/td><td data-label="Hand-off, 90th pct">0 min<\/td><td data-label="Accept, median">30 min<\/td>/);
    // Beta let one offer's accept deadline pass, so it ranks below Alpha despite more won business.
    expect(text).toContain('<tr><td data-label="Rank">1</td><th scope="row">Alpha IT</th><td data-label="Accepted within SLA">100 %</td>');
    expect(text).toContain('<tr><td data-label="Rank">2</td><th scope="row">Beta Systems</th><td data-label="Accepted within SLA">50 %</td>');
    expect(text).toContain('No partner is suspended or on warning.');
  });

  it('shows a channel manager only her partners, filtered by the URL, and another manager’s partner as not found', async () => {
    const cookie = await signInAs('channel_manager');
    const [{ id: managerId }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [`dash-user${sequence}@example.com`]);
    await t.dataSource.query(`UPDATE partners SET channel_manager_id = $1 WHERE id = $2`, [managerId, beta.id]);
    const page = await request(t.http).get(PERIOD).set('Cookie', cookie).expect(200);
    // Beta's two leads only; Alpha is neither in the figures nor among the filter choices.
    expect(page.text).toMatch(/Leads<\/span> <strong class="figure-value">2<\/strong>/);
    expect(page.text).toContain(`<option value="${beta.id}">Beta Systems</option>`);
    expect(page.text).not.toContain('Alpha IT');
    await request(t.http).get(`${PERIOD}&partnerId=${alpha.id}`).set('Cookie', cookie).expect(404);

    const filtered = await request(t.http).get(`${PERIOD}&partnerId=${beta.id}&campaignId=${webinar.id}&leadTypeId=${type.id}&country=DE`).set('Cookie', cookie).expect(200);
    expect(filtered.text).toContain(`<option value="${beta.id}" selected>Beta Systems</option>`);
    expect(filtered.text).toContain('<input type="text" id="country" name="country" value="DE"');
    const text = filtered.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(text).toContain(`/api/v1/reports/quality?from=2026-02-01&to=2026-03-31&partnerId=${beta.id}&campaignId=${webinar.id}&leadTypeId=${type.id}&country=DE&granularity=month&groupBy=campaign&format=csv`);
    const empty = await request(t.http).get(`${PERIOD}&country=FR`).set('Cookie', cookie).expect(200);
    expect(empty.text).toMatch(/Leads<\/span> <strong class="figure-value">0<\/strong>/);
    await request(t.http).get(`${PERIOD}&country=france`).set('Cookie', cookie).expect(400);
  });

  it('shows suspended and warning partners apart from the ranking', async () => {
    await t.dataSource.query(`UPDATE partners SET standing = 'suspended' WHERE id = $1`, [beta.id]);
    try {
      const page = await request(t.http).get(PERIOD).set('Cookie', await signInAs('admin')).expect(200);
      expect(page.text).toContain('<tr><td data-label="Rank">1</td><th scope="row">Alpha IT</th>');
      expect(page.text).not.toMatch(/data-label="Rank">2</);
      expect(page.text).toMatch(/<tr><th scope="row">Beta Systems<\/th><td data-label="Standing"><span class="standing standing-suspended">suspended<\/span><\/td><td data-label="Accepted within SLA">50 %<\/td>/);
    } finally {
      await t.dataSource.query(`UPDATE partners SET standing = 'good' WHERE id = $1`, [beta.id]);
    }
  });

  it('shows a partner one compact table: periods as columns, its figure over the program median, each definition once', async () => {
    const page = await request(t.http).get(PERIOD).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
    expect(page.text).toContain('<thead><tr><th scope="col">Figure</th><th scope="col">2026-02</th><th scope="col">2026-03 (so far)</th></tr></thead>');
    // Two partners only: the median would give Alpha's figures away, so it is withheld, and says so once.
    expect(page.text).toContain('<tr><th scope="row">Leads</th><td data-label="2026-02"><strong>0</strong><small class="median">median withheld</small></td>' +
      '<td data-label="2026-03 (so far)"><strong>2</strong><small class="median">median withheld</small></td></tr>');
    expect(page.text).toMatch(/<th scope="row">Closed business<\/th><td data-label="2026-02"><strong>€0.00<\/strong>.*?<strong>€4,000.00<\/strong>/);
    expect(page.text.match(/<dt>Leads<\/dt>/g)).toHaveLength(1);
    expect(page.text.match(/<table class="report stacked compare">/g)).toHaveLength(1);
    // Below it, the split by source every dashboard has: outcomes, SLA attainment and lead quality.
    expect(page.text).toContain('<h2>Marketing leads and registered deals</h2>');
    expect(page.text.match(/<table/g)).toHaveLength(4);
    // The charts compare the same figures: a 0 for its February leads, no median bar.
    expect(page.text).toContain('<title>You, Mar 2026 (still running): 2</title>');
    expect(page.text).not.toContain('<title>Program median, Mar 2026');
    expect(page.text).toContain('<title>You, Feb 2026: 0</title>');
    expect(page.text).toContain('aria-label="Offers accepted within SLA, %: you and the program median"');
    expect(page.text).not.toContain('Alpha IT');
    expect(page.text).not.toContain(alpha.id);
    // Its tables download as CSV, with the dashboard's own period, its own figures only.
    const link = /<a href="([^"]+)" download>Outcomes as CSV<\/a>/.exec(page.text)![1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    const csv = await request(t.http).get(link).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).not.toContain('Alpha IT');
  });

  it('shows lead quality per campaign and lead type: disqualified and not sales-ready apart, each with its reasons', async () => {
    const ads = await makeCampaign(t.dataSource, { name: 'Search ads', costMinor: 30_000 });
    await insertLead(ads, alpha, '2026-03-05T10:00:00Z', 'recycled', {}, true, 'early_research');
    await insertLead(ads, alpha, '2026-03-06T10:00:00Z', 'disqualified', {}, true, 'no_budget');
    await t.app.get(JobsService).runNow('reports-rollup');
    const page = await request(t.http).get(PERIOD).set('Cookie', await signInAs('admin')).expect(200);
    expect(page.text).toContain('<h2>Lead quality for marketing</h2>');
    expect(page.text).toMatch(/<th scope="row">Search ads<\/th>\s*<td data-label="Leads">2<\/td>\s*<td data-label="Qualified">0 %<\/td>\s*<td data-label="Disqualified">50 %<small class="reasons">no budget 50 %<\/small><\/td>\s*<td data-label="Not sales-ready">50 %<small class="reasons">early research 50 %<\/small><\/td>\s*<td data-label="Cost per qualified lead">—<\/td>/);
    expect(page.text).toMatch(/Back to marketing \(not sales-ready\)<\/span> <strong class="figure-value">1<\/strong>/);
  });

  it('filters by source (marketing lead or registered deal) from the URL, for staff and partners, down to the CSV links', async () => {
    const won = `UPDATE leads SET source = $1, updated_at = '2026-03-20T12:00:00Z' WHERE current_partner_id = $2 AND status = 'won'`;
    // As a registered deal is: held from the start, without an accept clock (and back).
    const clocks = `UPDATE assignments a SET accept_due_at = CASE WHEN $1 THEN NULL ELSE offered_at + interval '60 minutes' END,
                                             accepted_at = offered_at + CASE WHEN $1 THEN interval '0' ELSE interval '30 minutes' END
                      FROM leads l WHERE l.id = a.lead_id AND l.current_partner_id = $2 AND l.status = 'won'`;
    await t.dataSource.query(won, ['registered_deal', beta.id]);
    await t.dataSource.query(clocks, [true, beta.id]);
    await t.app.get(JobsService).runNow('reports-rollup');
    try {
      const admin = await signInAs('admin');
      const all = await request(t.http).get(PERIOD).set('Cookie', admin).expect(200);
      expect(all.text).toMatch(/<select id="source" name="source"><option value="">All sources<\/option>\s*<option value="marketing">Marketing lead<\/option><option value="registered_deal">Registered deal<\/option>/);
      expect(all.text).not.toContain('Clear filters');
      // Both sources side by side: Beta's won lead as a registered deal, the rest as marketing leads.
      expect(all.text).toMatch(/<th scope="row">Registered deal<\/th><td data-label="Leads">1<\/td><td data-label="Accepted">1<\/td><td data-label="Qualified">1<\/td><td data-label="Pipeline">[^<]*<\/td><td data-label="Won">€4,000.00<\/td>/);
      expect(all.text).toMatch(/<th scope="row">Marketing lead<\/th>.*?<td data-label="Won">€2,000.00<\/td>/);
      expect(all.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain('groupBy=source&format=csv');
      // SLA by source: a registered deal has no hand-off and no accept figure ("—", not 100 %); its contact clock counts.
      const slaRow = (source: string) => new RegExp(`<th scope="row">2026-03 \\(so far\\)</th><td data-label="Source">${source}</td>(.*?)</tr>`).exec(all.text)![1];
      expect(slaRow('Registered deal')).toContain('<td data-label="Hand-off, median">—</td>');
      expect(slaRow('Registered deal')).toContain('<td data-label="Accepted within SLA">—</td>');
      expect(slaRow('Registered deal')).toContain('<td data-label="Contacted within SLA">100 %</td>');
      expect(slaRow('Marketing lead')).toContain('<td data-label="Accepted within SLA">75 %</td>'); // one offer in March never answered
      for (const report of ['sla', 'quality']) {
        expect(all.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`/api/v1/reports/${report}?from=2026-02-01&to=2026-03-31&granularity=month&groupBy=source&format=csv`);
      }
      expect(all.text).toMatch(/<table class="report stacked quality">\s*<thead><tr><th scope="col">Source<\/th>/);

      const deals = await request(t.http).get(`${PERIOD}&source=registered_deal`).set('Cookie', admin).expect(200);
      expect(deals.text).toContain('<option value="registered_deal" selected>Registered deal</option>');
      expect(deals.text).toMatch(/Leads<\/span> <strong class="figure-value">1<\/strong>/);
      expect(deals.text).toMatch(/Closed business<\/span> <strong class="figure-value">€4,000.00<\/strong>/);
      expect(deals.text).toContain('Clear filters');
      const text = deals.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      const link = '/api/v1/reports/outcomes?from=2026-02-01&to=2026-03-31&source=registered_deal&granularity=month&groupBy=campaign&format=csv';
      expect(text).toContain(link);
      const csv = await request(t.http).get(link).set('Cookie', admin).expect(200);
      expect(csv.text).toMatch(/^2026-03-01,[0-9a-f-]{36},Spring webinar,1,1,1,1,0,0,1,5000.00,/m);

      const marketing = await request(t.http).get(`${PERIOD}&source=marketing`).set('Cookie', admin).expect(200);
      expect(marketing.text).toMatch(/Closed business<\/span> <strong class="figure-value">€2,000.00<\/strong>/);

      // A partner sees its own leads by source side by side, and filters its figures the same way.
      const partnerAll = await request(t.http).get(PERIOD).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
      expect(partnerAll.text).toMatch(/<th scope="row">Registered deal<\/th><td data-label="Leads">1<\/td>.*?<td data-label="Won">€4,000.00<\/td>/);
      expect(partnerAll.text).toMatch(/<td data-label="Source">Registered deal<\/td><td data-label="Hand-off, median">—<\/td>/);
      expect(partnerAll.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain('/api/v1/reports/sla?from=2026-02-01&to=2026-03-31&granularity=month&groupBy=source&format=csv');
      expect(partnerAll.text).not.toContain('Alpha IT');
      const partner = await request(t.http).get(`${PERIOD}&source=registered_deal`).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
      expect(partner.text).toContain('<option value="registered_deal" selected>Registered deal</option>');
      expect(partner.text).toContain('<td data-label="2026-03 (so far)"><strong>1</strong>');
      expect(partner.text).not.toContain('id="partnerId"');

      const bad = await request(t.http).get(`${PERIOD}&source=partner`).set('Cookie', admin).expect(400);
      expect(bad.text).toContain('source must be one of: marketing, registered_deal');
    } finally {
      await t.dataSource.query(clocks, [false, beta.id]);
      await t.dataSource.query(won, ['marketing', beta.id]);
      await t.app.get(JobsService).runNow('reports-rollup');
    }
  });

  it('answers a period that ends before it starts with the reason, not a page of wrong numbers', async () => {
    const res = await request(t.http).get('/dashboard?from=2026-03-31&to=2026-02-01').set('Cookie', await signInAs('channel_manager')).expect(400);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('must be on or after from');
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(t.http).get('/dashboard').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fdashboard');
  });
});
