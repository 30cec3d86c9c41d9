// The program median a partner sees must never give another partner's figures away.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { Campaign, LeadType } from '@leadgate/catalog';
import { Partner } from '@leadgate/partners';
import { ReportRollupService } from '@leadgate/reporting';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MARCH = 'from=2026-03-01&to=2026-03-31&granularity=month';

describe('program median', () => {
  let t: TestApp;
  let type: LeadType;
  let webinar: Campaign;
  let partners: Partner[];
  let sequence = 0;

  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const insertLead = async (partner: Partner, country: string, campaign: Campaign | null = null, at = '2026-03-05T10:00:00Z') => {
    await t.dataSource.query(
      `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id, created_at, updated_at)
       VALUES ($1, $2, 'offered', $3, $3, 'Buyer GmbH', $4, $5, $6, $6)`,
      [type.id, campaign?.id ?? null, `median${++sequence}@example.com`, country, partner.id, at],
    );
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T12:00:00Z' });
    type = await makeLeadType(t.dataSource);
    webinar = await makeCampaign(t.dataSource, { costMinor: 100_000 });
    // Six partners with 1..6 German March leads; only the first two also have Austrian ones, and only
    // the first two have campaign leads (so only they have a return on spend).
    partners = [];
    for (let i = 1; i <= 6; i++) {
      const partner = await makePartner(t.dataSource, { name: `Median Partner ${i}` });
      partners.push(partner);
      for (let n = 0; n < i; n++) await insertLead(partner, 'DE', i <= 2 && n === 0 ? webinar : null);
    }
    await insertLead(partners[0], 'AT');
    await insertLead(partners[1], 'AT');
    await insertLead(partners[1], 'AT');
    // February: two partners only.
    await insertLead(partners[0], 'DE', null, '2026-02-10T10:00:00Z');
    await insertLead(partners[1], 'DE', null, '2026-02-10T10:00:00Z');
    await t.app.get(ReportRollupService).run();
  });
  afterAll(() => t.close());

  it('gives the median over enough partners, and withholds the figures too few partners stand behind', async () => {
    const rep = await makeToken(t, 'partner_rep', partners[0].id);
    const res = await get(`/api/v1/reports/outcomes?${MARCH}`, rep).expect(200);
    const [median] = res.body.programMedian;
    // Six partners with 2, 4 (each with their Austrian leads), 3, 4, 5 and 6 leads.
    expect(median).toMatchObject({ period: '2026-03-01', groupName: 'Program median (all partners, anonymous)', leads: 4 });
    // Only two partners had campaign spend: their return on it is not shown.
    expect(median.roi).toBeNull();
    expect(median.withheld).toEqual(expect.arrayContaining(['roi', 'wonPerSpend']));
    expect(median.withheld).not.toContain('leads');
    expect(median.note).toMatch(/^withheld: fewer than 5 partners behind .*roi/);
  });

  it('withholds every figure when a filter leaves fewer than 5 partners, so 2 × median − own gives nothing away', async () => {
    const rep = await makeToken(t, 'partner_rep', partners[0].id);
    const res = await get('/api/v1/reports/outcomes?from=2026-03-01&to=2026-03-31&granularity=day&country=AT', rep).expect(200);
    expect(res.body.rows).toEqual([expect.objectContaining({ period: '2026-03-05', leads: 1 })]);
    expect(res.body.programMedian).toHaveLength(1);
    const [median] = res.body.programMedian;
    expect(median.note).toBe('withheld: fewer than 5 partners');
    // Every figure; the amounts in other currencies are a list, never part of a median.
    for (const key of Object.keys(res.body.definitions).filter((k) => k !== 'otherCurrencies')) expect([key, median[key]]).toEqual([key, null]);
    expect(median.otherCurrencies).toBeUndefined();
  });

  it('says so in the CSV, in a note column, with the withheld cells empty', async () => {
    const rep = await makeToken(t, 'partner_rep', partners[0].id);
    const res = await get(`/api/v1/reports/outcomes?${MARCH}&country=AT&format=csv`, rep).expect(200);
    const records: Record<string, string>[] = parse(res.text, { columns: true });
    const median = records.find((r) => r.groupName.startsWith('Program median'))!;
    expect(median.note).toBe('withheld: fewer than 5 partners');
    expect(median.leads).toBe('');
    expect(records.find((r) => !r.groupName.startsWith('Program median'))!.note).toBe('');
  });

  it('shows the note on the partner dashboard instead of a figure', async () => {
    const email = 'median-rep@example.com';
    await t.app.get(UsersService).createUser({ email, displayName: 'Rep', role: 'partner_rep', partnerId: partners[0].id, password: 'correct horse battery' });
    const cookie = await signIn(t.http, email, 'correct horse battery');
    const page = await request(t.http).get('/dashboard?from=2026-02-01&to=2026-03-31&granularity=month').set('Cookie', cookie).expect(200);
    // February: two partners had leads, so its median is withheld; March's (4) is shown under the partner's own 2.
    expect(page.text).toMatch(
      /<th scope="row">Leads<\/th><td data-label="2026-02"><strong>1<\/strong><small class="median">median withheld<\/small><\/td><td data-label="2026-03[^"]*"><strong>2<\/strong><small class="median">median 4<\/small><\/td>/,
    );
    expect(page.text).toContain('a figure fewer than 5 partners stand behind is withheld');
  });
});
