// The one place that reads process.env: every variable is declared, typed and validated here.
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { parseExpression } from 'cron-parser';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value;

export class Environment {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** PostgreSQL connection string; unset → the embedded PostgreSQL under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  /**
   * Optional PostgreSQL connection string the reports and dashboards read from (a streaming replica, or a
   * read-only role); unset → they read from DATABASE_URL. Nothing is written through it.
   */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'REPORTS_DATABASE_URL must be a postgres:// connection string' })
  REPORTS_DATABASE_URL?: string;

  @IsOptional() @IsString()
  DATA_DIR = '.data';

  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  /**
   * Portal processes serving HTTP (node:cluster); unset → one per CPU core on a database server, 1 on the
   * embedded database (which belongs to a single process).
   */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(64)
  WEB_CONCURRENCY?: number;

  /** On SIGTERM the portal finishes in-flight requests and closes keep-alive connections; after this long it cuts the rest and exits. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(3600)
  SHUTDOWN_DRAIN_SECONDS = 10;

  /** Public base URL of the portal, used in links (emails, printed logins). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** json (default in production) or pretty (default otherwise). */
  @IsOptional() @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** Same email + lead type inside this many days is reported as a duplicate of the first lead. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(3650)
  DUPLICATE_WINDOW_DAYS = 30;

  /** Database pool size per process. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** PostgreSQL cancels a statement that runs longer; 0 never (migrations are not bounded). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 60_000;

  /** Opening a database connection fails after this long (an unreachable or silent server); 0 waits as long as TCP does. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /** Seed the demo data set into an empty embedded database on start. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_SEED = true;

  /** Signs the session cookie. Required in production (32+ characters); elsewhere a fixed development value is used. */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.SESSION_SECRET !== undefined)
  @IsString() @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters (required in production)' })
  SESSION_SECRET?: string;

  /** A browser session ends this many hours after sign-in. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 90)
  SESSION_TTL_HOURS = 12;

  /** Sign-in (and, counted apart, password-reset) attempts allowed per account within LOGIN_RATE_WINDOW_SECONDS; more get 429. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT = 5;

  /** The same, per source address, whatever accounts it tries. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  LOGIN_SOURCE_RATE_LIMIT = 20;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /**
   * Which proxies' X-Forwarded-For / X-Forwarded-Proto to believe (express "trust proxy"): `false` (default: none,
   * the client address is the socket's), `true`, a hop count, or addresses and subnets ("loopback", "10.0.0.0/8").
   */
  @IsOptional() @IsString()
  TRUST_PROXY = 'false';

  /** How long an API POST's Idempotency-Key is remembered: a retry within this many hours replays the first answer. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 30)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;

  /** A password-reset link works for this many minutes, and only once. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 60)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** An invitation's set-password link works for this many hours, and only once. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 30)
  INVITATION_TTL_HOURS = 72;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v.length > 0) : value;
const CRON = /^(\S+\s+){4}\S+$/;
const REASON_CODES = /^[a-z][a-z0-9_]*$/;

/** Allocation, SLA and compliance tuning; the defaults match the rule "miss your SLAs, lose your leads". */
export class PolicyEnvironment extends Environment {
  /** A partner in `warning` gets this share of its weight. */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1)
  ALLOCATION_WARNING_WEIGHT_FACTOR = 0.5;

  /** When a lead names a product interest, only partners with that specialty may get it. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  ALLOCATION_REQUIRE_SPECIALTY = true;

  /** Daily multiplier of each partner's recent-allocation count (fair-share memory). */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(1)
  ALLOCATION_FAIRNESS_DECAY = 0.5;

  /** The longest a partner pause may run, in days. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(366)
  PAUSE_MAX_DAYS = 60;

  /** A lead waiting unallocated longer than this is marked for the channel manager's attention (queue and daily digest). */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(720)
  UNALLOCATED_ATTENTION_HOURS = 4;

  /** What one missed or met update-cadence clock weighs in the compliance score against any other clock's 1; 0 leaves them out. */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(10)
  UPDATE_CLOCK_WEIGHT = 1;

  /**
   * Minutes after accepting in which a partner may hand a lead back (decline it) without a logged contact
   * as a plain decline; later, the hand-back counts as a missed contact clock.
   */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(10080)
  HAND_BACK_GRACE_MINUTES = 15;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(3650)
  COMPLIANCE_WINDOW_DAYS = 90;

  /** Scores below this put a partner in warning; in (0, 1] and above COMPLIANCE_SUSPEND_BELOW. */
  @IsOptional() @Transform(toNumber) @IsNumber() @IsPositive() @Max(1)
  COMPLIANCE_WARNING_BELOW = 0.9;

  /** Scores below this suspend a partner; in (0, 1] and below COMPLIANCE_WARNING_BELOW. */
  @IsOptional() @Transform(toNumber) @IsNumber() @IsPositive() @Max(1)
  COMPLIANCE_SUSPEND_BELOW = 0.75;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  COMPLIANCE_SUSPEND_OPEN_BREACHES = 3;

  @IsOptional() @Transform(toNumber) @IsInt() @Min(0)
  COMPLIANCE_BREACH_GRACE_HOURS = 24;

  /** Below this many clocks in the window the score alone never demotes a partner. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0)
  COMPLIANCE_MIN_CLOCKS = 5;

  /** Cron schedules (UTC) of the worker's jobs. */
  @IsOptional() @Matches(CRON, { message: 'SWEEP_SCHEDULE must be a 5-field cron expression' })
  SWEEP_SCHEDULE = '* * * * *';

  @IsOptional() @Matches(CRON, { message: 'COMPLIANCE_SCHEDULE must be a 5-field cron expression' })
  COMPLIANCE_SCHEDULE = '*/10 * * * *';

  @IsOptional() @Matches(CRON, { message: 'FAIRNESS_DECAY_SCHEDULE must be a 5-field cron expression' })
  FAIRNESS_DECAY_SCHEDULE = '0 3 * * *';

  /** Cron schedule (UTC) of the reports rollup; reports lag the live data by at most this interval. */
  @IsOptional() @Matches(CRON, { message: 'REPORTS_ROLLUP_SCHEDULE must be a 5-field cron expression' })
  REPORTS_ROLLUP_SCHEDULE = '*/5 * * * *';

  /**
   * The rollup re-reads leads updated since its last run minus this margin, so a change whose
   * transaction committed after that run started (with an earlier updated_at) is still picked up.
   */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(1440)
  REPORTS_ROLLUP_OVERLAP_MINUTES = 15;

  /** The one currency report amounts are in; amounts are summed as recorded, without conversion. */
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'REPORTING_CURRENCY must be a 3-letter ISO 4217 code such as EUR' })
  REPORTING_CURRENCY = 'EUR';

  /** A program median a partner sees needs at least this many partners behind each figure; with fewer it is withheld. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(3, { message: 'REPORT_MEDIAN_MIN_PARTNERS must be at least 3: a median over two partners gives the other away' })
  REPORT_MEDIAN_MIN_PARTNERS = 5;

  /**
   * A running job sends a heartbeat a few times per this interval; a run without one for this long (its
   * worker was killed or cut off) is handed to another worker at the next queue maintenance.
   */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(2) @Max(3600)
  JOB_EXPIRE_SECONDS = 60;

  /** How often the job queue's maintenance runs: it hands the runs of dead workers on, and archives old runs. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(3600)
  JOB_MAINTENANCE_SECONDS = 30;

  /** Run the background jobs inside the portal process too (default: on the embedded database, so `npm start` is the whole product). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  JOBS_IN_PORTAL?: boolean;

  /** SMTP server for outgoing email, e.g. smtp://user:pass@mail.example.com:587; unset → .eml files under DATA_DIR/outbox. */
  @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of every email, as `Name <address>` or a bare address. */
  @IsOptional() @IsString()
  MAIL_FROM = 'LeadGate <no-reply@leadgate.local>';

  @IsOptional() @Matches(CRON, { message: 'EMAIL_SCHEDULE must be a 5-field cron expression' })
  EMAIL_SCHEDULE = '* * * * *';

  /** Cron (UTC) of the weekly scorecard email to each active partner's admins (Mondays 07:00 by default). */
  @IsOptional() @Matches(CRON, { message: 'PARTNER_SCORECARD_SCHEDULE must be a 5-field cron expression' })
  PARTNER_SCORECARD_SCHEDULE = '0 7 * * 1';

  /** Cron (UTC) of the daily digest email to channel managers and admins. */
  @IsOptional() @Matches(CRON, { message: 'CHANNEL_DIGEST_SCHEDULE must be a 5-field cron expression' })
  CHANNEL_DIGEST_SCHEDULE = '0 7 * * *';

  /** Wait before the first retry; each further retry waits twice as long, up to EMAIL_RETRY_MAX_SECONDS. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  EMAIL_RETRY_BASE_SECONDS = 60;

  /** The longest wait between two sending attempts, however many failed before. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  EMAIL_RETRY_MAX_SECONDS = 1_800;

  /** A message still refused this long after it was queued is marked failed (an SMTP 5xx refusal fails it at once). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(24 * 30)
  EMAIL_GIVE_UP_HOURS = 48;

  /** SMTP connections kept open and used side by side: the number of messages sent at once. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(50)
  EMAIL_SMTP_CONNECTIONS = 5;

  /** Messages a delivery run claims at a time. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(1000)
  EMAIL_BATCH_SIZE = 20;

  /** Cron (UTC) of webhook delivery: sends events due, and retries. */
  @IsOptional() @Matches(CRON, { message: 'WEBHOOK_SCHEDULE must be a 5-field cron expression' })
  WEBHOOK_SCHEDULE = '* * * * *';

  /** Wait before a failed webhook delivery's first retry; each further retry waits twice as long, up to WEBHOOK_RETRY_MAX_SECONDS. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  WEBHOOK_RETRY_BASE_SECONDS = 30;

  /** The longest wait between two attempts of one webhook delivery. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1)
  WEBHOOK_RETRY_MAX_SECONDS = 3_600;

  /** A delivery still failing this long after its event is given up and its endpoint disabled (at least a day). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(24) @Max(24 * 30)
  WEBHOOK_GIVE_UP_HOURS = 24;

  /** A receiver that has not answered within this long counts as failed (and is retried). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(120)
  WEBHOOK_TIMEOUT_SECONDS = 10;

  /** Webhook URLs may point at localhost and private networks; off unless NODE_ENV=test (a guard against SSRF). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS?: boolean;

  /**
   * Share of each SLA clock's window (accept, first contact, feedback, update) at which a clock still open
   * warns the lead's owner (or its team); 0 turns warnings off. Below 1: a warning at the due time is a breach.
   */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(0.99)
  CLOCK_WARNING_AT = 0.75;

  /** A breach still open this long after its due time is escalated to the partner's channel manager (up to a week). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(7 * 24 * 60)
  CLOCK_ESCALATION_GRACE_MINUTES = 240;

  /** How long /health may reuse its last capacity recount (a scan of every open assignment); 0 recounts each time. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(3600)
  CAPACITY_CHECK_SECONDS = 60;

  /** Coded reasons partners must pick from (comma-separated). */
  @IsOptional() @Transform(toList) @Matches(REASON_CODES, { each: true })
  DECLINE_REASONS = ['no_capacity', 'outside_expertise', 'existing_customer', 'conflict_of_interest', 'other'];

  @IsOptional() @Transform(toList) @Matches(REASON_CODES, { each: true })
  DISQUALIFY_REASONS = ['no_budget', 'no_need', 'not_reachable', 'student_or_competitor', 'duplicate', 'other'];

  @IsOptional() @Transform(toList) @Matches(REASON_CODES, { each: true })
  LOST_REASONS = ['price', 'competitor', 'no_decision', 'timing', 'product_fit', 'other'];

  /** Deal registration: days of exclusivity an approval grants. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(730)
  DEAL_EXCLUSIVITY_DAYS = 90;

  /** Days before a registration's window ends at which its partner is reminded (0: on the last day's start, no earlier warning). */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(365)
  DEAL_REMINDER_DAYS = 14;

  /** Days an extension adds to a registration's window. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(1) @Max(365)
  DEAL_EXTENSION_DAYS = 30;

  /** A won lead for the same buyer this many days back conflicts with a new registration. */
  @IsOptional() @Transform(toNumber) @IsInt() @Min(0) @Max(3650)
  DEAL_WON_LOOKBACK_DAYS = 365;

  /** Whether a suspended partner may register deals (it may not, by default: it must catch up on its leads first). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  DEAL_ALLOW_SUSPENDED = false;

  /** Coded reasons a channel manager rejects a registration with. */
  @IsOptional() @Transform(toList) @Matches(REASON_CODES, { each: true })
  DEAL_REJECT_REASONS = ['conflicts_with_existing', 'existing_customer', 'insufficient_information', 'not_qualified', 'outside_program', 'other'];

  /** Cron of the registration window job (`deal-windows`): reminders before a window ends, and expiry. */
  @IsOptional() @Matches(CRON, { message: 'DEAL_WINDOW_SCHEDULE must be a 5-field cron expression' })
  DEAL_WINDOW_SCHEDULE = '*/15 * * * *';
  /** Why a lead is not sales-ready yet and goes back to marketing for nurturing (the recycled verdict). */
  @IsOptional() @Transform(toList) @Matches(REASON_CODES, { each: true })
  RECYCLE_REASONS = ['early_research', 'no_project_yet', 'budget_next_period', 'wrong_contact_role', 'other'];
}

