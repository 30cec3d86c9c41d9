import cluster from 'node:cluster';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { runPrimary } from './cluster';

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
