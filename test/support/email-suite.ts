// What every email suite sets up: the real app sending to an in-process SMTP server, and a clean slate per test.
import { createTestApp, TestApp } from './test-app';
import { TestSmtp } from './test-smtp';

/** Starts the SMTP server, then the app (as createTestApp) with SMTP_URL pointing at it. */
export async function startAppWithSmtp(smtp: TestSmtp, options: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const port = await smtp.start();
  return createTestApp({ ...options, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, ...options.env } });
}

export async function stopAppWithSmtp(t: TestApp, smtp: TestSmtp): Promise<void> {
  await t.close();
  await smtp.stop();
}

/** Nothing received, the clock back at `now`, and no emails, partners, users or leads with their history. */
export async function resetEmailWorld(t: TestApp, smtp: TestSmtp, now: string): Promise<void> {
  smtp.reset();
  t.clock.set(now);
  await t.dataSource.query(
    `TRUNCATE outbound_emails, partners, users, leads, lead_types, allocation_decisions, assignments, breaches, standing_changes CASCADE`,
  );
}
