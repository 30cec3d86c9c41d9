// The admin's onboarding forms in a real browser at 1280 px and on a 390 px phone: a partner with its first admin
// invited, a holiday calendar, a lead type in hours with its worked example; no axe (WCAG 2.2 A/AA) violation, no sideways scroll.
import type { Page } from 'playwright-core';
import { UsersService } from '@leadgate/users';
import { makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('admin onboarding forms on a desktop and on a phone', () => {
  let b: BrowserApp;
  let partnerId: string;
  let leadTypeId: string;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    await t.app.get(UsersService).createUser({ email: 'admin@vendor.example', displayName: 'Ada Admin', role: 'admin', password: 'ada-password' });
    await t.app.get(UsersService).createUser({ email: 'cm@vendor.example', displayName: 'Carla Channel', role: 'channel_manager', password: 'carla-password' });
    partnerId = (await makePartner(t.dataSource, { name: 'Alpenländische Netzwerkintegration GmbH & Co. KG' })).id;
    leadTypeId = (await makeLeadType(t.dataSource, { name: 'Contact sales' })).id;
  });
  afterAll(() => b?.close());

  /** Every page checked: status 200, a screenshot, no axe violation, nothing wider than the screen. */
  async function check(page: Page, width: number, name: string, found: Record<string, unknown>): Promise<void> {
    await b.screenshot(page, `admin-onboarding-${name}-${width}`);
    const violations = await accessibilityViolations(page);
    const overflow = await sidewaysOverflow(page);
    if (violations.length > 0 || overflow > 0) found[name] = { violations, overflow };
  }

  for (const width of [1280, 390]) {
    it(`creates a partner with its first admin invited and a holiday calendar at ${width} px`, async () => {
      const page = await b.signIn('admin@vendor.example', 'ada-password', width);
      const found: Record<string, unknown> = {};

      await page.goto(`${b.baseUrl}/admin/holiday-calendars/new`);
      await check(page, width, 'calendar-new', found);
      await page.getByLabel('Name (e.g. Germany – Bavaria)').fill(`Bavaria ${width}`);
      await page.getByLabel('Public holidays of').selectOption('DE');
      await page.getByLabel(/^Region code/).fill('BY');
      await page.getByLabel(/^Own days off/).fill('2026-12-24');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/admin\/holiday-calendars\/[0-9a-f-]{36}\?done=saved/);
      // Bavaria's own holiday (6 January, Epiphany) is generated; the custom date is listed with it.
      expect(await page.locator('table').innerText()).toMatch(/2026-01-06[\s\S]*2026-12-24\s+Custom day off/);
      await check(page, width, 'calendar-edit', found);

      await page.goto(`${b.baseUrl}/admin/partners/new`);
      await page.locator('#partner-name').fill(`Onboarded ${width} GmbH`);
      await page.getByLabel(/^Territories/).fill('DE-8');
      await page.getByLabel('Holiday calendar (days off its SLA clocks skip)').selectOption({ label: `Bavaria ${width}` });
      await page.locator('input[name="closed5"]').check();
      await page.locator('#first-admin-email').fill(`owner${width}@onboarded.example`);
      await page.locator('#first-admin-name').fill('Olga Owner');
      await check(page, width, 'partner-new-filled', found);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/admin\/partners\?done=invited/);
      expect(await page.getByRole('status').innerText()).toContain('Its first admin is invited');

      const [row] = await b.t.dataSource.query(
        `SELECT p.business_hours, c.name AS calendar, u.role FROM partners p JOIN holiday_calendars c ON c.id = p.holiday_calendar_id
           JOIN users u ON u.partner_id = p.id WHERE p.name = $1`,
        [`Onboarded ${width} GmbH`],
      );
      expect(row).toMatchObject({ calendar: `Bavaria ${width}`, role: 'partner_admin' });
      expect(row.business_hours.map((w: { day: number }) => w.day)).toEqual([1, 2, 3, 4]);

      await page.goto(`${b.baseUrl}/admin/partners/${partnerId}`);
      await check(page, width, 'partner-edit', found);
      await page.goto(`${b.baseUrl}/admin/holiday-calendars`);
      await check(page, width, 'calendars', found);
      expect(found).toEqual({});
      await page.context().close();
    });

    it(`sets a lead type's SLA in hours with a worked example, and invites a user, at ${width} px`, async () => {
      const page = await b.signIn('admin@vendor.example', 'ada-password', width);
      const found: Record<string, unknown> = {};

      await page.goto(`${b.baseUrl}/admin/lead-types/${leadTypeId}`);
      await page.locator('#lt-slaAccept').fill('3');
      await page.getByRole('button', { name: 'Show the example for these times' }).click();
      expect(await page.locator('.preview').innerText()).toContain('offered Fri 6 Mar 16:30 Europe/Berlin → accept due Mon 9 Mar 11:30');
      await check(page, width, 'lead-type-preview', found);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(/\/admin\/lead-types\?done=saved/);
      await page.goto(`${b.baseUrl}/admin/lead-types/${leadTypeId}`);
      expect(await page.locator('#history-title + ol').innerText()).toMatch(/changed by Ada Admin[\s\S]*accept within \(minutes\): 240 → 180/);
      await check(page, width, 'lead-type-history', found);

      await page.goto(`${b.baseUrl}/admin/users`);
      await page.locator('#user-email').fill(`newcm${width}@vendor.example`);
      await page.locator('#user-name').fill('Nina New');
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.waitForURL(/\/admin\/users\?done=invited/);
      expect(await page.locator('table').innerText()).toContain('invited, no password yet');
      await check(page, width, 'users', found);
      expect(found).toEqual({});
      await page.context().close();
    });
  }
});
