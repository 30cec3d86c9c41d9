import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@leadgate/common';
import { AuthenticatedGuard } from './authenticated.guard';
import { NoStoreInterceptor } from './no-store.interceptor';
import { Principal } from './principal';
import { ROLES_KEY, RolesGuard } from './roles.guard';

/**
 * Requires a bearer token or a signed-in browser session with one of the given roles
 * (401 without either, 403 with the wrong role). Its answers are marked `Cache-Control: no-store`.
 */
export const Authorize = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(AuthenticatedGuard, RolesGuard),
    UseInterceptors(NoStoreInterceptor),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid credentials' }),
    ApiForbiddenResponse({ description: `Requires one of: ${roles.join(', ')}` }),
  );

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().user as Principal;
});
