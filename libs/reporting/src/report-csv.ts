// A report as CSV: the same rows and figures as the JSON, program median rows last (with their note). Pure.
import { toCsv } from '@leadgate/common';
import type { ReportDto } from './dto/report.dto';

export function reportToCsv<F extends object>(report: ReportDto<F>): string {
  const columns = ['period', 'groupId', 'groupName', ...Object.keys(report.definitions), ...(report.programMedian ? ['note'] : [])];
  const rows = [...report.rows, ...(report.programMedian ?? [])] as Array<Record<string, unknown>>;
  return toCsv([columns, ...rows.map((row) => columns.map((column) => row[column]))]);
}
