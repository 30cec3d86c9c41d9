// The channel manager's and the admin's pages at 1280 px and on a 390 px phone: no axe (WCAG 2.2 A/AA) violation, nothing scrolls sideways.
import { AllocationService } from '@leadgate/allocation';
import { UsersService } from '@leadgate/users';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('the channel manager’s console on a desktop and on a phone', () => {
  let b: BrowserApp;
  let partnerId: string;
  let held: string;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const manager = await t.app.get(UsersService).createUser({ email: 'cm@vendor.example', displayName: 'Carla Channel', role: 'channel_manager', password: 'carla-password' });
    const partner = await makePartner(t.dataSource, { name: 'Alpenländische Netzwerkintegration GmbH & Co. KG', territories: ['DE'], timezone: 'Europe/Berlin', channelManagerId: manager.id });
    partnerId = partner.id;
    const type = await makeLeadType(t.dataSource);
    held = await makeLead(t.dataSource, type.id, { company: 'Maschinenbau Großunternehmen Nummer 1 GmbH & Co. KG', email: 'einkauf.leitung@maschinenbau-grossunternehmen.example' });
    await t.app.get(AllocationService).assignManually(held, partner.id, 'test setup', 'test');
    await makeLead(t.dataSource, type.id, { company: 'Waiting Buyer AG', status: 'unallocated' });
    await t.app.get(UsersService).createUser({ email: 'admin@vendor.example', displayName: 'Ada Admin', role: 'admin', password: 'ada-password' });
  });
  afterAll(() => b?.close());

  for (const width of [1280, 390]) {
    it(`passes axe and fits ${width} px on every page a channel manager uses`, async () => {
      const page = await b.signIn('cm@vendor.example', 'carla-password', width);
      const pages = ['/partners', `/partners/${partnerId}`, '/manage/leads', '/manage/leads?q=maschinenbau&sort=urgent', `/manage/leads/${held}`, '/queue', '/dashboard'];
      const found: Record<string, unknown> = {};
      for (const path of pages) {
        const response = await page.goto(`${b.baseUrl}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await b.screenshot(page, `channel${path.replace(/[/?=&]+/g, '-').replace(/-[0-9a-f-]{36}/, '-one')}-${width}`);
        const violations = await accessibilityViolations(page);
        const overflow = await sidewaysOverflow(page);
        if (violations.length > 0 || overflow > 0) found[path] = { violations, overflow };
      }
      expect(found).toEqual({});
      await page.context().close();
    });

    it(`passes axe and fits ${width} px on every admin page`, async () => {
      const page = await b.signIn('admin@vendor.example', 'ada-password', width);
      const pages = ['/admin/partners', '/admin/partners/new', `/admin/partners/${partnerId}`, '/admin/lead-types', '/admin/campaigns', '/admin/tokens', '/admin/users', '/admin/emails', '/manage/leads'];
      const found: Record<string, unknown> = {};
      for (const path of pages) {
        const response = await page.goto(`${b.baseUrl}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await b.screenshot(page, `admin${path.replace(/[/?=&]+/g, '-').replace(/-[0-9a-f-]{36}/, '-one')}-${width}`);
        const violations = await accessibilityViolations(page);
        const overflow = await sidewaysOverflow(page);
        if (violations.length > 0 || overflow > 0) found[path] = { violations, overflow };
      }
      expect(found).toEqual({});
      await page.context().close();
    });
  }
});
