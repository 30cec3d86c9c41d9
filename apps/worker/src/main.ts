// Bootstraps the job runner: SLA sweeps, recalls and re-allocation, compliance recompute, fairness decay.
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigurationError } from '@leadgate/config';
import { EmbeddedDatabaseError } from '@leadgate/database';
import { JobRunner } from '@leadgate/jobs';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Starting the context starts the job workers (JobRunner, on application bootstrap).
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM / SIGINT: stop taking jobs, let the running one finish, close the database, exit 0 (a clean stop for a supervisor).
  app.enableShutdownHooks([], { useProcessExit: true });
  app.get(Logger).log(`worker ready: ${app.get(JobRunner).describeSchedules()}`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError ? error.message : error);
  process.exit(1);
});
