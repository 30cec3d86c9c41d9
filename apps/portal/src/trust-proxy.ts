import { AppConfig, ConfigurationError } from '@leadgate/config';

/**
 * Only the proxies named in TRUST_PROXY may set the client address (sign-in throttling counts per address) and
 * say the request was HTTPS (which makes the session cookie Secure). Off by default: a header anyone can send
 * must not move anyone to another address.
 */
export function trustProxies(app: { set(setting: string, value: unknown): unknown }, config: AppConfig): void {
  try {
    app.set('trust proxy', config.trustProxy);
  } catch (error) {
    throw new ConfigurationError(`TRUST_PROXY: ${(error as Error).message} (use false, true, a hop count, or addresses and subnets)`);
  }
}
