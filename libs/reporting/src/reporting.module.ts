import { Module } from '@nestjs/common';
import { ReportRollupService } from './report-rollup.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The five numbers: rollups kept by the `reports-rollup` job, read by /api/v1/reports. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportRollupService],
  exports: [ReportsService, ReportRollupService],
})
export class ReportingModule {}
