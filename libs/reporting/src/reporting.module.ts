import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { ReportRollupRepository } from './report-rollup.repository';
import { ReportRollupService } from './report-rollup.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** The five numbers: rollups kept by the `reports-rollup` job, read by /api/v1/reports. */
@Module({
  imports: [LifecycleModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, ReportRollupService, ReportRollupRepository],
  exports: [ReportsService, ReportRollupService],
})
export class ReportingModule {}
