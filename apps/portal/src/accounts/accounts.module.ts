import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '@leadgate/auth';
import { AppConfig } from '@leadgate/config';
import { NotificationsModule } from '@leadgate/notifications';
import { PartnerUsersController } from './partner-users.controller';
import { PartnerUsersService } from './partner-users.service';
import { PasswordController } from './password.controller';
import { PasswordResetService } from './password-reset.service';

/** Account life cycle: invitations, deactivation and password reset by one-time email links. */
@Module({
  imports: [
    AuthModule,
    NotificationsModule,
    // Reset requests are throttled like sign-in attempts (same limits, own counters).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'login', limit: config.env.LOGIN_RATE_LIMIT, ttl: config.env.LOGIN_RATE_WINDOW_SECONDS * 1000 }],
      }),
    }),
  ],
  controllers: [PasswordController, PartnerUsersController],
  providers: [PasswordResetService, PartnerUsersService],
  exports: [PartnerUsersService],
})
export class AccountsModule {}
