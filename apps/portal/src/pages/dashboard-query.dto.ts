import { PickType } from '@nestjs/swagger';
import { ReportQuery } from '@leadgate/reporting';

/** The dashboard's period form: the same validation as the reports API, without groupings or filters. */
export class DashboardQuery extends PickType(ReportQuery, ['from', 'to', 'granularity'] as const) {}
