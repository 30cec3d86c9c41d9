import { availableParallelism } from 'node:os';
import { PolicyEnvironment } from './environment';

// Outside production only (the environment refuses to start production without SESSION_SECRET).
const DEVELOPMENT_SECRET = 'leadgate-development-session-secret-not-for-production';

/** Typed, validated configuration, injected where needed instead of reading process.env. */
export class AppConfig {
  constructor(readonly env: PolicyEnvironment) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
  /** SESSION_SECRET: signs session cookies and derives the secrets of emailed one-time links (portal and worker alike). */
  get serverSecret(): string {
    return this.env.SESSION_SECRET ?? DEVELOPMENT_SECRET;
  }
  get databaseUrl(): string | undefined {
    return this.env.DATABASE_URL;
  }
  /** Where reports and dashboards read: REPORTS_DATABASE_URL when set, else null (the primary database). */
  get reportsDatabaseUrl(): string | null {
    return this.env.REPORTS_DATABASE_URL ?? null;
  }
  get embedded(): boolean {
    return !this.env.DATABASE_URL;
  }
  get publicUrl(): string {
    return (this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`).replace(/\/$/, '');
  }
  /** Portal processes to run: WEB_CONCURRENCY, else one per core on a database server and one on the embedded database. */
  get webConcurrency(): number {
    return this.env.WEB_CONCURRENCY ?? (this.embedded ? 1 : availableParallelism());
  }
  get jobsInPortal(): boolean {
    return this.env.JOBS_IN_PORTAL ?? this.embedded;
  }
  /** express's "trust proxy" setting from TRUST_PROXY: false, true, a hop count, or a list of addresses and subnets. */
  get trustProxy(): boolean | number | string {
    const value = this.env.TRUST_PROXY.trim();
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }
  get webhookAllowPrivateUrls(): boolean {
    return this.env.WEBHOOK_ALLOW_PRIVATE_URLS ?? this.env.NODE_ENV === 'test';
  }
  get logFormat(): 'json' | 'pretty' {
    return this.env.LOG_FORMAT ?? (this.isProduction ? 'json' : 'pretty');
  }
}
