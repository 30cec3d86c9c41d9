import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { JobRunner } from '@leadgate/jobs';

/**
 * The background jobs' liveness, for whoever watches /health: each job's last success, its lag (how long
 * a due run has waited) and whether a run lost its worker. Informational: a stalled worker is no reason
 * to take a portal out of a load balancer, so this never turns /health down.
 */
@Injectable()
export class JobsHealthIndicator {
  constructor(
    private readonly runner: JobRunner,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const jobs = await this.runner.status();
    return this.indicators.check(key).up(
      Object.fromEntries(
        jobs.map((job) => [
          job.name,
          { lastSuccessAt: job.lastSuccessAt, lagSeconds: job.lagSeconds, runningSince: job.runningSince, stuck: job.stuck },
        ]),
      ),
    );
  }
}
