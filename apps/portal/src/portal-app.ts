import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@leadgate/config';
import { EmbeddedDatabaseError } from '@leadgate/database';
import { configureApp } from './configure-app';
import { PortalModule } from './portal.module';

/** Creates and starts one portal process; an embedded database that cannot start is said in one plain line. */
export async function startPortal(): Promise<void> {
  try {
    const app = await NestFactory.create(PortalModule, { bufferLogs: true });
    configureApp(app);
    const config = app.get(AppConfig);
    await app.listen(config.env.PORT, config.env.HOST);
    console.log(`\nLeadGate portal: ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs, health: ${config.publicUrl}/health)\n`);
  } catch (error) {
    if (!(error instanceof EmbeddedDatabaseError)) throw error;
    // A problem the person starting LeadGate can fix: its message says how, a stack would only hide it.
    console.error(error.message);
    process.exit(1);
  }
}
