import cluster from 'node:cluster';
import { setFlagsFromString } from 'node:v8';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { runPrimary } from './cluster';

// V8 lets the old generation grow to 4× the live heap on hosts with much RAM (~330 MB RSS under intake); 2× keeps it under ~265 MB at the same throughput.
if (!process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) setFlagsFromString('--heap-growing-percent=100');

async function bootstrap(): Promise<void> {
  // Loaded here, not at the top: a cluster's primary only supervises and need not hold the app in memory.
  // A relative path, so the built app needs no path aliases at run time.
  const { startPortal } = await import('./portal-app');
  await startPortal();
}

function fail(error: unknown): never {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
}

try {
  // WEB_CONCURRENCY > 1: this process only supervises; its workers (this same file) each run bootstrap().
  const processes = cluster.isPrimary ? new AppConfig(validateEnvironment(process.env)).webConcurrency : 1;
  if (processes > 1) runPrimary(processes);
  else bootstrap().catch(fail);
} catch (error) {
  fail(error);
}
