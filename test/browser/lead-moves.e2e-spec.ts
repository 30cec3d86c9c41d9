// A channel manager finds a lead in the console, moves it to another partner from its page and comes back to the
// same view; then assigns waiting leads in bulk from the queue — on a desktop and on a phone, axe-clean, no sideways scroll.
import { AllocationService } from '@leadgate/allocation';
import { UsersService } from '@leadgate/users';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('moving leads by hand, on a desktop and on a phone', () => {
  let b: BrowserApp;
  const partners: Record<string, string> = {};
  const held: Record<number, string> = {};
  const waiting: Record<number, string[]> = {};

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const manager = await t.app.get(UsersService).createUser({ email: 'cm@vendor.example', displayName: 'Carla Channel', role: 'channel_manager', password: 'carla-password' });
    for (const name of ['Alpenländische Netzwerkintegration GmbH & Co. KG', 'Bodensee Systemhaus GmbH', 'Ruhepause IT AG']) {
      partners[name] = (await makePartner(t.dataSource, { name, territories: ['AT'], channelManagerId: manager.id, standing: name.startsWith('Ruhe') ? 'suspended' : 'good' })).id;
    }
    const type = await makeLeadType(t.dataSource, { name: 'Demo request' });
    for (const width of [1280, 390]) {
      held[width] = await makeLead(t.dataSource, type.id, { company: `Maschinenbau Großunternehmen ${width} GmbH & Co. KG`, country: 'AT', postalCode: '1010' });
      await t.app.get(AllocationService).assignManually(held[width], partners['Alpenländische Netzwerkintegration GmbH & Co. KG'], 'test setup', 'test');
      waiting[width] = [
        await makeLead(t.dataSource, type.id, { company: `Wartende Käufer ${width} AG`, status: 'unallocated', country: 'CH' }),
        await makeLead(t.dataSource, type.id, { company: `Geduldige Kundin ${width} GmbH`, status: 'unallocated', country: 'CH' }),
      ];
    }
  });
  afterAll(() => b?.close());

  const checkPage = async (page: Parameters<BrowserApp['screenshot']>[0], name: string) => {
    await b.screenshot(page, name);
    expect({ name, violations: await accessibilityViolations(page), overflow: await sidewaysOverflow(page) }).toEqual({ name, violations: [], overflow: 0 });
  };

  for (const width of [1280, 390]) {
    it(`moves a lead from its page and returns to the console view it came from (${width} px)`, async () => {
      const page = await b.signIn('cm@vendor.example', 'carla-password', width);
      const view = `/manage/leads?q=${width}+GmbH&status=offered`;
      await page.goto(`${b.baseUrl}${view}`);
      await page.getByRole('link', { name: `Maschinenbau Großunternehmen ${width} GmbH & Co. KG` }).click();
      await page.waitForURL(new RegExp(`/manage/leads/${held[width]}\\?back=`));
      await checkPage(page, `lead-page-${width}`);

      await page.getByLabel('Move to').selectOption(partners['Bodensee Systemhaus GmbH']);
      await page.getByLabel('Reason').fill('The buyer asked for a partner near Bregenz');
      await page.getByRole('button', { name: 'Move the lead' }).click();
      await page.waitForURL(new RegExp(`/manage/leads/${held[width]}\\?done=moved`));
      expect(await page.getByRole('status').textContent()).toContain('The lead is moved.');
      expect(await page.locator('main').textContent()).toContain('Taken back from Alpenländische Netzwerkintegration GmbH & Co. KG by Carla Channel: The buyer asked for a partner near Bregenz');
      await checkPage(page, `lead-page-moved-${width}`);

      await page.getByRole('link', { name: '← Leads' }).click();
      await page.waitForURL(`${b.baseUrl}${view}`);
      expect(await page.locator('#q').inputValue()).toBe(`${width} GmbH`);
      const [lead] = await b.t.dataSource.query(`SELECT current_partner_id FROM leads WHERE id = $1`, [held[width]]);
      expect(lead.current_partner_id).toBe(partners['Bodensee Systemhaus GmbH']);
      await page.context().close();
    });

    it(`assigns ticked queue leads in bulk, and shows who could take each (${width} px)`, async () => {
      const page = await b.signIn('cm@vendor.example', 'carla-password', width);
      await page.goto(`${b.baseUrl}/queue`);
      await page.getByText('Partners for this lead').first().click();
      await checkPage(page, `queue-${width}`);

      for (const company of [`Wartende Käufer ${width} AG`, `Geduldige Kundin ${width} GmbH`]) await page.getByLabel(`Assign ${company}`).check();
      await page.getByLabel('Assign the ticked leads to').selectOption(partners['Bodensee Systemhaus GmbH']);
      await page.getByLabel('Reason').fill('Swiss buyers; Bodensee covers them informally');
      await page.getByRole('button', { name: 'Assign the ticked leads' }).click();
      await page.waitForURL(`${b.baseUrl}/queue?done=assigned-many`);
      expect(await page.getByRole('status').textContent()).toBe('The leads are assigned.');
      await checkPage(page, `queue-assigned-${width}`);
      const rows = await b.t.dataSource.query(`SELECT DISTINCT current_partner_id FROM leads WHERE id = ANY($1)`, [waiting[width]]);
      expect(rows).toEqual([{ current_partner_id: partners['Bodensee Systemhaus GmbH'] }]);
      await page.context().close();
    });
  }
});
