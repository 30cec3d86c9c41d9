import { Clock, DomainError } from '@leadgate/common';
import { formatDemoLogins, seedDemoData } from '@leadgate/demo';
import { Command } from './command';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Load the demo data set (partners, lead types, campaigns, about 90 days of leads played through the real services, demo logins) into an empty database',
  usage: '',
  options: {},
  async run(_values, { app, config, io }) {
    const context = await app();
    const seeded = await seedDemoData(context, context.get(Clock).now());
    if (!seeded) throw DomainError.conflict('The database already has partners; demo data is only ever loaded into an empty database. Nothing was changed.');
    io.out(`Seeded ${seeded.partners} partners, ${seeded.leadTypes} lead types, ${seeded.campaigns} campaigns and ${seeded.leads} leads.`);
    io.out(formatDemoLogins(seeded.users, config.publicUrl, seeded.intakeToken));
  },
};
