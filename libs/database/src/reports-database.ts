// The DataSource reports and dashboards read from: REPORTS_DATABASE_URL's (a read replica), else the primary's.
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@leadgate/config';
import { dataSourceOptions } from './data-source';
import { REPORTS_CONNECTION, REPORTS_DATA_SOURCE } from './reports-connection';
import { ReportsDatabaseRepository } from './reports-database.repository';

const RECONNECT_MS = 5_000;

/**
 * The pool to REPORTS_DATABASE_URL, when it is set. A replica that does not answer at start does not stop
 * the portal (intake needs only the primary): reports answer 503 while it is tried again every few seconds.
 */
class ReportsConnection {
  private readonly logger = new Logger('ReportsDatabase');
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(readonly dataSource: DataSource | null) {}

  async open(): Promise<void> {
    if (!this.dataSource) return;
    try {
      await this.dataSource.initialize();
    } catch (error) {
      this.logger.warn(`REPORTS_DATABASE_URL does not answer (${(error as Error).message}); reports answer 503 until it does, trying every ${RECONNECT_MS / 1000} s`);
      this.tryAgainLater();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }

  // The next try is timed from the end of the last one, never beside it: two initialize() at once would each open a pool.
  private tryAgainLater(): void {
    this.retry = setTimeout(() => void this.tryAgain(), RECONNECT_MS).unref();
  }

  private async tryAgain(): Promise<void> {
    try {
      await this.dataSource!.initialize();
      this.logger.log('REPORTS_DATABASE_URL answers again');
    } catch {
      if (!this.closed) this.tryAgainLater();
    }
  }
}

/**
 * One more pool, to REPORTS_DATABASE_URL, when it is set; unset, the reports' DataSource is the primary one.
 * Never migrated (a replica follows the primary's schema) and never written through: the rollup job writes
 * on the primary.
 */
@Global()
@Module({
  providers: [
    {
      provide: ReportsConnection,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<ReportsConnection> => {
        const url = config.reportsDatabaseUrl;
        const connection = new ReportsConnection(
          url === null
            ? null
            : new DataSource({
                ...dataSourceOptions({
                  url,
                  poolSize: config.env.DATABASE_POOL_SIZE,
                  statementTimeoutMs: config.env.DATABASE_STATEMENT_TIMEOUT_MS,
                  connectTimeoutMs: config.env.DATABASE_CONNECT_TIMEOUT_MS,
                }),
                name: REPORTS_CONNECTION,
                migrations: [],
              }),
        );
        await connection.open();
        return connection;
      },
    },
    {
      provide: REPORTS_DATA_SOURCE,
      inject: [ReportsConnection, DataSource],
      useFactory: (connection: ReportsConnection, primary: DataSource): DataSource => connection.dataSource ?? primary,
    },
    ReportsDatabaseRepository,
  ],
  exports: [REPORTS_DATA_SOURCE, ReportsDatabaseRepository],
})
export class ReportsDatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(ReportsConnection) private readonly connection: ReportsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
