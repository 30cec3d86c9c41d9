// Durable scheduling through PostgreSQL (pg-boss): however many processes run it, each scheduled job runs once.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AppConfig } from '@leadgate/config';
import { JobName, JobsService } from './jobs.service';

export const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');
export interface JobsModuleOptions {
  /** 'always' in the worker; 'if-configured' in the portal, which runs them only when AppConfig.jobsInPortal. */
  workers: 'always' | 'if-configured';
}

const QUEUE_SCHEMA = 'pgboss';
// The queue's own connections; the jobs' work runs on the app's DataSource pool.
const QUEUE_POOL_SIZE = 2;
const POLLING_SECONDS = 2;
// A run that takes longer is given up on (and may run again: the handlers are idempotent).
const EXPIRE_SECONDS = 15 * 60;

@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss?: PgBoss;

  constructor(
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    private readonly jobs: JobsService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
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

  private async start(): Promise<void> {
    // The database URL is only known at runtime on the embedded database, so take it from the live DataSource.
    const url = (this.dataSource.options as PostgresConnectionOptions).url;
    const boss = new PgBoss({ connectionString: url, schema: QUEUE_SCHEMA, max: QUEUE_POOL_SIZE, application_name: 'leadgate-jobs' });
    boss.on('error', (error) => this.logger.error(`Job queue error: ${error.message}`));
    await boss.start();
    for (const job of this.jobs.definitions) {
      // stately: at most one run queued and one running per job, so a slow run never piles up a backlog.
      await boss.createQueue(job.name, { name: job.name, policy: 'stately', retryLimit: 1, expireInSeconds: EXPIRE_SECONDS });
      if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
      else await boss.unschedule(job.name);
      await boss.work(job.name, { pollingIntervalSeconds: POLLING_SECONDS }, ([queued]) => this.run(job.name, queued.id));
    }
    this.boss = boss;
    this.logger.log(`Job workers started: ${this.describeSchedules()}`);
  }

  private async run(name: JobName, queuedId: string): Promise<object> {
    const started = Date.now();
    try {
      const summary = await this.jobs.runNow(name);
      this.logger.log(`${name} done in ${Date.now() - started} ms: ${JSON.stringify(summary)}`);
      return summary;
    } catch (error) {
      this.logger.error(`${name} (job ${queuedId}) failed: ${error instanceof Error ? error.stack : String(error)}`);
      throw error;
    }
  }

  /** Before the database goes away: stop fetching, let a running job finish (up to 30 s). */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    const boss = this.boss;
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    this.logger.log('Job workers stopped');
  }
}