export class ConfigurationError extends Error {}

const SCHEDULES = [
  'SWEEP_SCHEDULE',
  'COMPLIANCE_SCHEDULE',
  'FAIRNESS_DECAY_SCHEDULE',
  'REPORTS_ROLLUP_SCHEDULE',
  'EMAIL_SCHEDULE',
  'PARTNER_SCORECARD_SCHEDULE',
  'CHANNEL_DIGEST_SCHEDULE',
  'WEBHOOK_SCHEDULE',
  'DEAL_WINDOW_SCHEDULE',
] as const satisfies readonly (keyof PolicyEnvironment)[];

/** What each variable's own checks cannot see: cron fields out of range, and thresholds out of order. */
function crossCheckProblems(env: PolicyEnvironment): { property: keyof PolicyEnvironment; problem: string }[] {
  const problems: { property: keyof PolicyEnvironment; problem: string }[] = [];
  for (const name of SCHEDULES) {
    try {
      // The parser the job scheduler (pg-boss) uses, so what passes here also schedules there.
      parseExpression(env[name], { tz: 'UTC' });
    } catch (error) {
      problems.push({ property: name, problem: `${name} is not a valid cron expression (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  if (!env.DATABASE_URL && env.WEB_CONCURRENCY !== undefined && env.WEB_CONCURRENCY > 1) {
    problems.push({ property: 'WEB_CONCURRENCY', problem: 'WEB_CONCURRENCY above 1 needs DATABASE_URL: the embedded database serves one portal process' });
  }
  if (!env.DATABASE_URL && env.REPORTS_DATABASE_URL) {
    problems.push({ property: 'REPORTS_DATABASE_URL', problem: 'REPORTS_DATABASE_URL needs DATABASE_URL: the embedded database has no replica' });
  }
  if (env.COMPLIANCE_SUSPEND_BELOW >= env.COMPLIANCE_WARNING_BELOW) {
    problems.push({
      property: 'COMPLIANCE_SUSPEND_BELOW',
      problem: `COMPLIANCE_SUSPEND_BELOW must be below COMPLIANCE_WARNING_BELOW (${env.COMPLIANCE_WARNING_BELOW}), or no partner would ever be warned before suspension`,
    });
  }
  return problems;
}

/** Validates a raw environment; throws a ConfigurationError naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): PolicyEnvironment {
  const env = plainToInstance(PolicyEnvironment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const line = (property: string, problem: string) => `  ${property}=${JSON.stringify(raw[property])}: ${problem}`;
  const lines = errors.map((e) => line(e.property, Object.values(e.constraints ?? {}).join('; ')));
  // Cross-checks only make sense once every variable has its own type and range.
  if (lines.length === 0) lines.push(...crossCheckProblems(env).map((p) => line(p.property, p.problem)));
  if (lines.length > 0) throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  return env;
}
