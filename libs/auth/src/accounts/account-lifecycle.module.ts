import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leadgate/notifications';
import { UsersModule } from '@leadgate/users';
import { SessionsRepository } from '../sessions.repository';
import { PartnerUsersService } from './partner-users.service';
import { PasswordResetService } from './password-reset.service';

/** Account life cycle: invitations, deactivation and password reset by one-time email links. */
@Module({
  imports: [UsersModule, NotificationsModule],
  providers: [PasswordResetService, PartnerUsersService, SessionsRepository],
  exports: [PasswordResetService, PartnerUsersService],
})
export class AccountLifecycleModule {}
