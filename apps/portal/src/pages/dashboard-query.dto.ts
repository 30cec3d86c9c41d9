import { PickType } from '@nestjs/swagger';
import { ReportQuery } from '@leadgate/reporting';

/** The dashboard's filters, kept in its URL: the same validation as the reports API, without a grouping. */
export class DashboardQuery extends PickType(ReportQuery, ['from', 'to', 'granularity', 'partnerId', 'campaignId', 'leadTypeId', 'country', 'source'] as const) {}
