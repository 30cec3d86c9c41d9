// A real browser (Debian's Chromium driven by playwright-core) signs in and out of the portal.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { UsersService } from '@leadgate/users';
import { makePartner } from '../support/builders';
import { createTestApp, TestApp } from '../support/test-app';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'browser');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('signing in with a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const partner = await makePartner(t.dataSource, { name: 'Alpha Networks' });
    await t.app.get(UsersService).createUser({ email: 'rep@alpha.example', displayName: 'Rita Rep', role: 'partner_rep', partnerId: partner.id, password: 'rita-password' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('shows the error next to the form for a wrong password, without JavaScript tricks', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill('rep@alpha.example');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('That email and password do not match an active account.');
    expect(await page.getByLabel('Email').inputValue()).toBe('rep@alpha.example');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-failed.png'), fullPage: true });
  });

  it('signs in, shows who is signed in, and signs out again', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png'), fullPage: true });
    await page.getByLabel('Email').fill('rep@alpha.example');
    await page.getByLabel('Password').fill('rita-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/`);
    expect(await page.locator('main').textContent()).toContain('Signed in as Rita Rep (partner rep, Alpha Networks)');
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'leadgate.sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/`);
    expect(page.url()).toBe(`${baseUrl}/login`);
  });
});
