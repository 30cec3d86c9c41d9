import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsCalendarDate } from '@leadgate/common';
import { LEAD_SOURCES, type LeadSource } from '@leadgate/lifecycle';
import { GRANULARITIES, Granularity, GROUP_BYS, GroupBy } from '../report-figures';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A filter form sends an empty value for "all": the same as leaving the filter out. */
const BlankIsMissing = (): PropertyDecorator => Transform(({ value }) => (value === '' ? undefined : value));

/** One query shape for every report: a period, a bucket size, one grouping and any filters. */
export class ReportQuery {
  @ApiPropertyOptional({ description: 'First day, inclusive (UTC, yyyy-mm-dd); default 89 days before `to`. Moved back to the start of its week or month: periods are whole', example: '2026-01-01' })
  @BlankIsMissing()
  @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive (UTC, yyyy-mm-dd); default today. Moved forward to the end of its week or month', example: '2026-03-31' })
  @BlankIsMissing()
  @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'month', description: 'Bucket size; weeks start on Monday' })
  @IsOptional() @IsIn(GRANULARITIES, { message: `granularity must be one of: ${GRANULARITIES.join(', ')}` })
  granularity: Granularity = 'month';

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'none', description: 'country is the territory; source splits marketing leads from registered deals' })
  @IsOptional() @IsIn(GROUP_BYS, { message: `groupBy must be one of: ${GROUP_BYS.join(', ')}` })
  groupBy: GroupBy = 'none';

  @ApiPropertyOptional({ format: 'uuid' })
  @BlankIsMissing()
  @IsOptional() @IsUUID('all', { message: 'campaignId must be a campaign id (UUID)' })
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Partner users may only name their own partner' })
  @BlankIsMissing()
  @IsOptional() @IsUUID('all', { message: 'partnerId must be a partner id (UUID)' })
  partnerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @BlankIsMissing()
  @IsOptional() @IsUUID('all', { message: 'leadTypeId must be a lead type id (UUID)' })
  leadTypeId?: string;

  @ApiPropertyOptional({ description: 'ISO 3166 country code of the lead', example: 'DE' })
  @BlankIsMissing()
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be a 2-letter country code such as DE' })
  country?: string;

  @ApiPropertyOptional({ enum: LEAD_SOURCES, description: 'marketing: leads from intake; registered_deal: partners’ approved deal registrations' })
  @BlankIsMissing()
  @IsOptional() @IsIn(LEAD_SOURCES, { message: `source must be one of: ${LEAD_SOURCES.join(', ')}` })
  source?: LeadSource;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv: the same figures as CSV (or send Accept: text/csv)' })
  @IsOptional() @IsIn(REPORT_FORMATS, { message: 'format must be json or csv' })
  format?: ReportFormat;
}
