// Every partner page at 1280 px and on a 390 px phone: no axe (WCAG 2.2 A/AA) violation, nothing scrolls sideways.
import { AllocationService } from '@leadgate/allocation';
import { FollowUpService, OwnersService } from '@leadgate/follow-up';
import { UsersService } from '@leadgate/users';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('the partner workspace on a desktop and on a phone', () => {
  let b: BrowserApp;
  let offered: string;

  beforeAll(async () => {
    // Monday 10:00 in Berlin, inside the partners' business hours.
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'], timezone: 'Europe/Berlin' });
    const bravo = await makePartner(t.dataSource, { name: 'Bravo Systems', territories: ['DE'], timezone: 'Europe/Berlin' });
    const type = await makeLeadType(t.dataSource);
    const users = t.app.get(UsersService);
    const admin = await users.createUser({ email: 'admin@alpha.example', displayName: 'Ada Admin', role: 'partner_admin', partnerId: alpha.id, password: 'ada-password' });
    const rep = await users.createUser({ email: 'rita@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: alpha.id, password: 'rita-password' });
    const allocation = t.app.get(AllocationService);
    const offer = async (n: number) => {
      const id = await makeLead(t.dataSource, type.id, { email: `buyer${n}@kunde-mit-langem-namen.example`, company: `Maschinenbau Großunternehmen Nummer ${n} GmbH & Co. KG`, createdAt: t.clock.now() });
      await allocation.assignManually(id, alpha.id, 'test setup', 'test');
      return id;
    };
    offered = await offer(1);
    const accepted = await offer(2);
    const principal = { kind: 'user' as const, id: admin.id, name: 'Ada Admin', role: 'partner_admin' as const, partnerId: alpha.id, timeZone: 'UTC' };
    await t.app.get(FollowUpService).accept(accepted, principal);
    await t.app.get(FollowUpService).logActivity(accepted, principal, { type: 'call', notes: 'Spoke to the buyer; a demo on Friday.' });
    const moved = await offer(3);
    await allocation.assignManually(moved, bravo.id, 'closer to the buyer', 'test');
    await t.app.get(OwnersService).assign(principal, { leadIds: [accepted], userId: rep.id });
  });
  afterAll(() => b?.close());

  for (const width of [1280, 390]) {
    it(`passes axe and fits ${width} px on every page a partner admin uses`, async () => {
      const page = await b.signIn('admin@alpha.example', 'ada-password', width);
      const pages = ['/leads', '/leads?owner=none', '/leads?stage=to_contact', `/leads/${offered}`, '/leads/history', '/standing', '/dashboard', '/team', '/preferences'];
      const found: Record<string, unknown> = {};
      for (const path of pages) {
        const response = await page.goto(`${b.baseUrl}${path}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        const name = `partner${path.replace(/[/?=&]+/g, '-').replace(/-[0-9a-f-]{36}$/, '-lead')}-${width}`;
        await b.screenshot(page, name);
        const violations = await accessibilityViolations(page);
        const overflow = await sidewaysOverflow(page);
        if (violations.length > 0 || overflow > 0) found[path] = { violations, overflow };
      }
      expect(found).toEqual({});
      await page.context().close();
    });
  }

  for (const width of [1280, 390]) {
    it(`passes axe and fits ${width} px on a rep's own leads and preferences, and on the admin's assign and away forms after a mistake`, async () => {
      const found: Record<string, unknown> = {};
      const check = async (page: Awaited<ReturnType<BrowserApp['signIn']>>, name: string) => {
        await b.screenshot(page, `${name}-${width}`);
        const violations = await accessibilityViolations(page);
        const overflow = await sidewaysOverflow(page);
        if (violations.length > 0 || overflow > 0) found[name] = { violations, overflow };
      };
      const rep = await b.signIn('rita@alpha.example', 'rita-password', width);
      for (const path of ['/leads?owner=me', '/preferences']) {
        expect((await rep.goto(`${b.baseUrl}${path}`))?.status()).toBe(200);
        await check(rep, `partner-rep${path.replace(/[/?=&]+/g, '-')}`);
      }
      // The away form refuses a range that ends before it starts, next to its field.
      await rep.fill('#away-from', '2026-03-10');
      await rep.fill('#away-until', '2026-03-09');
      await Promise.all([rep.waitForLoadState(), rep.click('text=Save away dates')]);
      expect(await rep.textContent('#away-until-error')).toBe('The last day away cannot be before the first.');
      await check(rep, 'partner-rep-away-error');
      await rep.context().close();

      // An admin ticks a lead and gives it to Rita.
      const admin = await b.signIn('admin@alpha.example', 'ada-password', width);
      await admin.goto(`${b.baseUrl}/leads`);
      await admin.check(`input[name=leadIds][value="${offered}"]`);
      await admin.selectOption('#assign-to', { label: 'Rita Rep' });
      await Promise.all([admin.waitForURL(/done=assigned/), admin.click('button:has-text("Assign")')]);
      expect(await admin.textContent('.notice')).toContain('Owner saved.');
      await check(admin, 'partner-admin-assigned');
      await admin.context().close();
      expect(found).toEqual({});
    });
  }
});
