/// <reference lib="dom" />
// The real app on a local port and Debian's Chromium driven by playwright-core, for browser specs.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from './test-app';

const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'browser');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  /** A fresh page (its own cookies) signed in through the login form, left on the home page; 1280 px wide unless told. */
  signIn(email: string, password: string, width?: number): Promise<Page>;
  /** A full-page screenshot under test-output/browser/, kept for a human look. */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<BrowserApp> {
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await t.close();
    throw error;
  }
  const launched = browser;
  return {
    t,
    baseUrl,
    async signIn(email, password, width = 1280) {
      // bypassCSP lets the tests inject axe-core; the pages' own policy is unchanged.
      const context = await launched.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${baseUrl}/`);
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await launched.close();
      await t.close();
    },
  };
}

/** WCAG 2.x A and AA violations axe-core finds on the page as it is now: each rule with the elements it names. */
export async function accessibilityViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** How many pixels the page is wider than its viewport (0: nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}
