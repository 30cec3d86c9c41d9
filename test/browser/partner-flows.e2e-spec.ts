// Each flow of the partner workspace, walked in a real browser as a rep and as an admin, at 1280 px and on a 390 px
// phone: a screenshot of every step under test-output/browser/, no axe (WCAG 2.2 A/AA) violation, nothing sideways.
import type { Page } from 'playwright-core';
import { AllocationService } from '@leadgate/allocation';
import { LeadType } from '@leadgate/catalog';
import { ComplianceService } from '@leadgate/compliance';
import { Partner } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('the partner workspace, flow by flow, on a desktop and on a phone', () => {
  let b: BrowserApp;
  let alpha: Partner;
  let bravo: Partner;
  let type: LeadType;
  let bravoLead: string;
  let bravoUser: string;
  let sequence = 0;

  beforeAll(async () => {
    // Monday 10:00 in Berlin, inside the partners' business hours.
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z', env: { LOGIN_RATE_LIMIT: '1000' } });
    const { t } = b;
    alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'], timezone: 'Europe/Berlin' });
    bravo = await makePartner(t.dataSource, { name: 'Bravo Systems', territories: ['DE'], timezone: 'Europe/Berlin' });
    type = await makeLeadType(t.dataSource, { name: 'Demo request' });
    const users = t.app.get(UsersService);
    await users.createUser({ email: 'admin@alpha.example', displayName: 'Ada Admin', role: 'partner_admin', partnerId: alpha.id, password: 'ada-password' });
    await users.createUser({ email: 'rita@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: alpha.id, password: 'rita-password' });
    bravoUser = (await users.createUser({ email: 'bob@bravo.example', displayName: 'Bob Bravo', role: 'partner_rep', partnerId: bravo.id, password: 'bob-password' })).id;
    bravoLead = await offer(bravo, 'Bravo Kunde AG');
    // A standing change with its reason, for the standing history.
    const admin = { kind: 'user' as const, id: bravoUser, name: 'Carla Channel', role: 'admin' as const, partnerId: null, timeZone: 'UTC' };
    await t.app.get(ComplianceService).setOverride(alpha.id, { standing: 'warning', reason: 'Two demo requests waited a week', endsAt: '2026-03-20T00:00:00Z' }, admin);
  });
  afterAll(() => b?.close());

  async function offer(partner: Partner, company: string): Promise<string> {
    const id = await makeLead(b.t.dataSource, type.id, { company, email: `buyer${++sequence}@kunde.example`, createdAt: b.t.clock.now() });
    await b.t.app.get(AllocationService).assignManually(id, partner.id, 'test setup', 'test');
    return id;
  }

  /** Screenshot, axe and sideways overflow of the page as it is now; problems are collected, not thrown, so one run shows them all. */
  const checker = (width: number) => {
    const found: Record<string, unknown> = {};
    return {
      found,
      async step(page: Page, name: string) {
        await b.screenshot(page, `flow-${name}-${width}`);
        const violations = await accessibilityViolations(page);
        const overflow = await sidewaysOverflow(page);
        if (violations.length > 0 || overflow > 0) found[name] = { violations, overflow };
      },
    };
  };
  /** A whole flow is many page loads and axe runs; on a loaded 2-core machine that takes minutes, not seconds. */
  const FLOW_TIMEOUT = 240_000;
  const submit = (page: Page, button: string) => Promise.all([page.waitForLoadState(), page.waitForNavigation(), page.click(button)]);

  for (const width of [1280, 390]) {
    it(`a rep follows an email link, signs in, works the lead from accept to an opportunity, and declines another (${width} px)`, async () => {
      const check = checker(width);
      const lead = await offer(alpha, `Müller Maschinenbau ${width} GmbH`);
      const other = await offer(alpha, `Declined Kunde ${width} AG`);

      // Signed out, the email's link leads to sign-in, then back to the lead.
      const context = await (await b.signIn('rita@alpha.example', 'rita-password', width)).context().browser()!.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${b.baseUrl}/leads/${lead}`);
      expect(page.url()).toContain('/login');
      await check.step(page, 'sign-in-to-lead');
      await page.getByLabel('Email').fill('rita@alpha.example');
      await page.getByLabel('Password').fill('rita-password');
      await submit(page, 'button:has-text("Sign in")');
      expect(page.url()).toBe(`${b.baseUrl}/leads/${lead}`);
      expect(await page.textContent('.clocks')).toContain('accept within 4 business hours — due today 14:00 CET');
      await check.step(page, 'lead-offered');

      // Accept is the primary action; the page says what happened.
      await submit(page, 'button.primary:has-text("Accept lead")');
      expect(await page.textContent('.notice')).toBe('Lead accepted. The contact clock is running.');
      // A call with notes: the timeline shows the notes and who logged it.
      await page.fill('#activity-notes', 'Spoke to Frau Müller; demo on Friday.');
      await submit(page, 'button:has-text("Log it")');
      expect(await page.textContent('.timeline')).toContain('Call logged by Rita Rep (Alpha Networks)');
      expect(await page.textContent('.timeline .notes')).toBe('Spoke to Frau Müller; demo on Friday.');
      // The next step, shown in the inbox.
      await page.fill('#next-step-on', '2026-03-06');
      await page.fill('#next-step-note', 'Demo');
      await submit(page, 'button:has-text("Save next step")');
      expect(await page.textContent('.notice')).toBe('Next step saved.');
      // An opportunity in the rep's own number format.
      await page.selectOption('#feedback-verdict', 'opportunity');
      await page.fill('#feedback-amount', '42.000,50');
      await page.fill('#feedback-currency', 'EUR');
      await submit(page, 'button:has-text("Save feedback")');
      expect(await page.textContent('.notice')).toBe('Feedback saved.');
      expect(await page.textContent('.timeline')).toContain('Marked opportunity by Rita Rep (Alpha Networks) (€42,000.50)');
      await check.step(page, 'lead-opportunity');

      // The inbox: the lead under its stage, with its next step; search finds it.
      await page.goto(`${b.baseUrl}/leads?stage=opportunities&q=${encodeURIComponent('Müller Maschinenbau')}`);
      expect(await page.textContent('table.leads')).toContain('next step Fri 6 Mar: Demo');
      await check.step(page, 'inbox-search');

      // Declining asks for a reason in plain words, then ends on the inbox with a message.
      await page.goto(`${b.baseUrl}/leads/${other}`);
      await page.click('summary:has-text("Decline this lead")');
      await submit(page, 'button:has-text("Yes, decline this lead")');
      expect(await page.textContent('#decline-reasonCode-error')).toBe('Choose a reason for declining.');
      await check.step(page, 'decline-no-reason');
      await page.selectOption('#decline-reasonCode', 'no_capacity');
      await submit(page, 'button:has-text("Yes, decline this lead")');
      expect(page.url()).toBe(`${b.baseUrl}/leads?done=declined`);
      expect(await page.textContent('.notice')).toBe('Lead declined. It has been offered to another partner.');
      // The lead that left, with why, and no contact details.
      await page.goto(`${b.baseUrl}/leads/history`);
      expect(await page.textContent('table.leads')).toMatch(new RegExp(`Declined Kunde ${width} AG[\\s\\S]*Declined today \\d\\d:\\d\\d CET: no capacity`));
      await check.step(page, 'leads-that-left');

      // Another partner's lead is a 404 page with the navigation.
      const response = await page.goto(`${b.baseUrl}/leads/${bravoLead}`);
      expect(response?.status()).toBe(404);
      expect(await page.isVisible('nav.site-nav')).toBe(true);
      await check.step(page, 'other-partners-lead-404');
      await context.close();
      expect(check.found).toEqual({});
    }, FLOW_TIMEOUT);

    it(`a rep sets a time zone and every page follows it; the standing page shows the score, the way back, the deadlines and the history (${width} px)`, async () => {
      const check = checker(width);
      const page = await b.signIn('rita@alpha.example', 'rita-password', width);
      await page.goto(`${b.baseUrl}/preferences`);
      await page.selectOption('#time-zone', 'America/New_York');
      await submit(page, 'button:has-text("Save time zone")');
      expect(await page.textContent('.notice')).toBe('Your time zone is saved.');
      await check.step(page, 'preferences-time-zone');
      await page.goto(`${b.baseUrl}/leads`);
      expect(await page.textContent('table.leads caption')).toContain('times in America/New_York');
      expect(await page.textContent('table.leads')).toMatch(/GMT-5/);
      await check.step(page, 'inbox-new-york');

      await page.goto(`${b.baseUrl}/standing`);
      expect(await page.textContent('.way-back')).toMatch(/^(What brings you back|Your full share of leads resumes)/);
      expect(await page.textContent('#history')).toContain('Two demo requests waited a week');
      expect(await page.textContent('#history')).toContain('2 Mar 2026, 04:00 GMT-5');
      await check.step(page, 'standing');
      await page.click('#deadlines a:has-text("Met")');
      await page.waitForURL(/outcome=met/);
      await check.step(page, 'standing-met');
      // Back to the default: the partner's zone.
      await page.goto(`${b.baseUrl}/preferences`);
      await page.selectOption('#time-zone', '');
      await submit(page, 'button:has-text("Save time zone")');
      expect(await page.textContent('main')).toContain('show every time in Europe/Berlin');
      await page.context().close();
      expect(check.found).toEqual({});
    }, FLOW_TIMEOUT);

    it(`an admin routes leads round robin, gives a lead an owner, and cannot reach another partner's user or lead (${width} px)`, async () => {
      const check = checker(width);
      const page = await b.signIn('admin@alpha.example', 'ada-password', width);
      await page.goto(`${b.baseUrl}/team`);
      await page.check('input[name=mode][value=round_robin]');
      await submit(page, 'button:has-text("Save routing")');
      expect(await page.isChecked('input[name=mode][value=round_robin]')).toBe(true);
      await check.step(page, 'team-round-robin');
      // The next offer goes to the rep who is not away.
      const routed = await offer(alpha, `Routed Kunde ${width} AG`);
      await page.goto(`${b.baseUrl}/leads/${routed}`);
      expect(await page.textContent('.facts')).toContain('Rita Rep');
      // Back to manual, and the admin changes the owner on the lead's page.
      await page.goto(`${b.baseUrl}/team`);
      await page.check('input[name=mode][value=manual]');
      await submit(page, 'button:has-text("Save routing")');
      await page.goto(`${b.baseUrl}/leads/${routed}`);
      await page.selectOption('#lead-owner', { label: 'Ada Admin' });
      await submit(page, 'button:has-text("Change owner")');
      expect(await page.textContent('.notice')).toBe('Owner saved.');
      expect(await page.textContent('.timeline')).toContain('Ada Admin');
      await check.step(page, 'lead-owner-changed');

      // Bad input: another partner's user as owner, another partner's lead or user: 404 pages, nothing changed.
      const csrf = await page.inputValue('input[name=_csrf]');
      const toBravoUser = await page.request.post(`${b.baseUrl}/leads/owner`, { form: { _csrf: csrf, leadIds: routed, userId: bravoUser, back: 'lead' }, maxRedirects: 0 });
      expect(toBravoUser.status()).toBe(404);
      expect(await toBravoUser.text()).toContain('<nav class="site-nav"');
      const bravoLeadPage = await page.goto(`${b.baseUrl}/leads/${bravoLead}`);
      expect(bravoLeadPage?.status()).toBe(404);
      const deactivateBravo = await page.request.post(`${b.baseUrl}/team/${bravoUser}/deactivate`, { form: { _csrf: csrf }, maxRedirects: 0 });
      expect(deactivateBravo.status()).toBe(404);
      await page.goto(`${b.baseUrl}/leads/${routed}`);
      expect(await page.textContent('.facts')).toContain('Ada Admin');
      await page.context().close();
      expect(check.found).toEqual({});
    }, FLOW_TIMEOUT);
  }
});
