// A real browser renders both dashboards (no JavaScript needed) and keeps screenshots for a human look.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { JobsService } from '@leadgate/jobs';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { makeCampaign, makeLeadType, makePartner } from '../support/builders';
import { createTestApp, TestApp } from '../support/test-app';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'browser');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('the dashboards in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T12:00:00Z' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const type = await makeLeadType(t.dataSource);
    const users = t.app.get(UsersService);
    // The channel manager manages both partners: it sees their figures (and only those of the partners it manages).
    const cm = await users.createUser({ email: 'cm@leadgate.example', displayName: 'Cara Channel', role: 'channel_manager', password: 'cara-password' });
    const alpha = await makePartner(t.dataSource, { name: 'Alpha IT', channelManagerId: cm.id });
    const beta = await makePartner(t.dataSource, { name: 'Beta Systems', channelManagerId: cm.id });
    const campaigns = [await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 }), await makeCampaign(t.dataSource, { name: 'Search ads', costMinor: 30_000 })];
    const leads: Array<[Partner, string, string, number | null]> = [
      [alpha, '2026-01-15T10:00:00Z', 'won', 150_000], [beta, '2026-01-20T10:00:00Z', 'qualified', null],
      [alpha, '2026-02-10T10:00:00Z', 'won', 200_000], [beta, '2026-02-11T10:00:00Z', 'accepted', null], [alpha, '2026-02-12T10:00:00Z', 'qualified', null],
      [alpha, '2026-03-02T10:00:00Z', 'qualified', null], [beta, '2026-03-03T10:00:00Z', 'offered', null], [beta, '2026-03-04T10:00:00Z', 'won', 400_000],
    ];
    for (const [i, [partner, createdAt, status, won]] of leads.entries()) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                            opportunity_amount_minor, won_amount_minor, currency, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', 'DE', $5, $6, $6, 'EUR', $7, $7) RETURNING id`,
        [type.id, campaigns[i % 2].id, status, `buyer${i}@example.com`, partner.id, won, createdAt],
      );
      const at = (minutes: number) => new Date(Date.parse(createdAt) + minutes * 60_000).toISOString();
      const accepted = status !== 'offered';
      await t.dataSource.query(
        `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, partner.id, accepted ? 'accepted' : 'offered', at(5), at(65), at(125), at(2885), accepted ? at(20 + i * 5) : null, accepted ? at(100) : null, accepted ? at(500) : null],
      );
    }
    await t.app.get(JobsService).runNow('reports-rollup');
    await users.createUser({ email: 'rep@beta.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: beta.id, password: 'rita-password' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = async (email: string, password: string): Promise<Page> => {
    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/`);
    return page;
  };

  it('shows a channel manager the program dashboard, and a changed period through the form', async () => {
    const page = await signIn('cm@leadgate.example', 'cara-password');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-03-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/from=2026-01-01/);
    expect(await page.getByRole('img', { name: 'Funnel from lead to won' }).isVisible()).toBe(true);
    expect(await page.locator('.figure').filter({ has: page.locator('.figure-label', { hasText: /^Closed business$/ }) }).locator('.figure-value').textContent()).toBe('€7,500.00');
    expect(await page.getByRole('row', { name: /Alpha IT/ }).textContent()).toContain('€3,500.00');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-admin.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-admin-print.png'), fullPage: true });
    await page.close();
  });

  it('shows a partner rep its own figures beside the program median', async () => {
    const page = await signIn('rep@beta.example', 'rita-password');
    await page.goto(`${baseUrl}/dashboard?from=2026-01-01&to=2026-03-31`);
    expect(await page.getByRole('heading', { name: '2026-03' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).not.toContain('Alpha IT');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-partner.png'), fullPage: true });
    await page.close();
  });
});
