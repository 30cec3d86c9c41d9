import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type LinkPurpose = 'reset' | 'invite';

/** Only the hash is stored, so a copy of the database cannot be used to take over accounts. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Stores a new one-time link for the user and returns its secret (32 random bytes) and row id. */
export async function issueLink(manager: EntityManager, userId: string, purpose: LinkPurpose, now: Date, expiresAt: Date): Promise<{ id: string; secret: string }> {
  const secret = randomBytes(32).toString('base64url');
  const [{ id }]: { id: string }[] = await manager.query(
    `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [userId, purpose, hashSecret(secret), expiresAt, now],
  );
  return { id, secret };
}

export const linkUrl = (publicUrl: string, secret: string): string => `${publicUrl}/password/reset?token=${encodeURIComponent(secret)}`;
