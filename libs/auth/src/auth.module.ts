import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '@leadgate/users';
import { AccessService } from './access.service';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { BearerStrategy } from './bearer.strategy';
import { CsrfGuard } from './csrf';
import { LocalStrategy } from './local.strategy';
import { PasswordLoginService } from './password-login.service';
import { SessionMiddleware } from './session';
import { SessionUserStrategy } from './session-user.strategy';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [PassportModule, UsersModule],
  controllers: [ApiTokensController],
  providers: [
    AccessService,
    ApiTokensService,
    ApiTokensRepository,
    BearerStrategy,
    PasswordLoginService,
    LocalStrategy,
    SessionUserStrategy,
    SessionMiddleware,
    SessionsRepository,
    // Global so no state-changing route can forget it; it only checks cookie-authenticated requests.
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [AccessService, ApiTokensService, PasswordLoginService, SessionMiddleware, SessionsRepository],
})
export class AuthModule {}
