import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRANULARITIES, Granularity, GROUP_BYS, GroupBy, MedianFigures } from '../report-figures';

/** A report: one row per period × group, each figure named in `definitions`. */
export class ReportDto<F extends object = Record<string, number | null>> {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-03-31' }) to: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity: Granularity;
  @ApiProperty({ enum: GROUP_BYS }) groupBy: GroupBy;
  @ApiProperty({ example: 'EUR', description: 'Every amount (…Minor) is in minor units of this currency' }) currency: string;
  @ApiProperty({ description: 'Figure name → one-line plain-English definition', type: 'object', additionalProperties: { type: 'string' } })
  definitions: Record<string, string>;
  @ApiProperty({
    description: 'period (first day of the bucket), groupId and groupName (null when not grouped), then the figures',
    type: 'array',
    items: { type: 'object' },
  })
  rows: Array<ReportRow<F>>;
  @ApiPropertyOptional({
    description:
      'Partner callers only: per period, the median of each figure over all partners with activity (no partner named). ' +
      'A figure fewer than REPORT_MEDIAN_MIN_PARTNERS partners stand behind is withheld: null, named in `withheld`, and ' +
      '`note` says so ("withheld: fewer than 5 partners", naming the figures when only some are); note is null otherwise',
    type: 'array',
    items: { type: 'object' },
  })
  programMedian?: Array<ReportRow<MedianFigures<F>>>;
}

export type ReportRow<F> = { period: string; groupId: string | null; groupName: string | null } & F;
