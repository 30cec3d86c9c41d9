import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock, DomainError, isPartnerRole, Role } from '@leadgate/common';
import { ApiToken } from './api-token.entity';
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
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
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
    const token = await this.tokens.save(
      this.tokens.create({ name: input.name, role: input.role, partnerId, createdBy: input.createdBy, tokenPrefix: tokenPrefixOf(secret), tokenHash: hashTokenSecret(secret) }),
    );
    return { token, secret };
  }

  list(): Promise<ApiToken[]> {
    return this.tokens.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<ApiToken> {
    const token = await this.tokens.findOneBy({ id });
    if (!token) throw DomainError.notFound('API token');
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: token.revokedAt });
    }
    return token;
  }

  /** The principal behind a secret, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    const token = await this.tokens.findOneBy({ tokenHash: hashTokenSecret(secret), revokedAt: IsNull() });
    if (!token) return null;
    const now = this.clock.now();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: now });
    }
    return { kind: 'token', id: token.id, name: token.name, role: token.role, partnerId: token.partnerId };
  }
}
