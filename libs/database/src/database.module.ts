import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@leadgate/config';
import { dataSourceOptions, migrate } from './data-source';
import { DATABASE_MODE, DatabaseMode } from './database-mode';
import { EmbeddedPostgres } from './embedded-postgres';
import { PreparedStatements } from './prepared-statements';

@Global()
@Module({})
class EmbeddedPostgresModule implements OnApplicationShutdown {
  constructor(@Inject(EmbeddedPostgres) private readonly embedded: EmbeddedPostgres) {}

  static register(): DynamicModule {
    return {
      module: EmbeddedPostgresModule,
      providers: [
        { provide: EmbeddedPostgres, inject: [AppConfig], useFactory: (config: AppConfig) => new EmbeddedPostgres(config.env.DATA_DIR) },
        { provide: DATABASE_MODE, inject: [AppConfig], useFactory: (config: AppConfig): DatabaseMode => ({ embedded: config.embedded }) },
        PreparedStatements,
      ],
      exports: [EmbeddedPostgres, DATABASE_MODE, PreparedStatements],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded.stop();
  }
}

@Module({})
export class DatabaseModule {
  /** Connects to DATABASE_URL (or starts the embedded database) and migrates before anything else runs. */
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        EmbeddedPostgresModule.register(),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, EmbeddedPostgres],
          useFactory: async (config: AppConfig, embedded: EmbeddedPostgres) => {
            const url = config.databaseUrl ?? (await embedded.start());
            const ran = await migrate(url, { lock: !config.embedded });
            if (ran.length > 0) new Logger('Database').log(`Applied migrations: ${ran.join(', ')}`);
            return {
              ...dataSourceOptions({
                url,
                poolSize: config.embedded ? 1 : config.env.DATABASE_POOL_SIZE,
                statementTimeoutMs: config.env.DATABASE_STATEMENT_TIMEOUT_MS,
                connectTimeoutMs: config.env.DATABASE_CONNECT_TIMEOUT_MS,
              }),
              autoLoadEntities: true,
            };
          },
        }),
      ],
      exports: [EmbeddedPostgresModule],
    };
  }
}
