import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRANULARITIES, Granularity, GROUP_BYS, GroupBy } from '../report-figures';

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
    description: 'Partner callers only: per period, the median of each figure over all partners with activity (no partner named)',
    type: 'array',
    items: { type: 'object' },
  })
  programMedian?: Array<ReportRow<Record<keyof F, number | null>>>;
}

export type ReportRow<F> = { period: string; groupId: string | null; groupName: string | null } & F;
