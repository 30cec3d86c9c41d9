// A scratch database for the benchmark, recreated and migrated on every run.
import { Client } from 'pg';
import { migrate } from '@leadgate/database';

/** BENCH_DATABASE_URL's database, or a sibling named with the suffix (each bench part's rows apart). */
export async function freshBenchDatabase(suffix = ''): Promise<string> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadgate_bench');
  url.pathname = `${url.pathname}${suffix}`;
  const name = url.pathname.slice(1);
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  await migrate(url.toString());
  return url.toString();
}
