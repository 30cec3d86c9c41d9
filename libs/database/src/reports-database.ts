// The DataSource reports and dashboards read from: REPORTS_DATABASE_URL's (a read replica), else the primary's.
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@leadgate/config';
import { dataSourceOptions } from './data-source';
import { REPORTS_CONNECTION, REPORTS_DATA_SOURCE } from './reports-connection';
import { ReportsDatabaseRepository } from './reports-database.repository';

/**
 * One more pool, to REPORTS_DATABASE_URL, when it is set; unset, the reports' DataSource is the primary one.
 * Never migrated (a replica follows the primary's schema) and never written through: the rollup job writes
 * on the primary.
 */
@Global()
@Module({
  providers: [
    {
      provide: REPORTS_DATA_SOURCE,
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, primary: DataSource): Promise<DataSource> => {
        const url = config.reportsDatabaseUrl;
        if (!url) return primary;
        const reports = new DataSource({
          ...dataSourceOptions({
            url,
            poolSize: config.env.DATABASE_POOL_SIZE,
            statementTimeoutMs: config.env.DATABASE_STATEMENT_TIMEOUT_MS,
            connectTimeoutMs: config.env.DATABASE_CONNECT_TIMEOUT_MS,
          }),
          name: REPORTS_CONNECTION,
          migrations: [],
        });
        return reports.initialize();
      },
    },
    ReportsDatabaseRepository,
  ],
  exports: [REPORTS_DATA_SOURCE, ReportsDatabaseRepository],
})
export class ReportsDatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(REPORTS_DATA_SOURCE) private readonly reports: DataSource,
    private readonly primary: DataSource,
  ) {}

  /** Whether reports read from a database of their own (REPORTS_DATABASE_URL). */
  get separate(): boolean {
    return this.reports !== this.primary;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.separate && this.reports.isInitialized) await this.reports.destroy();
  }
}
