import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf } from './credentials.guard';

/** The caller CredentialsGuard found (an API token or the signed-in user) becomes `req.user`; nobody: 401. */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(req);
    if (!principal) throw new UnauthorizedException('Sign in, or send an API token as Authorization: Bearer <token>.');
    req.user = principal;
    return true;
  }
}
