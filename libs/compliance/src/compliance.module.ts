import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { SlaSweepService } from './sla-sweep.service';

/** SLA sweeps, compliance scores, standings and overrides. Re-allocating recalled leads is the jobs library's part. */
@Module({
  imports: [LifecycleModule, NotificationsModule],
  controllers: [ComplianceController],
  providers: [ComplianceService, SlaSweepService],
  exports: [ComplianceService, SlaSweepService],
})
export class ComplianceModule {}
