import { Module } from '@nestjs/common';
import { AuditModule } from '@leadgate/audit';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { UsersModule } from '@leadgate/users';
import { AuthModule } from '../auth.module';
import { PartnerUsersService } from './partner-users.service';
import { PasswordResetService } from './password-reset.service';
import { StaffUsersService } from './staff-users.service';

/** Account life cycle: invitations, deactivation and password reset by one-time email links. */
@Module({
  imports: [AuthModule, AuditModule, UsersModule, NotificationsModule, LifecycleModule],
  providers: [PasswordResetService, PartnerUsersService, StaffUsersService],
  exports: [PasswordResetService, PartnerUsersService, StaffUsersService],
})
export class AccountLifecycleModule {}
