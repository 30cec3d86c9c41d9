import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigurationError } from '@leadgate/config';
import { EmbeddedDatabaseError } from '@leadgate/database';
import { configureApp } from './configure-app';
import { PortalModule } from './portal.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(PortalModule, { bufferLogs: true });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.env.PORT, config.env.HOST);
  console.log(`\nLeadGate portal: ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs, health: ${config.publicUrl}/health)\n`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError ? error.message : error);
  process.exit(1);
});
