import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReportsDatabaseRepository } from '@leadgate/database';

/**
 * The database reports read from (REPORTS_DATABASE_URL): reachable, a standby or not, its replay lag.
 * Informational, like the jobs: every portal shares the one replica, so taking portals out of a load balancer
 * for it would stop intake and mend nothing. Its own probe time-out keeps a silent replica from holding /health.
 */
@Injectable()
export class ReportsDatabaseHealthIndicator {
  constructor(
    private readonly reportsDatabase: ReportsDatabaseRepository,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const status = await Promise.race([this.reportsDatabase.status(), timeout]);
      return indicator.up({ reachable: true, ...status });
    } catch (error) {
      return indicator.up({ reachable: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
