// Decides once per request, before any route guard, which credential speaks for it: an API token or the session cookie.
import { BadRequestException, CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTokensService } from './api-tokens.service';
import { isCsrfTokenValid, needsCsrfCheck } from './csrf';
import { PasswordLoginService } from './password-login.service';
import { Principal } from './principal';

const PRINCIPAL = Symbol('leadgate:principal');
type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

/** Who the request's credential belongs to (an API token, else the session's active user); undefined for nobody. */
export const principalOf = (req: Request): Principal | undefined => (req as WithPrincipal)[PRINCIPAL];

const BEARER = /^Bearer(?:\s+(\S*))?\s*$/i;

/** The token of an `Authorization: Bearer …` header ('' when malformed); null for no header or another scheme. */
function bearerTokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header === undefined || !/^bearer\b/i.test(header)) return null;
  return BEARER.exec(header)?.[1] ?? '';
}

/**
 * - A token is accepted only in the Authorization header: URLs end up in logs, histories and Referer headers,
 *   so `access_token` in the query (or body) is refused outright, never tried.
 * - A request with `Authorization: Bearer` is authenticated by that token alone: a bad token is a 401 and the
 *   session cookie is never consulted, so the cookie cannot ride along on a request that skips CSRF.
 * - Any other request is authenticated by the session cookie, if at all, so a state-changing one must carry
 *   the CSRF token of our own page — whatever other headers (e.g. `Authorization: Basic`) it has.
 * `Authorize` then only checks that someone was found and has the role.
 */
@Injectable()
export class CredentialsGuard implements CanActivate {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly logins: PasswordLoginService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithPrincipal>();
    if (hasField(req.query, 'access_token') || hasField(req.body, 'access_token')) {
      throw new BadRequestException('Send the API token in the Authorization header (Authorization: Bearer <token>), never in the URL or the body.');
    }
    const token = bearerTokenOf(req);
    if (token !== null) {
      const principal = token === '' ? null : await this.tokens.authenticate(token);
      if (!principal) throw new UnauthorizedException('The API token in the Authorization header is unknown or revoked.');
      req[PRINCIPAL] = principal;
      return true;
    }
    if (needsCsrfCheck(req) && !isCsrfTokenValid(req)) {
      throw new ForbiddenException('This form has expired or did not come from LeadGate. Reload the page and try again.');
    }
    // Role and partner are loaded fresh, so a deactivated user is out at once.
    const userId = req.session?.userId;
    req[PRINCIPAL] = (userId ? await this.logins.principalFor(userId) : null) ?? undefined;
    return true;
  }
}

const hasField = (value: unknown, name: string): boolean => typeof value === 'object' && value !== null && Object.hasOwn(value, name);
