// A throwaway primary and its streaming standby (pg_basebackup -R), in a temp folder on two free ports, from
// the PostgreSQL binaries on this machine: a real read replica for the reports (REPORTS_DATABASE_URL) test.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@leadgate/database';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The folder of initdb, pg_ctl and pg_basebackup, or null when this machine has none. */
export function postgresBinaries(): string | null {
  return BIN_DIRS.find((dir) => ['initdb', 'pg_ctl', 'pg_basebackup'].every((program) => existsSync(join(dir, program)))) ?? null;
}

export interface StreamingPair {
  primaryUrl: (database: string) => string;
  standbyUrl: (database: string) => string;
  /** Resolves once the standby has replayed everything the primary wrote so far. */
  caughtUp(): Promise<void>;
  /** Holds the standby's replay (it keeps receiving WAL) until resumeReplay. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Shuts the standby down (fast mode), or starts it again. */
  stopStandby(): void;
  startStandby(): void;
  stop(): Promise<void>;
}

/** As root, PostgreSQL runs as the `postgres` system user (it refuses root). */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function startStreamingPair(bin: string): Promise<StreamingPair> {
  const user = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'leadgate-standby-'));
  chmodSync(root, 0o755);
  if (user.uid !== undefined) chownSync(root, user.uid, user.gid!);
  const run = (program: string, args: string[]) =>
    execFileSync(join(bin, program), args, { ...user, cwd: root, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' }, timeout: 120_000 });
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = join(root, 'primary');
  const standby = join(root, 'standby');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (user.uid !== undefined) chownSync(sockets, user.uid, user.gid!);
  // Durability is pointless for clusters deleted after the test; the default pg_hba allows local replication.
  const settings = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${sockets} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const started: string[] = [];
  const startStandby = () => run('pg_ctl', ['-D', standby, '-o', settings(standbyPort), '-l', join(root, 'standby.log'), '-w', 'start']);
  const stop = async () => {
    for (const dir of started.reverse()) {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync']);
    run('pg_ctl', ['-D', primary, '-o', `${settings(primaryPort)} -c wal_level=replica -c max_wal_senders=4`, '-l', join(root, 'primary.log'), '-w', 'start']);
    started.push(primary);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream', '--no-sync']);
    startStandby();
    started.push(standby);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = (port: number) => (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const standbyAdmin = url(standbyPort)('postgres');
  return {
    primaryUrl: url(primaryPort),
    standbyUrl: url(standbyPort),
    async caughtUp() {
      const [{ lsn }] = await query<{ lsn: string }>(url(primaryPort)('postgres'), `SELECT pg_current_wal_lsn()::text AS lsn`);
      for (let waited = 0; waited < 30_000; waited += 50) {
        const [{ done }] = await query<{ done: boolean }>(standbyAdmin, `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the standby did not replay up to ${lsn} within 30 s`);
    },
    async pauseReplay() {
      await query(standbyAdmin, `SELECT pg_wal_replay_pause()`);
    },
    async resumeReplay() {
      await query(standbyAdmin, `SELECT pg_wal_replay_resume()`);
    },
    stopStandby: () => void run('pg_ctl', ['-D', standby, '-m', 'fast', '-w', 'stop']),
    startStandby: () => void startStandby(),
    stop,
  };
}
