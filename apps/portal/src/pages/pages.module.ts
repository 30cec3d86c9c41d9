import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AllocationModule } from '@leadgate/allocation';
import { AuthModule } from '@leadgate/auth';
import { CatalogModule } from '@leadgate/catalog';
import { ComplianceModule } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { FollowUpModule } from '@leadgate/follow-up';
import { LeadsModule } from '@leadgate/leads';
import { PartnersModule } from '@leadgate/partners';
import { ReportingModule } from '@leadgate/reporting';
import { ChannelLeadsController } from './channel-leads.controller';
import { ChannelPartnersController } from './channel-partners.controller';
import { DashboardController } from './dashboard.controller';
import { HomeController } from './home.controller';
import { LeadsPagesController } from './leads-pages.controller';
import { LoginController } from './login.controller';

/** The server-rendered browser pages: sign-in, the signed-in start page, the partner's leads, and the channel manager's partners and queue. */
@Module({
  imports: [
    AllocationModule,
    AuthModule,
    CatalogModule,
    ComplianceModule,
    FollowUpModule,
    LeadsModule,
    PartnersModule,
    ReportingModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'login', limit: config.env.LOGIN_RATE_LIMIT, ttl: config.env.LOGIN_RATE_WINDOW_SECONDS * 1000 }],
      }),
    }),
  ],
  controllers: [ChannelLeadsController, ChannelPartnersController, DashboardController, HomeController, LeadsPagesController, LoginController],
})
export class PagesModule {}
