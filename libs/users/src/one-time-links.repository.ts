import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { signInAllowed } from './users.repository';

type Tx = EntityManager;

export type LinkPurpose = 'reset' | 'invite';

/** A password reset or invitation link (table `user_tokens`), with whether its user may still sign in. */
export interface OneTimeLink {
  id: string;
  userId: string;
  purpose: LinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  userActive: boolean;
}

interface LinkRow {
  id: string;
  user_id: string;
  purpose: LinkPurpose;
  expires_at: Date;
  used_at: Date | null;
  active: boolean;
}

function toLink(row: LinkRow): OneTimeLink {
  return { id: row.id, userId: row.user_id, purpose: row.purpose, expiresAt: row.expires_at, usedAt: row.used_at, userActive: row.active };
}

/** The only SQL on `user_tokens`; it stores hashes of the secrets only. */
@Injectable()
export class OneTimeLinksRepository {
  async insert(tx: Tx, link: { id: string; userId: string; purpose: LinkPurpose; tokenHash: string; now: Date; expiresAt: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO user_tokens (id, user_id, purpose, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [link.id, link.userId, link.purpose, link.tokenHash, link.expiresAt, link.now],
    );
  }

  async findByHash(tx: Tx, tokenHash: string, lock: boolean): Promise<OneTimeLink | null> {
    const [row]: LinkRow[] = await tx.query(
      `SELECT t.id, t.user_id, t.purpose, t.expires_at, t.used_at, ${signInAllowed('u')} AS active
         FROM user_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1${lock ? ' FOR UPDATE OF t' : ''}`,
      [tokenHash],
    );
    return row ? toLink(row) : null;
  }

  async useAllOpen(tx: Tx, userId: string, now: Date): Promise<void> {
    await tx.query(`UPDATE user_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [userId, now]);
  }
}
