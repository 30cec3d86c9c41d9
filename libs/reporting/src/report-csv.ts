// A report as CSV for spreadsheets: the same rows as the JSON, program median rows last (with their note),
// amounts in major units of the report's currency with the currency named in the header. Pure.
import { minorDigits, toCsv } from '@leadgate/common';
import type { ReportDto } from './dto/report.dto';

/** JSON figures named `…Minor` are amounts in minor units. */
const MONEY = /Minor$/;

export function reportToCsv<F extends object>(report: ReportDto<F>): string {
  const figures = Object.keys(report.definitions);
  const columns = ['period', 'groupId', 'groupName', ...figures, ...(report.programMedian ? ['note'] : [])];
  const header = columns.map((column) => (MONEY.test(column) ? `${column.replace(MONEY, '')} (${report.currency})` : column));
  const digits = minorDigits(report.currency);
  const cell = (column: string, value: unknown) => (MONEY.test(column) && typeof value === 'number' ? (value / 10 ** digits).toFixed(digits) : value);
  const rows = [...report.rows, ...(report.programMedian ?? [])] as Array<Record<string, unknown>>;
  return toCsv([header, ...rows.map((row) => columns.map((column) => cell(column, row[column])))]);
}

/** "outcomes-2026-02-01-to-2026-03-31-by-partner.csv" */
export const reportFileName = (name: string, report: ReportDto<object>): string =>
  `${name}-${report.from}-to-${report.to}${report.groupBy === 'none' ? '' : `-by-${report.groupBy}`}.csv`;
