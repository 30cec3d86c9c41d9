// CSV for every export (reports, the import command's rejected rows): one quoting rule, one formula guard.

// What a spreadsheet reads as the start of a formula (a leading tab or carriage return, too: some strip it first).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Text that would start a formula gets a leading apostrophe, so a buyer's name such as
 * `=HYPERLINK(...)` opens as text; numbers stay numbers (a negative figure is data, not a formula).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value !== 'number' && typeof value !== 'bigint' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whole rows (the header first), each line ended by `eol`. */
export function toCsv(rows: readonly unknown[][], eol = '\r\n'): string {
  return rows.map((row) => row.map(csvCell).join(',')).join(eol) + eol;
}
