import { EmbeddedPostgres, migrate } from '@leadgate/database';
import { Command } from './command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and list them',
  usage: '',
  options: {},
  async run(_values, { config, io }) {
    // Without the Nest context, so it also works when the app itself would not start.
    const embedded = config.embedded ? new EmbeddedPostgres(config.env.DATA_DIR, { log: () => undefined }) : null;
    try {
      const url = config.databaseUrl ?? (await embedded!.start());
      const ran = await migrate(url);
      io.out(ran.length > 0 ? `Applied ${ran.length} migration(s):\n${ran.map((name) => `  ${name}`).join('\n')}` : 'Nothing to apply: the schema is up to date.');
    } finally {
      await embedded?.stop();
    }
  },
};
