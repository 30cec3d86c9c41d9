// Bootstraps the job runner: SLA sweeps, recalls and re-allocation, compliance recompute, fairness decay.
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { JobRunner } from '@leadgate/jobs';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // The embedded database belongs to the one portal process that started it; a worker cannot share it.
  if (new AppConfig(validateEnvironment(process.env)).embedded) {
    console.error('The worker needs DATABASE_URL. Without it the portal runs on its embedded database and runs the jobs itself.');
    process.exit(1);
  }
  // Starting the context starts the job workers (JobRunner, on application bootstrap).
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM / SIGINT: stop taking jobs, let the running one finish, then close the database.
  app.enableShutdownHooks();
  app.get(Logger).log(`worker ready: ${app.get(JobRunner).describeSchedules()}`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
