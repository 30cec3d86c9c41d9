import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@leadgate/config';
import { dataSourceOptions, migrate } from './data-source';
import { EmbeddedPostgres } from './embedded-postgres';
import { PreparedStatements } from './prepared-statements.repository';
import { ReportsDatabaseModule } from './reports-database';

export interface DatabaseModuleOptions {
  /** The portal owns the embedded database: it stops it on shutdown even when another process started it. */
  ownsEmbeddedDatabase?: boolean;
}

@Global()
@Module({})
class EmbeddedPostgresModule implements OnApplicationShutdown {
  constructor(@Inject(EmbeddedPostgres) private readonly embedded: EmbeddedPostgres) {}

  static register({ ownsEmbeddedDatabase = false }: DatabaseModuleOptions): DynamicModule {
    const logger = new Logger('EmbeddedPostgres');
    return {
      module: EmbeddedPostgresModule,
      providers: [
        {
          provide: EmbeddedPostgres,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new EmbeddedPostgres(config.env.DATA_DIR, { owner: ownsEmbeddedDatabase, log: (line) => logger.log(line) }),
        },
        PreparedStatements,
      ],
      exports: [EmbeddedPostgres, PreparedStatements],
    };
  }

  /** Runs after TypeORM has closed its pool, so the server stops with no client left. */
  async onApplicationShutdown(): Promise<void> {
    await this.embedded.stop();
  }
}

@Module({})
export class DatabaseModule {
  /**
   * Connects to DATABASE_URL (or finds or starts the embedded database) and migrates before anything else runs;
   * and to REPORTS_DATABASE_URL when set, the reports' read-only DataSource.
   */
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        EmbeddedPostgresModule.register(options),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, EmbeddedPostgres],
          useFactory: async (config: AppConfig, embedded: EmbeddedPostgres) => {
            const url = config.databaseUrl ?? (await embedded.start());
            const ran = await migrate(url);
            if (ran.length > 0) new Logger('Database').log(`Applied migrations: ${ran.join(', ')}`);
            return {
              ...dataSourceOptions({
                url,
                poolSize: config.env.DATABASE_POOL_SIZE,
                statementTimeoutMs: config.env.DATABASE_STATEMENT_TIMEOUT_MS,
                connectTimeoutMs: config.env.DATABASE_CONNECT_TIMEOUT_MS,
              }),
              autoLoadEntities: true,
            };
          },
        }),
        // After the primary: unset REPORTS_DATABASE_URL makes the reports' DataSource the primary's.
        ReportsDatabaseModule,
      ],
      exports: [EmbeddedPostgresModule],
    };
  }
}
