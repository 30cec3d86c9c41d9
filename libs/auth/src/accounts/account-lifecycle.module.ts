import { Module } from '@nestjs/common';
import { NotificationsModule } from '@leadgate/notifications';
import { UsersModule } from '@leadgate/users';
import { AccessService } from '../access.service';
import { ApiTokensRepository } from '../api-tokens.repository';
import { SessionsRepository } from '../sessions.repository';
import { PartnerUsersService } from './partner-users.service';
import { PasswordResetService } from './password-reset.service';
import { StaffUsersService } from './staff-users.service';

/** Account life cycle: invitations, deactivation and password reset by one-time email links. */
@Module({
  imports: [UsersModule, NotificationsModule],
  providers: [PasswordResetService, PartnerUsersService, StaffUsersService, AccessService, ApiTokensRepository, SessionsRepository],
  exports: [PasswordResetService, PartnerUsersService, StaffUsersService],
})
export class AccountLifecycleModule {}
