import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiTokensRepository } from './api-tokens.repository';
import { SessionsRepository } from './sessions.repository';

/**
 * Ends access at once, inside the caller's transaction (the deactivation's): nothing signed in before
 * keeps working after it commits. Sign-in and password reset are refused by the users' own rule
 * (`signInAllowed`: the user and their partner active).
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  /** A deactivated partner: its API tokens revoked, its users' sessions ended. */
  async endForPartner(tx: EntityManager, partnerId: string, at: Date): Promise<void> {
    await this.tokens.revokeAll(tx, { partnerId }, at);
    await this.sessions.deleteForPartner(tx, partnerId);
  }

  /** A deactivated user: their sessions ended, and the API tokens they created revoked (they saw the secrets). */
  async endForUser(tx: EntityManager, userId: string, at: Date): Promise<void> {
    await this.tokens.revokeAll(tx, { createdBy: `user:${userId}` }, at);
    await this.sessions.deleteForUser(tx, userId);
  }
}
