// A report as CSV: the same rows and figures as the JSON, program median rows last. Pure.
import type { ReportDto } from './dto/report.dto';

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function reportToCsv<F extends object>(report: ReportDto<F>): string {
  const columns = ['period', 'groupId', 'groupName', ...Object.keys(report.definitions)];
  const rows = [...report.rows, ...(report.programMedian ?? [])] as Array<Record<string, unknown>>;
  return [columns, ...rows.map((row) => columns.map((column) => row[column]))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
