// The one DataSource definition, shared by the apps, the operator commands and the tests.
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { lockMigrations } from './migration-lock.repository';
import { MIGRATIONS } from './migrations';

// A calendar date is not an instant: keep `date` and `date[]` as 'yyyy-mm-dd' strings instead of
// local-midnight Date objects, which shift with the server's timezone.
types.setTypeParser(types.builtins.DATE, (value) => value);
const DATE_ARRAY_OID = 1182;
const TEXT_ARRAY_OID = 1009;
types.setTypeParser(DATE_ARRAY_OID as typeof types.builtins.DATE, types.getTypeParser(TEXT_ARRAY_OID as typeof types.builtins.TEXT));

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** PostgreSQL cancels a statement running longer (0: never). */
  statementTimeoutMs?: number;
  /** A new connection not ready within this time fails (0: waits as long as TCP does). */
  connectTimeoutMs?: number;
}

export function dataSourceOptions({ url, poolSize = 10, statementTimeoutMs = 0, connectTimeoutMs = 0 }: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
      // The server's statement_timeout cannot fire when the server is unreachable (a network black hole):
      // the client gives up a little after it, so a request never waits longer than both together.
      query_timeout: statementTimeoutMs > 0 ? statementTimeoutMs + Math.max(connectTimeoutMs, 1_000) : 0,
      keepAlive: true,
    },
  };
}

/**
 * Runs pending migrations once, however many processes start at the same time:
 * a session advisory lock on a separate connection serialises them.
 * Returns the names of the migrations that ran.
 */
export async function migrate(url: string): Promise<string[]> {
  const unlock = await lockMigrations(url);
  const dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 1 }), logging: false });
  try {
    await dataSource.initialize();
    const ran = await dataSource.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await unlock();
  }
}
