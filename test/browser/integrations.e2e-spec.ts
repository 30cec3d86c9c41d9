// A partner admin connects its CRM (a token, a webhook and its delivery log) and an admin imports leads, in a real browser.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { UsersService } from '@leadgate/users';
import { WebhookDeliveryService } from '@leadgate/webhooks';
import { makeLeadType, makePartner, makeToken } from '../support/builders';
import { accessibilityViolations, BrowserApp, sidewaysOverflow, startBrowserApp } from '../support/browser';

describe('integration pages in a browser', () => {
  let b: BrowserApp;
  let receiver: Server;
  let receiverUrl: string;
  let leadTypeKey: string;

  /** No axe violations and, at 390 px, nothing scrolling sideways; then a screenshot at the width. */
  const checkPage = async (page: Page, name: string) => {
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBe(0);
    await b.screenshot(page, name);
  };

  beforeAll(async () => {
    b = await startBrowserApp();
    const { t } = b;
    const alpha = await makePartner(t.dataSource, { name: 'Alpha Networks', territories: ['DE'] });
    leadTypeKey = (await makeLeadType(t.dataSource, { key: 'browser-import' })).key;
    await t.app.get(UsersService).createUser({ email: 'pia@alpha.example', displayName: 'Pia Partner', role: 'partner_admin', partnerId: alpha.id, password: 'pia-password' });
    await t.app.get(UsersService).createUser({ email: 'ada@leadgate.example', displayName: 'Ada Admin', role: 'admin', password: 'ada-password' });
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = 500;
        res.end('CRM is down for maintenance');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/leadgate`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await b?.close();
  });

  for (const width of [1280, 390]) {
    it(`lets a partner admin create a CRM token and register a webhook (${width} px)`, async () => {
      const page = await b.signIn('pia@alpha.example', 'pia-password', width);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
      await page.waitForURL(`${b.baseUrl}/integrations`);
      await checkPage(page, `integrations-${width}`);

      await page.getByLabel('Name (who uses it, e.g. Salesforce sync)').fill(`Salesforce ${width}`);
      await page.getByLabel('Role').selectOption('partner_rep');
      await page.getByRole('button', { name: 'Create token' }).click();
      const secret = await page.locator('code.token-secret').textContent();
      expect(secret).toMatch(/^lg_/);
      await request(b.t.http).get('/api/v1/leads').set('Authorization', `Bearer ${secret}`).expect(200);
      await checkPage(page, `integrations-token-created-${width}`);

      await page.getByLabel('URL (https://…, where your system receives events)').fill(`${receiverUrl}?w=${width}`);
      await page.getByLabel('lead.offered').check();
      await page.getByRole('button', { name: 'Register endpoint' }).click();
      expect(await page.locator('code.token-secret').textContent()).toMatch(/^whsec_/);
      await page.context().close();
    });
  }

  it('shows a failed delivery in the endpoint’s log and sends it again (1280 and 390 px)', async () => {
    const intake = await makeToken(b.t, 'intake');
    await request(b.t.http).post('/api/v1/leads').set('Authorization', `Bearer ${intake}`).send({ email: 'buyer@example.com', company: 'Buyer GmbH', country: 'DE', leadType: leadTypeKey }).expect(201);
    await b.t.app.get(WebhookDeliveryService).deliverDue();
    // The receiver keeps failing past the retry window: the delivery fails for good and the endpoint is disabled.
    b.t.clock.advance(25 * 60 * 60 * 1000);
    for (let i = 0; i < 30; i++) await b.t.app.get(WebhookDeliveryService).deliverDue();
    const [{ status }] = await b.t.dataSource.query(`SELECT status FROM webhook_deliveries ORDER BY id LIMIT 1`);
    expect(status).toBe('failed');

    for (const width of [1280, 390]) {
      const page = await b.signIn('pia@alpha.example', 'pia-password', width);
      await page.goto(`${b.baseUrl}/integrations`);
      await page.getByRole('link', { name: `Delivery log of ${receiverUrl}?w=1280` }).click();
      await page.getByText('CRM is down for maintenance').first().waitFor();
      expect(await page.locator('main').textContent()).toContain('HTTP 500');
      await checkPage(page, `webhook-deliveries-${width}`);
      if (width === 390) {
        await page.getByRole('button', { name: 'Send again' }).first().click();
        expect(await page.getByRole('status').first().textContent()).toContain('queued again');
        await checkPage(page, 'webhook-deliveries-replayed-390');
      }
      await page.context().close();
    }
  });

  for (const width of [1280, 390]) {
    it(`imports leads with a progress bar and a report of the rejected rows (${width} px)`, async () => {
      const page = await b.signIn('ada@leadgate.example', 'ada-password', width);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import leads' }).click();
      await page.waitForURL(`${b.baseUrl}/admin/import`);
      await checkPage(page, `import-${width}`);
      const csv = ['email,company,country,leadType,externalId', `a${width}@example.com,Alpha Buyer,DE,${leadTypeKey},b-${width}-1`, `broken,Broken Buyer,DE,${leadTypeKey},b-${width}-2`].join('\n');
      await page.getByLabel('CSV file').setInputFiles({ name: `leads-${width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Import finished.').waitFor({ timeout: 15_000 });
      expect(await page.locator('progress').getAttribute('value')).toBe('2');
      expect(await page.locator('main').textContent()).toContain('1 rows rejected');
      await checkPage(page, `import-done-${width}`);
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download the rejected rows (CSV)' }).click();
      expect((await download).suggestedFilename()).toBe(`leads-${width}-rejected-rows.csv`);
      await page.context().close();
    });
  }
});
