// A partner rep works an offered lead from inbox to won in a real browser, and finds late leads under Overdue.
import { AllocationService } from '@leadgate/allocation';
import { UsersService } from '@leadgate/users';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { BrowserApp, startBrowserApp } from '../support/browser';

describe('working a lead in a browser', () => {
  let b: BrowserApp;
  let fresh: string;
  let late: string;
  let alsoLate: string;

  beforeAll(async () => {
    // Monday 10:00 in Berlin, inside the partner's business hours.
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const partner = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'], timezone: 'Europe/Berlin' });
    const type = await makeLeadType(t.dataSource);
    const offer = async (email: string) => {
      const id = await makeLead(t.dataSource, type.id, { email, createdAt: t.clock.now() });
      await t.app.get(AllocationService).assignManually(id, partner.id, 'test setup', 'test');
      return id;
    };
    late = await offer('late.buyer@example.com');
    alsoLate = await offer('also.late.buyer@example.com');
    // Offered yesterday and never accepted: their accept clocks ran out an hour ago.
    await t.dataSource.query(
      `UPDATE assignments SET offered_at = $2::timestamptz - interval '1 day', accept_due_at = $2::timestamptz - interval '1 hour' WHERE lead_id = ANY($1)`,
      [[late, alsoLate], t.clock.now()],
    );
    fresh = await offer('fresh.buyer@example.com');
    await t.app.get(UsersService).createUser({ email: 'rep@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: partner.id, password: 'rita-password' });
  });
  afterAll(() => b?.close());

  it('opens an offered lead from the inbox, accepts it, logs a call and records it as won', async () => {
    const page = await b.signIn('rep@alpha.example', 'rita-password');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.waitForURL(`${b.baseUrl}/leads`);
    expect(await page.locator('table.leads caption').textContent()).toContain('3 lead(s)');
    await b.screenshot(page, 'inbox');

    await page.locator(`a[href="/leads/${fresh}"]`).click();
    await page.waitForURL(`${b.baseUrl}/leads/${fresh}`);
    await b.screenshot(page, 'lead-offered');
    await page.getByRole('button', { name: 'Accept lead' }).click();
    await page.waitForURL(`${b.baseUrl}/leads/${fresh}?done=accepted`);
    expect(await page.getByRole('status').textContent()).toBe('Lead accepted. The contact clock is running.');

    await page.getByLabel('Kind').selectOption('call');
    await page.getByLabel('Notes (optional)').fill('Spoke to the buyer; they want a quote.');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.waitForURL(`${b.baseUrl}/leads/${fresh}?done=activity`);
    expect(await page.getByRole('status').textContent()).toBe('Activity logged.');

    await page.getByLabel('Verdict').selectOption('won');
    await page.getByLabel(/^Amount/).fill('42000.50');
    await page.getByLabel(/^Currency/).fill('EUR');
    await page.getByRole('button', { name: 'Save feedback' }).click();
    await page.waitForURL(`${b.baseUrl}/leads/${fresh}?done=feedback`);
    expect(await page.getByRole('status').textContent()).toBe('Feedback saved.');
    expect(await page.locator('p', { hasText: 'Status:' }).locator('.status').textContent()).toBe('won');
    await b.screenshot(page, 'lead-won');

    const [stored] = await b.t.dataSource.query(`SELECT status, won_amount_minor, currency FROM leads WHERE id = $1`, [fresh]);
    expect(stored).toEqual({ status: 'won', won_amount_minor: '4200050', currency: 'EUR' });
    await page.context().close();
  });

  it('lists only the late leads with "Overdue only", and keeps that filter from page to page', async () => {
    const page = await b.signIn('rep@alpha.example', 'rita-password');
    await page.goto(`${b.baseUrl}/leads`);
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/overdue=true/);
    expect(await page.getByLabel('Overdue only').isChecked()).toBe(true);
    expect(await page.locator('table.leads caption').textContent()).toContain('2 lead(s)');
    expect(await page.locator('table.leads tbody tr').first().textContent()).toMatch(/overdue by/);
    expect(await page.locator(`a[href="/leads/${fresh}"]`).count()).toBe(0);
    await b.screenshot(page, 'inbox-overdue');

    await page.goto(`${b.baseUrl}/leads?overdue=true&pageSize=1`);
    const first = await page.locator('table.leads tbody a').getAttribute('href');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/overdue=true/);
    const second = await page.locator('table.leads tbody a').getAttribute('href');
    expect([first, second].sort()).toEqual([`/leads/${late}`, `/leads/${alsoLate}`].sort());
    await page.context().close();
  });
});
