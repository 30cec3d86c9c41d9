import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '@leadgate/users';
import { AccessService } from './access.service';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { CredentialsGuard } from './credentials.guard';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { LocalStrategy } from './local.strategy';
import { PasswordLoginService } from './password-login.service';
import { SessionMiddleware } from './session';
import { SessionsRepository } from './sessions.repository';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';

@Module({
  imports: [PassportModule, UsersModule],
  controllers: [ApiTokensController],
  providers: [
    AccessService,
    ApiTokensService,
    ApiTokensRepository,
    PasswordLoginService,
    LocalStrategy,
    SessionMiddleware,
    SignInAttemptsRepository,
    SessionsRepository,
    // Global so no route can forget it: which credential counts, and CSRF for whatever the cookie may authenticate.
    { provide: APP_GUARD, useClass: CredentialsGuard },
    IdempotencyKeysRepository,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [AccessService, ApiTokensService, PasswordLoginService, SessionMiddleware, SessionsRepository, SignInAttemptsRepository],
})
export class AuthModule {}
