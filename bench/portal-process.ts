// A real portal process for the HTTP benches: started as `npm start` starts it (the built app), on a port of its own.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@leadgate/database';

const ROOT = join(__dirname, '..');
// The first start compiles the portal when its sources changed; that takes long on a busy machine.
const START_TIMEOUT_MS = 300_000;

export interface PortalProcess {
  url: string;
  child: ChildProcess;
  /** The resident memory (RSS) of the portal's processes together, in MB (primary and workers). */
  rssMegabytes(): number;
  /** SIGTERM, then waits for the exit (the portal drains first). */
  stop(): Promise<void>;
}

export interface PortalOptions {
  databaseUrl: string;
  /** Processes (WEB_CONCURRENCY). */
  processes: number;
  env?: Record<string, string>;
  /** Directory for `--cpu-prof` profiles (one per process), written when the portal stops. */
  cpuProfileDir?: string;
}

/**
 * Starts the portal as it runs in production (JSON logs at info, a session secret, the bench's database)
 * and resolves once it answers /health.
 */
export async function startPortal(options: PortalOptions): Promise<PortalProcess> {
  const port = await freePort();
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  // scripts/start.js builds first when the sources are newer than the build, then runs the built portal in its own process.
  const child = spawn(process.execPath, [...profile, 'scripts/start.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-session-secret-bench-session-secret',
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      JOBS_IN_PORTAL: 'false',
      WEB_CONCURRENCY: String(options.processes),
      ...options.env,
    },
    // The logs are part of the cost under measurement: they are written to a pipe and read, as a supervisor would.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let listening = 0;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    // Each process prints its "LeadGate portal: <url>" line once it listens.
    listening += chunk.toString().split('LeadGate portal: ').length - 1;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited while starting:\n${tail}`);
    if (Date.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGTERM');
      throw new Error(`the portal did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n${tail}`);
    }
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy && listening >= options.processes) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    rssMegabytes: () => [child.pid!, ...childPids(child.pid!)].reduce((sum, pid) => sum + rssOf(pid), 0) / 1024,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
