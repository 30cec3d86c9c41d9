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
  const insertLead = async (campaign: Campaign, partner: Partner, createdAt: string, status: string, amounts: { opportunity?: number; won?: number }, accepted: boolean) => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                          opportunity_amount_minor, won_amount_minor, currency, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', 'DE', $5, $6, $7, 'EUR', $8, $8) RETURNING id`,
      [type.id, campaign.id, status, `b${++sequence}@example.com`, partner.id, amounts.opportunity ?? null, amounts.won ?? null, createdAt],
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
    expect(csv.text).toMatch(/^2026-03-01,[0-9a-f-]{36},Spring webinar,3,2,2,2,1,5000.00,/m);
    expect(text).toMatch(/Leads<\/span> <strong class="figure-value">4<\/strong><small class="definition">Leads that arrived in the period/);
    expect(text).toMatch(/Qualified leads<\/span> <strong class="figure-value">3<\/strong>/);
    expect(text).toMatch(/Pipeline generated<\/span> <strong class="figure-value">€7,000.00<\/strong>/);
    expect(text).toMatch(/Closed business<\/span> <strong class="figure-value">€6,000.00<\/strong>/);
    // 1,000.00 of webinar spend over 4 leads; (6,000 − 1,000) ÷ 1,000.
    expect(text).toMatch(/Cost per lead<\/span> <strong class="figure-value">€250.00<\/strong>/);
    expect(text).toMatch(/Return on spend<\/span> <strong class="figure-value">500 %<\/strong>/);
    expect(text).toContain('<tr><th scope="row">Spring webinar</th><td>4</td><td>3</td><td>3</td><td>€7,000.00</td><td>€6,000.00</td><td>€250.00</td><td>500 %</td></tr>');
    // March is still running on the 20th: it says so rather than look like a collapse.
    expect(text).toContain('<title>Leads, 2026-03 (so far): 3</title>');
    expect(text).toContain('<title>Leads, 2026-02: 1</title>');
    expect(text).toContain('>4 (100 %)</text>');
    // Every clock met: accepted after 30 minutes, contacted after 90, feedback after 600.
    expect(text).toMatch(/<th scope="row">2026-03 \(so far\)<\/th><td>0 min<\/td><td>0 min<\/td><td>30 min<\/td><td>30 min<\/td>/);
    // Beta let one offer's accept deadline pass, so it ranks below Alpha despite more won business.
    expect(text).toContain('<tr><td>1</td><th scope="row">Alpha IT</th><td>100 %</td><td>100 %</td><td>100 %</td><td>€2,000.00</td></tr>');
    expect(text).toContain('<tr><td>2</td><th scope="row">Beta Systems</th><td>50 %</td><td>100 %</td><td>100 %</td><td>€4,000.00</td></tr>');
  });

  it('shows a partner its own figures beside the program median and never another partner’s name', async () => {
    const page = await request(t.http).get(PERIOD).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
    expect(page.text).toContain('<h2>2026-03 (so far)</h2>');
    // Two partners only: the median would give Alpha's figures away, so it is withheld, and says so.
    expect(page.text).toMatch(/<th scope="row">Leads<\/th><td>2<\/td><td>withheld: fewer than 5 partners<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Closed business<\/th><td>€4,000.00<\/td><td>withheld: fewer than 5 partners<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Leads<\/th><td>0<\/td><td>withheld: fewer than 5 partners<\/td>/); // February: only Alpha had leads
    // The charts compare the same figures: no bar of Beta's own for February's share, a 0 for its leads, no median bar.
    expect(page.text).toContain('<title>You, 2026-03 (so far): 2</title>');
    expect(page.text).not.toContain('<title>Program median, 2026-03');
    expect(page.text).toContain('<title>You, 2026-02: 0</title>');
    expect(page.text).toContain('aria-label="Offers accepted within SLA, %: you and the program median"');
    expect(page.text).not.toContain('Alpha IT');
    expect(page.text).not.toContain(alpha.id);
    // Its tables download as CSV, with the dashboard's own period, its own figures only.
    const link = /<a href="([^"]+)" download>Your figures per period as CSV<\/a>/.exec(page.text)![1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    const csv = await request(t.http).get(link).set('Cookie', await signInAs('partner_rep', beta.id)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).not.toContain('Alpha IT');
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
