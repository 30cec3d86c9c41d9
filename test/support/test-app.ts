// Boots the real portal app on this worker's own database, with a clock the test controls.
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock, ManualClock } from '@leadgate/common';
import { AppConfig, validateEnvironment } from '@leadgate/config';
import { configureApp } from '../../apps/portal/src/configure-app';
import { PortalModule } from '../../apps/portal/src/portal.module';
import { recreateDatabase, serverUrl, TEMPLATE_DATABASE, withAdminClient, workerDatabaseName } from './test-database';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  clock: ManualClock;
  /** The HTTP server for supertest: request(t.http). */
  http: ReturnType<INestApplication['getHttpServer']>;
  close(): Promise<void>;
}

/** Gives this worker a fresh copy of the migrated template; call once per test file (beforeAll). */
export async function freshDatabaseUrl(): Promise<string> {
  const name = workerDatabaseName();
  await withAdminClient((client) => recreateDatabase(client, name, TEMPLATE_DATABASE));
  return serverUrl(name);
}

/**
 * `databaseUrl` starts another app on a database an earlier app of this file created (two portals, one database).
 * Every suite signs in from 127.0.0.1, so the per-address sign-in limit is raised unless a suite sets it.
 */
export async function createTestApp(options: { now?: string | Date; env?: Record<string, string>; databaseUrl?: string } = {}): Promise<TestApp> {
  const url = options.databaseUrl ?? (await freshDatabaseUrl());
  const config = new AppConfig(
    validateEnvironment({
      DATABASE_URL: url, NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', DATABASE_POOL_SIZE: '12', LOGIN_SOURCE_RATE_LIMIT: '10000', ...options.env,
    }),
  );
  const clock = new ManualClock(new Date(options.now ?? '2026-03-02T09:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [PortalModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.init();
  const dataSource = app.get(DataSource);
  return { app, config, dataSource, clock, http: app.getHttpServer(), close: () => app.close() };
}
