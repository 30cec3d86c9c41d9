import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@leadgate/common';
import { Principal } from './principal';

export const ROLES_KEY = 'leadgate:roles';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const principal = context.switchToHttp().getRequest().user as Principal | undefined;
    if (principal && roles.includes(principal.role)) return true;
    throw new ForbiddenException(`This action needs one of these roles: ${roles.join(', ')}`);
  }
}
