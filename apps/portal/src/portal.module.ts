import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AllocationModule } from '@leadgate/allocation';
import { AuthModule } from '@leadgate/auth';
import { CatalogModule } from '@leadgate/catalog';
import { ClockModule, LoggingModule } from '@leadgate/common';
import { ComplianceModule } from '@leadgate/compliance';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { DealsModule } from '@leadgate/deals';
import { DemoModule } from '@leadgate/demo';
import { FollowUpModule } from '@leadgate/follow-up';
import { IntakeModule } from '@leadgate/intake';
import { JobsModule } from '@leadgate/jobs';
import { LeadsModule } from '@leadgate/leads';
import { LifecycleModule } from '@leadgate/lifecycle';
import { PartnersModule } from '@leadgate/partners';
import { ReportingModule } from '@leadgate/reporting';
import { UsersModule } from '@leadgate/users';
import { WebhookOutboxModule, WebhooksModule } from '@leadgate/webhooks';
import { AccountsModule } from './accounts/accounts.module';
import { AuditApiModule } from './audit/audit-api.module';
import { CapacityHealthIndicator } from './health/capacity.health';
import { JobsHealthIndicator } from './health/jobs.health';
import { HealthController } from './health/health.controller';
import { ReportsDatabaseHealthIndicator } from './health/reports-database.health';
import { DealsPagesModule } from './pages/deals-pages.module';
import { IntegrationsPagesModule } from './integrations/integrations-pages.module';
import { PagesModule } from './pages/pages.module';

/** Wires the library modules into the HTTP app; no business logic lives here. */
@Module({
  imports: [
    ConfigModule.forRoot(),
    LoggingModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot({ ownsEmbeddedDatabase: true }),
    TerminusModule,
    AuthModule,
    UsersModule,
    PartnersModule,
    CatalogModule,
    LeadsModule,
    LifecycleModule,
    IntakeModule,
    AllocationModule,
    FollowUpModule,
    ComplianceModule,
    JobsModule.forRoot(),
    DemoModule,
    ReportingModule,
    WebhookOutboxModule,
    WebhooksModule,
    DealsModule,
    PagesModule,
    DealsPagesModule,
    IntegrationsPagesModule,
    AccountsModule,
    AuditApiModule,
  ],
  controllers: [HealthController],
  providers: [CapacityHealthIndicator, JobsHealthIndicator, ReportsDatabaseHealthIndicator],
})
export class PortalModule {}
