import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { EmbeddedDatabaseError } from '@leadgate/database';
import { runPrimary } from './cluster';
import { configureApp } from './configure-app';
import { PortalModule } from './portal.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(PortalModule, { bufferLogs: true });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.env.PORT, config.env.HOST);
  console.log(`\nLeadGate portal: ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs, health: ${config.publicUrl}/health)\n`);
}

function fail(error: unknown): never {
  console.error(error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError ? error.message : error);
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
