import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isPartnerRole, Role } from '@leadgate/common';
import { ApiToken, ApiTokensRepository } from './api-tokens.repository';
import { Principal } from './principal';
import { generateTokenSecret, hashTokenSecret, tokenPrefixOf } from './token-secret';

export interface NewApiToken {
  name: string;
  role: Role;
  partnerId?: string | null;
  createdBy: string;
}

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates a token and returns its secret: the only time the secret is ever available. */
  async create(input: NewApiToken): Promise<{ token: ApiToken; secret: string }> {
    const partnerId = input.partnerId ?? null;
    if (isPartnerRole(input.role) !== (partnerId !== null)) {
      throw DomainError.invalid([
        { field: 'partnerId', problems: [isPartnerRole(input.role) ? `a ${input.role} token needs a partnerId` : `a ${input.role} token cannot belong to a partner`] },
      ]);
    }
    const secret = generateTokenSecret();
    const token = await this.tokens.insert({ name: input.name, role: input.role, partnerId, createdBy: input.createdBy, tokenPrefix: tokenPrefixOf(secret), tokenHash: hashTokenSecret(secret) });
    return { token, secret };
  }

  list(): Promise<ApiToken[]> {
    return this.tokens.listNewestFirst();
  }

  async revoke(id: string): Promise<ApiToken> {
    const token = await this.tokens.findById(id);
    if (!token) throw DomainError.notFound('API token');
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.revoke(id, token.revokedAt);
    }
    return token;
  }

  /** The principal behind a secret, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    const token = await this.tokens.findUnrevokedByHash(hashTokenSecret(secret));
    if (!token) return null;
    const now = this.clock.now();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.tokens.touch(token.id, now);
    }
    return { kind: 'token', id: token.id, name: token.name, role: token.role, partnerId: token.partnerId, timeZone: 'UTC' };
  }
}
