// Test databases: one migrated template, and one copy of it per jest worker so suites can run in parallel.
import { Client } from 'pg';

const TEST_URL = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadgate_test');

/** The migrated template; its name comes from TEST_DATABASE_URL (default leadgate_test). */
export const TEMPLATE_DATABASE = decodeURIComponent(TEST_URL.pathname.slice(1)) || 'leadgate_test';

/** A URL for another database on the test server. */
export function serverUrl(database = 'postgres'): string {
  const url = new URL(TEST_URL.toString());
  url.pathname = `/${database}`;
  return url.toString();
}

export function workerDatabaseName(): string {
  return `${TEMPLATE_DATABASE}_${process.env.JEST_WORKER_ID ?? '1'}`;
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(client: Client, name: string, template?: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
}
