import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

/** Synchronizer tokens kept in the session; forms send theirs as `_csrf`, scripts as `X-CSRF-Token`. */
const csrf = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token for a form rendered in this request's session. */
export const csrfTokenFor = (req: Request): string => csrf.generateToken(req);

/**
 * Cookies are sent by the browser on their own, so a request authenticated by the session cookie must
 * prove it came from our own page. Bearer-token requests carry no cookie and are exempt; so are API
 * calls without a signed-in session (they get 401 from the route's guard instead).
 */
export function needsCsrfCheck(req: Request): boolean {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization) return false;
  return Boolean(req.session?.userId) || !req.path.startsWith('/api/');
}

@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!needsCsrfCheck(req) || csrf.isRequestValid(req)) return true;
    throw new ForbiddenException('This form has expired or did not come from LeadGate. Reload the page and try again.');
  }
}
