import { UsersService } from '@leadgate/users';
import { Command, requiredString } from './command';

export const createAdminCommand: Command = {
  name: 'create-admin',
  summary: 'Create an admin user with a password (argon2id-hashed)',
  usage: '--email <email> --password <password> [--name <display name>]',
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  async run(values, { app, io }) {
    const email = requiredString(values, 'email');
    const password = requiredString(values, 'password');
    const displayName = typeof values.name === 'string' && values.name.trim() !== '' ? values.name : email.split('@')[0];
    const user = await (await app()).get(UsersService).createUser({ email, displayName, role: 'admin', password });
    io.out(`Created admin ${user.email} (${user.id})`);
  },
};
