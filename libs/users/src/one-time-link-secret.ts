import { createHmac } from 'node:crypto';

/**
 * The secret of a password-reset or invitation link, derived from the link's id with the server secret
 * (SESSION_SECRET). Nothing stores it: `user_tokens` keeps its hash, and the email outbox keeps only the link's
 * id, so the secret is written into the email at the moment it is sent. Whoever reads the database cannot use it.
 */
export function oneTimeLinkSecret(serverSecret: string, linkId: string): string {
  return createHmac('sha256', serverSecret).update(`one-time-link:${linkId}`).digest('base64url');
}
