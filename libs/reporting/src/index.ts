export * from './dto/report-query.dto';
export * from './dto/report.dto';
export * from './report-csv';
export * from './report-figures';
export * from './report-rollup.service';
export * from './reporting.module';
export * from './reports.service';
