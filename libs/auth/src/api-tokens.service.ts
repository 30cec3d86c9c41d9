import { Injectable } from '@nestjs/common';
import { Clock, DomainError, isPartnerRole, Role } from '@leadgate/common';
import { ApiToken, ApiTokensRepository } from './api-tokens.repository';
import { partnerScopeOf, Principal } from './principal';
import { generateTokenSecret, hashTokenSecret, tokenPrefixOf } from './token-secret';

export interface NewApiToken {
  name: string;
  role: Role;
  partnerId?: string | null;
  createdBy: string;
}

const TOUCH_INTERVAL_MS = 60_000;

/** Whose tokens a caller manages: a partner admin its partner's; everyone else with access, all. */
function tokenOwnerOf(principal: Principal): { partnerId: string } | null {
  const scope = partnerScopeOf(principal);
  return scope.kind === 'partner' ? { partnerId: scope.partnerId! } : null;
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a token and returns its secret: the only time the secret is ever available. A partner admin
   * (`by`) makes tokens for its own partner only, with a partner role: a CRM's credential never sees more.
   */
  async create(input: NewApiToken, by?: Principal): Promise<{ token: ApiToken; secret: string }> {
    if (by && isPartnerRole(by.role)) {
      if (!isPartnerRole(input.role)) {
        throw DomainError.invalid([{ field: 'role', problems: ['role must be partner_rep or partner_admin: your tokens work your own partner\'s leads'] }]);
      }
      if (input.partnerId && input.partnerId !== by.partnerId) throw DomainError.notFound('Partner');
      input = { ...input, partnerId: by.partnerId };
    }
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

  /** The tokens the caller manages: all for admins, its own partner's for a partner admin. */
  list(by?: Principal): Promise<ApiToken[]> {
    return this.tokens.listNewestFirst(by ? tokenOwnerOf(by) : null);
  }

  /** Another partner's token is a 404 to a partner admin, as if it did not exist. */
  async revoke(id: string, by?: Principal): Promise<ApiToken> {
    const token = await this.tokens.findById(id);
    const owner = by ? tokenOwnerOf(by) : null;
    if (!token || (owner && token.partnerId !== owner.partnerId)) throw DomainError.notFound('API token');
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
