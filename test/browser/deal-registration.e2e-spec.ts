// A partner rep registers a deal in the browser (plain-word field errors first), and its channel manager reviews it
// side by side with its conflicts and approves it: at 1280 px and 390 px, axe-clean, nothing scrolling sideways.
import { UsersService } from '@leadgate/users';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('registering and reviewing a deal in a browser', () => {
  let b: BrowserApp;
  let alpha: Partner;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const users = t.app.get(UsersService);
    const cm = await users.createUser({ email: 'cm@leadgate.example', displayName: 'Cara Channel', role: 'channel_manager', password: 'cara-password' });
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['AT'], channelManagerId: cm.id });
    const beta = await makePartner(t.dataSource, { name: 'Beta Systems', territories: ['DE'], channelManagerId: cm.id });
    await users.createUser({ email: 'rita@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: alpha.id, password: 'rita-password' });
    // Beta already holds an open lead from the same company (another legal suffix): a conflict.
    const type = await makeLeadType(t.dataSource);
    const leadId = await makeLead(t.dataSource, type.id, { company: 'Globex Ltd.', email: 'buyer@elsewhere.example', country: 'DE' });
    await t.dataSource.query(`UPDATE leads SET current_partner_id = $2, status = 'offered' WHERE id = $1`, [leadId, beta.id]);
  });
  afterAll(() => b?.close());

  for (const width of [1280, 390]) {
    it(`registers a deal and has it reviewed and approved at ${width} px`, async () => {
      await b.t.dataSource.query(`TRUNCATE deal_registrations CASCADE; DELETE FROM leads WHERE source = 'registered_deal'; UPDATE partners SET open_leads = 0`);
      const rep = await b.signIn('rita@alpha.example', 'rita-password', width);
      await rep.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
      await rep.waitForURL(`${b.baseUrl}/deals`);
      await rep.getByRole('link', { name: 'Register a deal' }).click();
      await rep.waitForURL(`${b.baseUrl}/deals/new`);

      // Sent half-filled (no contact at all): each field says its problem in plain words, and nothing is stored.
      await rep.getByLabel('Expected amount, such as 42000').fill('42000');
      await rep.getByLabel('Currency, such as EUR').fill('');
      await rep.getByRole('button', { name: 'Register the deal' }).click();
      expect(await rep.locator('.field-error').allTextContents()).toEqual([
        'Enter the buyer’s company name.',
        'Enter the buyer’s country as a two-letter code, such as DE.',
        'Enter the buyer contact’s email address, such as jane@example.com, or leave it empty and give a phone number or name.',
        'Enter the currency as a three-letter code such as EUR: an amount needs one.',
      ]);
      expect(await accessibilityViolations(rep)).toEqual([]);
      expect(await sidewaysOverflow(rep)).toBe(0);
      await b.screenshot(rep, `deal-form-errors-${width}`);

      await rep.getByLabel('Company (required)').fill('Globex GmbH');
      await rep.getByLabel('Country, two letters such as DE (required)').fill('de');
      await rep.getByLabel('Currency, such as EUR').fill('EUR');
      // A contact by name and phone needs no email.
      await rep.getByLabel('Name', { exact: true }).fill('Jane Doe');
      await rep.getByLabel('Phone', { exact: true }).fill('+49 89 1234567');
      await rep.getByRole('button', { name: 'Register the deal' }).click();
      await rep.waitForURL(/\/deals\/[0-9a-f-]+\?done=submitted$/);
      const main = (await rep.locator('main').textContent()) ?? '';
      expect(main).toContain('Waiting for review');
      expect(main).toContain('Jane Doe, +49 89 1234567');
      expect(main).toContain('This registration conflicts with an existing lead or registration.');
      // The partner never learns with whom.
      expect(main).not.toContain('Beta Systems');
      expect(main).not.toContain('buyer@elsewhere.example');
      expect(await accessibilityViolations(rep)).toEqual([]);
      expect(await sidewaysOverflow(rep)).toBe(0);
      await b.screenshot(rep, `deal-submitted-${width}`);
      const dealUrl = rep.url().replace(/\?.*$/, '');
      await rep.context().close();

      const cm = await b.signIn('cm@leadgate.example', 'cara-password', width);
      await cm.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
      await cm.waitForURL(`${b.baseUrl}/deals`);
      expect(await accessibilityViolations(cm)).toEqual([]);
      await b.screenshot(cm, `deal-queue-${width}`);
      await cm.getByRole('link', { name: 'Globex GmbH' }).click();
      await cm.waitForURL(dealUrl);
      const review = (await cm.locator('main').textContent()) ?? '';
      expect(review).toContain('Beta Systems');
      expect(review).toContain('the same company name in the same country');
      expect(await accessibilityViolations(cm)).toEqual([]);
      expect(await sidewaysOverflow(cm)).toBe(0);
      await b.screenshot(cm, `deal-review-${width}`);

      // Approving over a conflict needs the box ticked.
      await cm.getByRole('button', { name: 'Approve the registration' }).click();
      expect(await cm.getByRole('alert').first().textContent()).toContain('Tick the box');
      await cm.getByLabel(/I compared the conflicts above/).check();
      await cm.getByRole('button', { name: 'Approve the registration' }).click();
      await cm.waitForURL(`${dealUrl}?done=approved`);
      expect(await cm.getByRole('status').textContent()).toContain('Registration approved');
      expect(await cm.locator('main').textContent()).toContain('Protected until 31 May 2026');
      expect(await accessibilityViolations(cm)).toEqual([]);
      await b.screenshot(cm, `deal-approved-${width}`);
      await cm.context().close();

      const [lead] = await b.t.dataSource.query(`SELECT status, current_partner_id FROM leads WHERE source = 'registered_deal'`);
      expect(lead).toEqual({ status: 'accepted', current_partner_id: alpha.id });
    });
  }
});
