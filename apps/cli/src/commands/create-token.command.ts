import { ApiTokensService } from '@leadgate/auth';
import { DomainError, Role, ROLES } from '@leadgate/common';
import { Partner, PartnersService } from '@leadgate/partners';
import { Command, requiredString, UsageError } from './command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const createTokenCommand: Command = {
  name: 'create-token',
  summary: 'Create an API token and print its secret (shown this once only)',
  usage: `--role <${ROLES.join('|')}> --name <label> [--partner <partner id or exact name>]`,
  options: { role: { type: 'string' }, name: { type: 'string' }, partner: { type: 'string' } },
  async run(values, { app, io }) {
    const role = requiredString(values, 'role');
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
    const name = requiredString(values, 'name');
    const context = await app();
    const partner = typeof values.partner === 'string' ? await findPartner(context.get(PartnersService), values.partner.trim()) : null;
    const { token, secret } = await context.get(ApiTokensService).create({ name, role: role as Role, partnerId: partner?.id ?? null, createdBy: 'cli' });
    io.err(`Created ${token.role} token "${token.name}" (${token.id})${partner ? ` for ${partner.name}` : ''}. Its secret, shown this once:`);
    io.out(secret);
  },
};

async function findPartner(partners: PartnersService, idOrName: string): Promise<Partner> {
  const partner = await partners.findByIdOrName(idOrName);
  if (!partner) throw DomainError.invalid([{ field: 'partner', problems: [`no partner with ${UUID.test(idOrName) ? 'id' : 'name'} "${idOrName}"`] }], 'Partner not found');
  return partner;
}
