import cluster from 'node:cluster';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { runPrimary } from './cluster';

async function bootstrap(): Promise<void> {
  // Loaded here, not at the top: a cluster's primary only supervises and need not hold the app in memory.
  const { NestFactory } = await import('@nestjs/core');
  const { EmbeddedDatabaseError } = await import('@leadgate/database');
  const { configureApp } = await import('./configure-app');
  const { PortalModule } = await import('./portal.module');
  try {
    const app = await NestFactory.create(PortalModule, { bufferLogs: true });
    configureApp(app);
    const config = app.get(AppConfig);
    await app.listen(config.env.PORT, config.env.HOST);
    console.log(`\nLeadGate portal: ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs, health: ${config.publicUrl}/health)\n`);
  } catch (error) {
    fail(error instanceof EmbeddedDatabaseError ? error.message : error);
  }
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
