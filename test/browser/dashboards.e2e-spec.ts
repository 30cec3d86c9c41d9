/// <reference lib="dom" />
// A real browser renders both dashboards (no JavaScript needed) at 1280 and 390 px, checks them with axe-core and
// for sideways scrolling, and keeps screenshots (screen and print) under test-output/browser/ for a human look.
import type { Page } from 'playwright-core';
import { JobsService } from '@leadgate/jobs';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';
import { makeCampaign, makeLeadType, makePartner } from '../support/builders';

describe('the dashboards in a browser', () => {
  let b: BrowserApp;
  let alpha: Partner;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-20T12:00:00Z' });
    const { t } = b;
    const type = await makeLeadType(t.dataSource, { name: 'Demo request' });
    const users = t.app.get(UsersService);
    // The channel manager manages Alpha, Beta and Gamma; Delta is another manager's and never shows.
    const cm = await users.createUser({ email: 'cm@leadgate.example', displayName: 'Cara Channel', role: 'channel_manager', password: 'cara-password' });
    alpha = await makePartner(t.dataSource, { name: 'Alpha IT', channelManagerId: cm.id });
    const beta = await makePartner(t.dataSource, { name: 'Beta Systems', channelManagerId: cm.id });
    const gamma = await makePartner(t.dataSource, { name: 'Gamma Networks', channelManagerId: cm.id, standing: 'suspended' });
    const delta = await makePartner(t.dataSource, { name: 'Delta Elsewhere' });
    const campaigns = [await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 }), await makeCampaign(t.dataSource, { name: 'Search ads', costMinor: 30_000 })];
    const leads: Array<[Partner, string, string, number | null, string | null, string]> = [
      [alpha, '2026-01-15T10:00:00Z', 'won', 150_000, null, 'EUR'], [beta, '2026-01-20T10:00:00Z', 'qualified', null, null, 'EUR'],
      [alpha, '2026-02-10T10:00:00Z', 'won', 200_000, null, 'EUR'], [beta, '2026-02-11T10:00:00Z', 'recycled', null, 'early_research', 'EUR'],
      [alpha, '2026-02-12T10:00:00Z', 'qualified', null, null, 'EUR'], [gamma, '2026-02-13T10:00:00Z', 'disqualified', null, 'no_budget', 'EUR'],
      [alpha, '2026-03-02T10:00:00Z', 'qualified', null, null, 'EUR'], [beta, '2026-03-03T10:00:00Z', 'offered', null, null, 'EUR'],
      [beta, '2026-03-04T10:00:00Z', 'won', 400_000, null, 'EUR'], [gamma, '2026-03-05T10:00:00Z', 'won', 390_000, null, 'USD'],
      [delta, '2026-03-06T10:00:00Z', 'won', 999_900, null, 'EUR'],
    ];
    // Beta's won deal of 4 March is one it registered itself: held from the start, no accept clock.
    const registered = 8;
    for (const [i, [partner, createdAt, status, won, reason, currency]] of leads.entries()) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                            opportunity_amount_minor, won_amount_minor, currency, outcome_reason_code, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', 'DE', $5, $6, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [type.id, i === registered ? null : campaigns[i % 2].id, status, `buyer${i}@example.com`, partner.id, won, currency, reason,
          i === registered ? 'registered_deal' : 'marketing', createdAt],
      );
      const at = (minutes: number) => new Date(Date.parse(createdAt) + minutes * 60_000).toISOString();
      const accepted = status !== 'offered';
      await t.dataSource.query(
        `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, partner.id, accepted ? 'accepted' : 'offered', at(5), i === registered ? null : at(65), at(125), at(2885),
          i === registered ? at(5) : accepted ? at(20 + i * 5) : null, accepted ? at(100) : null, accepted ? at(500) : null],
      );
    }
    await t.app.get(JobsService).runNow('reports-rollup');
    await users.createUser({ email: 'rep@beta.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: beta.id, password: 'rita-password' });
  });
  afterAll(() => b?.close());

  /** At this width: no sideways scroll, no axe violation, every chart text at least 12 px as drawn. */
  async function expectUsable(page: Page): Promise<void> {
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    const smallest = await page.evaluate(() =>
      Math.min(...Array.from(document.querySelectorAll('svg text')).map((text) => (text as SVGTextElement).getBoundingClientRect().height)),
    );
    expect(smallest).toBeGreaterThanOrEqual(12);
  }

  for (const width of [1280, 390]) {
    it(`shows a channel manager her partners' dashboard, filtered through the form, at ${width} px`, async () => {
      const page = await b.signIn('cm@leadgate.example', 'cara-password', width);
      await page.goto(`${b.baseUrl}/dashboard`);
      await page.getByLabel('From', { exact: true }).fill('2026-01-01');
      await page.getByLabel('To', { exact: true }).fill('2026-03-31');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/from=2026-01-01/);
      expect(await page.getByRole('img', { name: 'Funnel from lead to won' }).isVisible()).toBe(true);
      // Delta is another manager's: its 9,999.00 is in no figure.
      expect(await page.locator('.figure').filter({ has: page.locator('.figure-label', { hasText: /^Closed business$/ }) }).locator('.figure-value').textContent()).toBe('€7,500.00');
      expect(await page.locator('main').textContent()).not.toContain('Delta');
      expect(await page.locator('.other-currencies').first().textContent()).toContain('won US$3,900.00');
      // Gamma is suspended: shown apart, not ranked.
      expect(await page.locator('table.unranked').textContent()).toContain('Gamma Networks');
      expect(await page.locator('table.leaderboard').textContent()).not.toContain('Gamma');
      expect(await page.locator('table.quality').first().textContent()).toMatch(/early research/);
      // Marketing leads and registered deals side by side; no accept figure for the registered deal.
      expect(await page.locator('table.sources').textContent()).toContain('Registered deal');
      const dealSla = page.locator('table.sla-sources tr').filter({ hasText: 'Registered deal' });
      expect(await dealSla.locator('td[data-label="Accepted within SLA"]').textContent()).toBe('—');
      await expectUsable(page);
      await b.screenshot(page, `dashboard-channel-${width}`);

      // A filter narrows every table, and stays in the address to bookmark or share.
      await page.getByLabel('Partner').selectOption({ label: 'Alpha IT' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`partnerId=${alpha.id}`));
      expect(await page.locator('.figure').filter({ has: page.locator('.figure-label', { hasText: /^Closed business$/ }) }).locator('.figure-value').textContent()).toBe('€3,500.00');
      expect(await page.getByRole('link', { name: 'Campaign figures as CSV' }).getAttribute('href')).toContain(`partnerId=${alpha.id}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form.period').isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'Campaign figures as CSV' }).isVisible()).toBe(false);
      await b.screenshot(page, `dashboard-channel-${width}-print`);
      await page.close();
    });

    it(`shows a partner rep its own figures beside the program median in one table, at ${width} px`, async () => {
      const page = await b.signIn('rep@beta.example', 'rita-password', width);
      await page.goto(`${b.baseUrl}/dashboard?from=2026-01-01&to=2026-03-31`);
      expect(await page.getByRole('columnheader', { name: '2026-03 (so far)' }).count()).toBe(1);
      expect(await page.locator('main table.compare').count()).toBe(1);
      expect(await page.locator('main').textContent()).not.toContain('Alpha IT');
      // Its own leads by source, as the staff dashboard shows them: the registered deal apart, with no accept figure.
      expect(await page.locator('table.sources').textContent()).toContain('Registered deal');
      const dealSla = page.locator('table.sla-sources tr').filter({ hasText: 'Registered deal' });
      expect(await dealSla.locator('td[data-label="Accepted within SLA"]').textContent()).toBe('—');
      expect(await page.getByRole('link', { name: 'SLA figures by source as CSV' }).getAttribute('href')).toContain('groupBy=source');
      await expectUsable(page);
      await b.screenshot(page, `dashboard-partner-${width}`);
      await page.close();
    });
  }

  it('keeps weekly chart labels apart', async () => {
    const page = await b.signIn('cm@leadgate.example', 'cara-password');
    await page.goto(`${b.baseUrl}/dashboard?from=2025-12-01&to=2026-03-31&granularity=week`);
    const boxes = await page.evaluate(() =>
      Array.from(document.querySelectorAll('svg[aria-label^="Leads, qualified"] text[text-anchor="middle"]')).map((text) => {
        const box = (text as SVGTextElement).getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    expect(boxes.length).toBeGreaterThan(3);
    boxes.slice(1).forEach((box, i) => expect(box.left).toBeGreaterThan(boxes[i].right));
    await b.screenshot(page, 'dashboard-channel-weekly');
    await page.close();
  });
});
