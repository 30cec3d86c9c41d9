// Durable scheduling through PostgreSQL (pg-boss): however many processes run it, each scheduled job runs once.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AppConfig } from '@leadgate/config';
import { JobQueueRepository, JobQueueStatus, QUEUE_SCHEMA } from './job-queue.repository';
import { JobName, JobsService } from './jobs.service';

export const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');
export interface JobsModuleOptions {
  /** 'always' in the worker; 'if-configured' in the portal, which runs them only when AppConfig.jobsInPortal. */
  workers: 'always' | 'if-configured';
}

// The queue's own connections; the jobs' work runs on the app's DataSource pool.
const QUEUE_POOL_SIZE = 2;
const POLLING_SECONDS = 2;
/** How long a woken job waits for the rest of a burst of commits before its run is queued. */
const WAKE_DELAY_MS = 200;
// A run that takes longer is given up on (and may run again: the handlers are idempotent). pg-boss
// enforces this in the worker itself, so it must stay well above any real run; a dead worker's run is
// found much sooner by its missing heartbeat.
const MAX_RUN_SECONDS = 15 * 60;
// A running job beats this many times per JOB_EXPIRE_SECONDS, so one late beat never expires a live run.
const BEATS_PER_EXPIRY = 4;

@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss?: PgBoss;
  private readonly stopListening: (() => Promise<void>)[] = [];

  constructor(
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    private readonly jobs: JobsService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queue: JobQueueRepository,
  ) {}

  get enabled(): boolean {
    return this.options.workers === 'always' || this.config.jobsInPortal;
  }

  get running(): boolean {
    return this.boss !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.start();
  }

  /** Each job's schedule, for the start-up log line. */
  describeSchedules(): string {
    return this.jobs.definitions.map((job) => `${job.name} ${job.schedule ? `"${job.schedule}"` : '(on demand)'}`).join(', ');
  }

  /** Queues a run for any worker to pick up; returns the queued job's id. */
  async enqueue(name: JobName): Promise<string | null> {
    if (!this.boss) throw new Error('The job queue is not running in this process');
    return this.boss.send(name, {});
  }

  /** A queued job's state and output, for operators and tests. */
  async queuedJob(name: JobName, id: string): Promise<PgBoss.JobWithMetadata | null> {
    if (!this.boss) throw new Error('The job queue is not running in this process');
    return this.boss.getJobById(name, id);
  }

  /** Each job's last success and lag, read from the queue (so from any process, whichever worker ran it). */
  async status(): Promise<(JobQueueStatus & { lagSeconds: number })[]> {
    const now = Date.now();
    const rows = await this.queue.status(this.jobs.definitions.map((job) => job.name));
    return rows.map((row) => ({ ...row, lagSeconds: row.waitingSince ? Math.max(0, Math.round((now - row.waitingSince.getTime()) / 1000)) : 0 }));
  }

  private async start(): Promise<void> {
    const { JOB_MAINTENANCE_SECONDS } = this.config.env;
    // The database URL is only known at runtime on the embedded database, so take it from the live DataSource.
    const url = (this.dataSource.options as PostgresConnectionOptions).url;
    const boss = new PgBoss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: QUEUE_POOL_SIZE,
      application_name: 'leadgate-jobs',
      // How often runs whose worker died (no heartbeat for JOB_EXPIRE_SECONDS) are handed to another worker.
      maintenanceIntervalSeconds: JOB_MAINTENANCE_SECONDS,
    });
    boss.on('error', (error) => this.logger.error(`Job queue error: ${error.message}`));
    const setUp = async () => {
      await boss.start();
      for (const job of this.jobs.definitions) {
        // stately: at most one run queued and one running per job, so a slow run never piles up a backlog.
        await boss.createQueue(job.name, { name: job.name, policy: 'stately', retryLimit: 1, expireInSeconds: MAX_RUN_SECONDS });
        if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
        else await boss.unschedule(job.name);
      }
    };
    await this.queue.whileSettingUp(setUp);
    for (const job of this.jobs.definitions) {
      await boss.work(job.name, { pollingIntervalSeconds: POLLING_SECONDS, includeMetadata: true }, ([queued]) => this.run(job.name, queued));
    }
    this.boss = boss;
    // Jobs woken by a NOTIFY (an email or a webhook queued): a run is queued WAKE_DELAY_MS after the first
    // notification, so a burst of commits costs one queue insert; the stately queue keeps at most one waiting.
    for (const job of this.jobs.definitions.filter((j) => j.wakeOn)) {
      let pending: NodeJS.Timeout | undefined;
      const wake = () => {
        pending = undefined;
        this.boss?.send(job.name, {}).catch((error: Error) => this.logger.warn(`Could not queue ${job.name}: ${error.message}`));
      };
      this.stopListening.push(
        this.queue.listen(
          job.wakeOn!,
          () => (pending ??= setTimeout(wake, WAKE_DELAY_MS)),
          (error) => this.logger.warn(`Listening for ${job.name} failed: ${error.message}; retrying`),
        ),
      );
    }
    this.logger.log(`Job workers started: ${this.describeSchedules()}`);
  }

  private async run(name: JobName, queued: PgBoss.JobWithMetadata<unknown>): Promise<object> {
    const started = Date.now();
    const expireSeconds = this.config.env.JOB_EXPIRE_SECONDS;
    if (queued.retryCount > 0) {
      // pg-boss's word for a run whose worker stopped beating (killed, frozen, cut off) is a timeout.
      const previous = JSON.stringify(queued.output ?? {}).includes('timeout')
        ? `its previous run sent no heartbeat for ${expireSeconds} s (its worker died or was cut off)`
        : 'its previous run failed';
      this.logger.warn(`${name} (job ${queued.id}) runs again: ${previous}`);
    }
    const heartbeat = () =>
      this.queue.heartbeat(name, queued.id, expireSeconds).catch((error: Error) => this.logger.warn(`${name} heartbeat failed: ${error.message}`));
    // The first beat at once: until then the run would only expire after MAX_RUN_SECONDS.
    await heartbeat();
    const beat = setInterval(heartbeat, (expireSeconds * 1000) / BEATS_PER_EXPIRY);
    try {
      const summary = await this.jobs.runNow(name);
      this.logger.log(`${name} done in ${Date.now() - started} ms: ${JSON.stringify(summary)}`);
      return summary;
    } catch (error) {
      this.logger.error(`${name} (job ${queued.id}) failed: ${error instanceof Error ? error.stack : String(error)}`);
      throw error;
    } finally {
      clearInterval(beat);
    }
  }

  /** Before the database goes away: stop fetching, let a running job finish (up to 30 s). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.stopListening.splice(0).map((stop) => stop()));
    if (!this.boss) return;
    const boss = this.boss;
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    this.logger.log('Job workers stopped');
  }
}
