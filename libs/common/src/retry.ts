// PURE: when a failed delivery (an email, a webhook) is tried again, and when it is given up. No I/O.

export interface RetrySettings {
  baseSeconds: number;
  maxSeconds: number;
  giveUpHours: number;
}

export type AfterFailure = { kind: 'retry'; at: Date } | { kind: 'give_up' };

/**
 * Backoff doubles from baseSeconds up to maxSeconds (capped, so a day-long outage is still tried every
 * maxSeconds); the delivery is given up once its event has waited giveUpHours, by age, not by attempts.
 */
export function afterFailure(delivery: { attempts: number; createdAt: Date }, now: Date, settings: RetrySettings): AfterFailure {
  if (now.getTime() - delivery.createdAt.getTime() >= settings.giveUpHours * 3_600_000) return { kind: 'give_up' };
  const waitSeconds = Math.min(settings.baseSeconds * 2 ** Math.max(0, delivery.attempts - 1), settings.maxSeconds);
  return { kind: 'retry', at: new Date(now.getTime() + waitSeconds * 1000) };
}
