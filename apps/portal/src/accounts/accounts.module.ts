import { Module } from '@nestjs/common';
import { AccountLifecycleModule, AuthModule } from '@leadgate/auth';
import { UsersModule } from '@leadgate/users';
import { AwayController } from './away.controller';
import { PartnerUsersController } from './partner-users.controller';
import { PasswordController } from './password.controller';
import { StaffUsersController } from './staff-users.controller';
import { TimeZoneController } from './time-zone.controller';

/** The account pages and API: invitations, deactivation and password reset (the logic is in @leadgate/auth). */
@Module({
  imports: [AuthModule, AccountLifecycleModule, UsersModule],
  controllers: [PasswordController, PartnerUsersController, StaffUsersController, AwayController, TimeZoneController],
  exports: [AccountLifecycleModule],
})
export class AccountsModule {}
