// Reading leads from CSV files and writing the rejected rows back out, for the import command and the import page.
import { parse } from 'csv-parse/sync';
import { toCsv } from '@leadgate/common';
import type { FieldProblem } from '@leadgate/common';

/** The CSV header must use these names: the fields of CreateLeadDto. */
export const LEAD_COLUMNS = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'company', 'country', 'postalCode', 'productInterest', 'leadType', 'campaign', 'score', 'externalId', 'notes'] as const;
const REQUIRED_COLUMNS = ['email', 'company', 'country', 'leadType'];
/** What the rejected-rows report adds to each row; ignored on import, so a corrected report imports as it is. */
const REPORT_COLUMNS = ['line', 'problems'];

export interface CsvLeadRow {
  /** The file line the row ends on (line 1 is the header), as a spreadsheet shows it. */
  line: number;
  fields: Record<string, string>;
}

export class CsvFormatError extends Error {}

export function parseLeadCsv(text: string): CsvLeadRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: checkHeader, info: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    if (error instanceof CsvFormatError) throw error;
    throw new CsvFormatError(`Not a readable CSV file: ${(error as Error).message}`);
  }
  return records.map(({ record, info }) => ({ line: info.lines, fields: record }));
}

function checkHeader(header: string[]): (string | false)[] {
  const unknown = header.filter((name) => !(LEAD_COLUMNS as readonly string[]).includes(name) && !REPORT_COLUMNS.includes(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  const problems = [
    unknown.length > 0 ? `unknown column(s): ${unknown.join(', ')}` : '',
    missing.length > 0 ? `missing column(s): ${missing.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new CsvFormatError(`The header row has ${problems.join('; ')}. Columns are: ${LEAD_COLUMNS.join(', ')}`);
  // csv-parse leaves out a column named false: the report's own columns are not lead fields.
  return header.map((name) => (REPORT_COLUMNS.includes(name) ? false : name));
}

/** A row as intake input: blank cells left out (so optional fields are "not given"), numbers as numbers. */
export function toLeadInput(fields: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === '') continue;
    input[name] = name === 'score' && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return input;
}

export interface RejectedRow {
  line: number;
  /** The row as the file had it, column by column. */
  fields: Record<string, string>;
  errors: FieldProblem[];
}

export function describeProblems(errors: FieldProblem[]): string {
  return errors.map((e) => `${e.field}: ${e.problems.join(', ')}`).join('; ');
}

/**
 * The rows intake refused: each as the file had it, then its problems and line. Corrected, the file imports
 * again as it is (those two columns are ignored). Opened in a spreadsheet, so formulas are neutralised.
 */
export function rejectedRowsCsv(rows: RejectedRow[]): string {
  const columns = LEAD_COLUMNS.filter((column) => rows.some((row) => column in row.fields));
  return toCsv([[...columns, 'problems', 'line'], ...rows.map((r) => [...columns.map((c) => r.fields[c] ?? ''), describeProblems(r.errors), r.line])], '\n');
}
