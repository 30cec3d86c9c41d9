// Real portal and worker processes for fault tests: started from the TypeScript sources, their output kept.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves once the output matches; rejects if the process exits first or the time runs out. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts apps/<app>/src/main.ts with the environment given (plus JSON logs), transpiled on the fly. At a
 * lower CPU priority (nice), so booting several apps does not starve the suites running beside it.
 */
export function startApp(app: 'portal' | 'worker', env: Record<string, string>): AppProcess {
  const node = [process.execPath, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`];
  // nice replaces itself with node, so the child's pid (and its signals) are node's own.
  const child = spawn('nice', ['-n', '10', ...node], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_FORMAT: 'json', LOG_LEVEL: 'info', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (pattern.test(text)) done(resolve);
        else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`${app} exited before printing ${pattern}:\n${text.slice(-3000)}`)));
        else if (Date.now() - started > ms) done(() => reject(new Error(`${app} did not print ${pattern} within ${ms} ms:\n${text.slice(-3000)}`)));
      }, 100);
      const done = (then: () => void) => {
        clearInterval(poll);
        then();
      };
    });
  return { child, output: () => text, waitFor, exited };
}

/** Ends the processes still running (SIGKILL: the tests that need a graceful stop send their own signal first). */
export async function stopAll(processes: AppProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    }),
  );
}
