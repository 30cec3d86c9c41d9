// A report as CSV for spreadsheets: the same rows as the JSON, program median rows last (with their note),
// amounts in major units with the currency named in the header. Lists become columns: each other currency's
// amounts ("won (USD)") and each reason code's count and share ("recycled: early research"). Pure.
import { minorDigits, toCsv } from '@leadgate/common';
import type { ReportDto } from './dto/report.dto';
import { CurrencyAmounts, LIST_FIGURES, ReasonShare } from './report-figures';

/** JSON figures named `…Minor` are amounts in minor units. */
const MONEY = /Minor$/;
const CURRENCY_AMOUNTS: Array<keyof CurrencyAmounts> = ['pipelineMinor', 'wonMinor', 'spendMinor'];
/** byReason lists are named for their outcome: disqualifiedByReason → "disqualified". */
const outcomeOf = (key: string) => key.replace(/ByReason$/, '');

interface Column {
  header: string;
  value: (row: Record<string, unknown>) => unknown;
}

export function reportToCsv<F extends object>(report: ReportDto<F>): string {
  const rows = [...report.rows, ...(report.programMedian ?? [])] as Array<Record<string, unknown>>;
  const money = (currency: string, value: unknown) => (typeof value === 'number' ? (value / 10 ** minorDigits(currency)).toFixed(minorDigits(currency)) : value);
  const columns: Column[] = ['period', 'groupId', 'groupName'].map((key) => ({ header: key, value: (row) => row[key] }));
  for (const key of Object.keys(report.definitions)) {
    if (key === 'otherCurrencies') {
      const currencies = [...new Set(rows.flatMap((row) => ((row.otherCurrencies as CurrencyAmounts[] | undefined) ?? []).map((a) => a.currency)))].sort();
      for (const currency of currencies) {
        for (const amount of CURRENCY_AMOUNTS) {
          columns.push({
            header: `${amount.replace(MONEY, '')} (${currency})`,
            value: (row) => money(currency, (row.otherCurrencies as CurrencyAmounts[] | undefined)?.find((a) => a.currency === currency)?.[amount] ?? 0),
          });
        }
      }
    } else if (LIST_FIGURES.has(key)) {
      const codes = [...new Set(rows.flatMap((row) => ((row[key] as ReasonShare[] | undefined) ?? []).map((r) => r.code)))].sort();
      const of = (row: Record<string, unknown>, code: string) => (row[key] as ReasonShare[] | undefined)?.find((r) => r.code === code);
      for (const code of codes) {
        const label = `${outcomeOf(key)}: ${code.replace(/_/g, ' ')}`;
        columns.push({ header: label, value: (row) => (row[key] === undefined ? null : (of(row, code)?.leads ?? 0)) });
        columns.push({ header: `${label} (share)`, value: (row) => of(row, code)?.share ?? null });
      }
    } else if (MONEY.test(key)) {
      columns.push({ header: `${key.replace(MONEY, '')} (${report.currency})`, value: (row) => money(report.currency, row[key]) });
    } else {
      columns.push({ header: key, value: (row) => row[key] });
    }
  }
  if (report.programMedian) columns.push({ header: 'note', value: (row) => row.note });
  return toCsv([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))]);
}

/** "outcomes-2026-02-01-to-2026-03-31-by-partner.csv" */
export const reportFileName = (name: string, report: ReportDto<object>): string =>
  `${name}-${report.from}-to-${report.to}${report.groupBy === 'none' ? '' : `-by-${report.groupBy}`}.csv`;
