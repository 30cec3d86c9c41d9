import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'lg_';

/** A new token secret: 32 random bytes, so a fast hash is enough to store it safely. */
export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The first characters, kept in clear so people can tell their tokens apart. */
export function tokenPrefixOf(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}
