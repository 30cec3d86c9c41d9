import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '@leadgate/config';
import { CapacityHealthIndicator } from './capacity.health';
import { JobsHealthIndicator } from './jobs.health';
import { ReportsDatabaseHealthIndicator } from './reports-database.health';

const PING_TIMEOUT_MS = 3000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly capacity: CapacityHealthIndicator,
    private readonly jobs: JobsHealthIndicator,
    private readonly reportsDatabase: ReportsDatabaseHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database', { timeout: PING_TIMEOUT_MS }),
      () => this.capacity.check('capacity'),
      () => this.jobs.check('jobs'),
    ];
    // Only when reports read from a database of their own (REPORTS_DATABASE_URL).
    if (this.config.reportsDatabaseUrl) checks.push(() => this.reportsDatabase.check('reportsDatabase', PING_TIMEOUT_MS));
    return this.health.check(checks);
  }
}
