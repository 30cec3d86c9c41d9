import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountLifecycleModule, AuthModule } from '@leadgate/auth';
import { AppConfig } from '@leadgate/config';
import { PartnerUsersController } from './partner-users.controller';
import { PasswordController } from './password.controller';
import { StaffUsersController } from './staff-users.controller';

/** The account pages and API: invitations, deactivation and password reset (the logic is in @leadgate/auth). */
@Module({
  imports: [
    AuthModule,
    AccountLifecycleModule,
    // Reset requests are throttled like sign-in attempts (same limits, own counters).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'login', limit: config.env.LOGIN_RATE_LIMIT, ttl: config.env.LOGIN_RATE_WINDOW_SECONDS * 1000 }],
      }),
    }),
  ],
  controllers: [PasswordController, PartnerUsersController, StaffUsersController],
  exports: [AccountLifecycleModule],
})
export class AccountsModule {}
