// A channel manager lifts a suspended partner back to good standing through the override form in a real browser.
import { UsersService } from '@leadgate/users';
import { Partner } from '@leadgate/partners';
import { makeLead, makeLeadType, makePartner } from '../support/builders';
import { BrowserApp, startBrowserApp } from '../support/browser';

describe('overriding a partner’s standing in a browser', () => {
  let b: BrowserApp;
  let suspended: Partner;
  let queuedCompany: string;

  beforeAll(async () => {
    b = await startBrowserApp({ now: '2026-03-02T09:00:00Z' });
    const { t } = b;
    const cm = await t.app.get(UsersService).createUser({ email: 'cm@leadgate.example', displayName: 'Cara Channel', role: 'channel_manager', password: 'cara-password' });
    suspended = await makePartner(t.dataSource, { name: 'Sleepy Systems', standing: 'suspended', channelManagerId: cm.id });
    await makePartner(t.dataSource, { name: 'Alpha Networks', channelManagerId: cm.id });
    // An Austrian lead with no partner covering Austria waits in the queue.
    const queued = await makeLead(t.dataSource, (await makeLeadType(t.dataSource)).id, { status: 'unallocated', country: 'AT', createdAt: t.clock.now() });
    [{ company: queuedCompany }] = await t.dataSource.query(`SELECT company FROM leads WHERE id = $1`, [queued]);
  });
  afterAll(() => b?.close());

  it('sets an override to good with a reason and an end date, and the partner page shows the standing good', async () => {
    const page = await b.signIn('cm@leadgate.example', 'cara-password');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click();
    await page.waitForURL(`${b.baseUrl}/partners`);
    await b.screenshot(page, 'partners');

    await page.getByRole('link', { name: 'Sleepy Systems' }).click();
    await page.waitForURL(`${b.baseUrl}/partners/${suspended.id}`);
    expect(await page.locator('#standing').textContent()).toBe('suspended');
    await b.screenshot(page, 'partner-suspended');

    await page.getByLabel('Standing').selectOption('good');
    await page.getByLabel('Reason').fill('Back from the audit; answering leads again');
    await page.getByLabel('Ends on').fill('2026-04-01');
    await page.getByRole('button', { name: 'Set override' }).click();
    await page.waitForURL(`${b.baseUrl}/partners/${suspended.id}?done=override`);
    expect(await page.getByRole('status').textContent()).toBe('The standing override is saved and in force now.');
    expect(await page.locator('#standing').textContent()).toBe('good');
    expect(await page.locator('main').textContent()).toContain('Back from the audit; answering leads again');
    await b.screenshot(page, 'partner-overridden');

    const [stored] = await b.t.dataSource.query(`SELECT standing FROM partners WHERE id = $1`, [suspended.id]);
    expect(stored.standing).toBe('good');
    await page.context().close();
  });

  it('shows the queue of unallocated leads', async () => {
    const page = await b.signIn('cm@leadgate.example', 'cara-password');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await page.waitForURL(`${b.baseUrl}/queue`);
    expect(await page.locator('main').textContent()).toContain(queuedCompany);
    await b.screenshot(page, 'queue');
    await page.context().close();
  });
});
