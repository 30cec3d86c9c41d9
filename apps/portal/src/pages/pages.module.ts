import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { AuditModule } from '@leadgate/audit';
import { AuthModule } from '@leadgate/auth';
import { CatalogModule } from '@leadgate/catalog';
import { ComplianceModule } from '@leadgate/compliance';
import { FollowUpModule } from '@leadgate/follow-up';
import { LeadsModule } from '@leadgate/leads';
import { NotificationsModule } from '@leadgate/notifications';
import { PartnersModule } from '@leadgate/partners';
import { ReportingModule } from '@leadgate/reporting';
import { UsersModule } from '@leadgate/users';
import { AccountsModule } from '../accounts/accounts.module';
import { AdminCampaignsController } from './admin-campaigns.controller';
import { AdminHolidayCalendarsController } from './admin-holiday-calendars.controller';
import { AdminLeadTypesController } from './admin-lead-types.controller';
import { AdminPartnersController } from './admin-partners.controller';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminUsersController } from './admin-users.controller';
import { ChannelLeadsController } from './channel-leads.controller';
import { ChannelPartnersController } from './channel-partners.controller';
import { DashboardController } from './dashboard.controller';
import { FailedEmailsController } from './failed-emails.controller';
import { HomeController } from './home.controller';
import { LeadsConsoleController } from './leads-console.controller';
import { LeadsPagesController } from './leads-pages.controller';
import { LoginController } from './login.controller';
import { StandingPageController } from './standing-page.controller';
import { TeamPageController } from './team-page.controller';
import { PausesPageController } from './pauses-page.controller';
import { PreferencesController } from './preferences.controller';

/** The server-rendered browser pages: sign-in, the signed-in start page, the partner's leads, the channel manager's partners and queue, the partner's standing and team, and the admin's catalog and tokens. */
@Module({
  imports: [
    AccountsModule,
    AllocationModule,
    AuditModule,
    AuthModule,
    CatalogModule,
    ComplianceModule,
    FollowUpModule,
    LeadsModule,
    NotificationsModule,
    PartnersModule,
    ReportingModule,
    UsersModule,
  ],
  controllers: [
    AdminCampaignsController,
    AdminHolidayCalendarsController,
    AdminLeadTypesController,
    AdminPartnersController,
    AdminTokensController,
    AdminUsersController,
    ChannelLeadsController,
    ChannelPartnersController,
    DashboardController,
    FailedEmailsController,
    HomeController,
    LeadsConsoleController,
    LeadsPagesController,
    LoginController,
    PausesPageController,
    PreferencesController,
    StandingPageController,
    TeamPageController,
  ],
})
export class PagesModule {}
