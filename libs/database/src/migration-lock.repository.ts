// The session advisory lock that lets one process at a time run migrations.
import { Client } from 'pg';

// Any fixed number works; it only has to be the same in every process.
const MIGRATION_LOCK = 76_354_001;

/**
 * Takes the lock on a connection of its own (migrations run on another) and returns its release;
 * releasing closes that connection, which would free the lock anyway.
 */
export async function lockMigrations(url: string): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  return async () => {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  };
}
