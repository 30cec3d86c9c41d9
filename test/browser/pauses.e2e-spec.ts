// Planning a pause in a real browser, as the partner admin and as the channel manager, at 1280 px and on a 390 px
// phone: the form's problems in plain words, no axe (WCAG 2.2 A/AA) violation, nothing scrolls sideways.
import { UsersService } from '@leadgate/users';
import { makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('pauses in a browser', () => {
  let b: BrowserApp;
  let partnerId: string;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const users = b.t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cm@vendor.example', displayName: 'Carla Channel', role: 'channel_manager', password: 'carla-password' });
    partnerId = (await makePartner(b.t.dataSource, { name: 'Nordic IT', channelManagerId: cm.id, timezone: 'Europe/Berlin' })).id;
    await users.createUser({ email: 'ada@nordic.example', displayName: 'Ada Admin', role: 'partner_admin', partnerId, password: 'ada-password' });
  });
  afterAll(() => b?.close());

  /** axe violations and sideways overflow of the page as it is now, with a screenshot; empty when both are fine. */
  async function problemsOf(page: Parameters<BrowserApp['screenshot']>[0], name: string) {
    await b.screenshot(page, name);
    const violations = await accessibilityViolations(page);
    const overflow = await sidewaysOverflow(page);
    return violations.length > 0 || overflow > 0 ? { violations, overflow } : null;
  }

  for (const width of [1280, 390]) {
    it(`lets the partner admin plan a pause from the menu, correcting an end before the start, at ${width} px`, async () => {
      await b.t.dataSource.query(`DELETE FROM partner_pauses`);
      const page = await b.signIn('ada@nordic.example', 'ada-password', width);
      await page.goto(`${b.baseUrl}/leads`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pauses' }).click();
      await page.waitForURL(`${b.baseUrl}/pauses`);
      expect(await page.locator('main').textContent()).toContain('The deadlines of leads already accepted keep running during a pause.');
      const found: Record<string, unknown> = { empty: await problemsOf(page, `pauses-empty-${width}`) };

      await page.getByLabel('From (leave empty to begin now)').fill('2026-03-10T09:00');
      await page.getByLabel('Until').fill('2026-03-09T18:00');
      await page.getByLabel('Reason').fill('Trade fair week');
      await page.getByRole('button', { name: 'Save the pause' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#pause-until-error').textContent()).toBe('The end must come after the start.');
      expect(await page.getByLabel('Until').getAttribute('aria-invalid')).toBe('true');
      found.invalid = await problemsOf(page, `pauses-invalid-${width}`);

      await page.getByLabel('Until').fill('2026-03-13T18:00');
      await page.getByRole('button', { name: 'Save the pause' }).click();
      await page.waitForURL(`${b.baseUrl}/pauses?done=created`);
      expect(await page.getByRole('status').first().textContent()).toBe('The pause is saved. No new leads are offered during it.');
      expect(await page.locator('table.leads tbody').textContent()).toContain('13 March 2026, 18:00 CET');
      found.saved = await problemsOf(page, `pauses-saved-${width}`);

      await page.getByRole('button', { name: 'Call off this pause' }).click();
      await page.waitForURL(`${b.baseUrl}/pauses?done=ended`);
      expect(await page.locator('table.leads tbody').textContent()).toContain('called off');
      expect(found).toEqual({ empty: null, invalid: null, saved: null });
      await page.context().close();
    });

    it(`lets the channel manager pause a managed partner from its partner page at ${width} px`, async () => {
      await b.t.dataSource.query(`DELETE FROM partner_pauses`);
      const page = await b.signIn('cm@vendor.example', 'carla-password', width);
      await page.goto(`${b.baseUrl}/partners/${partnerId}`);
      await page.getByRole('link', { name: 'Plan a pause for Nordic IT, or end one' }).click();
      await page.waitForURL(`${b.baseUrl}/partners/${partnerId}/pauses`);
      await page.getByLabel('Until').fill('2026-03-04T18:00');
      await page.getByLabel('Reason').fill('Office move');
      await page.getByRole('button', { name: 'Save the pause' }).click();
      await page.waitForURL(`${b.baseUrl}/partners/${partnerId}/pauses?done=created`);
      expect(await page.locator('main').textContent()).toContain('Paused until 4 March 2026, 18:00 CET');
      const running = await problemsOf(page, `partner-pauses-running-${width}`);
      await page.goto(`${b.baseUrl}/partners/${partnerId}`);
      expect(await page.locator('main').textContent()).toContain('Office move');
      expect({ running, partnerPage: await problemsOf(page, `partner-with-pause-${width}`) }).toEqual({ running: null, partnerPage: null });
      await page.context().close();
    });
  }
});
