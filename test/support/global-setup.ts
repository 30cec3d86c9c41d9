import { migrate } from '../../libs/database/src/data-source';
import { recreateDatabase, serverUrl, TEMPLATE_DATABASE, withAdminClient } from './test-database';

/** Once per run: a fresh, migrated template database. Each worker copies it (see test-app.ts). */
export default async function globalSetup(): Promise<void> {
  await withAdminClient((client) => recreateDatabase(client, TEMPLATE_DATABASE));
  await migrate(serverUrl(TEMPLATE_DATABASE));
}
