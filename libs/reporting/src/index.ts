export { ReportQuery } from './dto/report-query.dto';
export { ReportDto } from './dto/report.dto';
export { outcomeFigures, slaFigures } from './report-figures';
export type { OutcomeFigures, OutcomeSums, SlaFigures } from './report-figures';
export { ReportRollupService } from './report-rollup.service';
export { ReportingModule } from './reporting.module';
export { ReportsService } from './reports.service';
