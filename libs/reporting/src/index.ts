export { ReportQuery } from './dto/report-query.dto';
export { ReportDto } from './dto/report.dto';
export { outcomeFigures, qualityFigures, slaFigures, SOURCE_NAMES } from './report-figures';
export type { CurrencyAmounts, OutcomeFigures, OutcomeSums, QualityFigures, ReasonShare, SlaFigures } from './report-figures';
export { ReportRollupService } from './report-rollup.service';
export { ReportingModule } from './reporting.module';
export { ReportsService } from './reports.service';
export type { FilterChoices } from './reports.repository';
