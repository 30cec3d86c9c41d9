import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/** Synchronizer tokens kept in the session; forms send theirs as `_csrf`, scripts as `X-CSRF-Token`. */
const csrf = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token for a form rendered in this request's session. */
export const csrfTokenFor = (req: Request): string => csrf.generateToken(req);

export const isCsrfTokenValid = (req: Request): boolean => csrf.isRequestValid(req);

/**
 * Cookies are sent by the browser on their own, so a state-changing request that the session cookie may
 * authenticate must prove it came from our own page. API calls without a signed-in session are exempt
 * (the route's guard answers 401); bearer-authenticated requests never get here (see CredentialsGuard).
 */
export function needsCsrfCheck(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  return Boolean(req.session?.userId) || !req.path.startsWith('/api/');
}
