import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { describeProblems, LeadCsvImporter, parseLeadCsv, rejectedRowsCsv } from '@leadgate/intake';
import { Command, EXIT_ROWS_REJECTED, requiredString } from './command';

const ACTOR = 'cli:import';

export const importLeadsCommand: Command = {
  name: 'import-leads',
  summary: 'Import leads from a CSV file through the same validation, duplicate check and allocation as the API',
  usage: '--file <leads.csv> [--report <rejected.csv>]   (exit code 3 when any row was rejected)',
  options: { file: { type: 'string' }, report: { type: 'string' } },
  async run(values, { app, io }) {
    const file = requiredString(values, 'file');
    const report = typeof values.report === 'string' ? values.report : undefined;
    const rows = parseLeadCsv(readText(file));
    const importer = (await app()).get(LeadCsvImporter);
    const bar = new SingleBar({ stream: io.errStream, format: 'Importing [{bar}] {value}/{total} rows | {eta_formatted} left', hideCursor: true });
    bar.start(rows.length, 0);
    const totals = await importer.importRows(rows, ACTOR, () => bar.increment()).finally(() => bar.stop());

    for (const r of totals.rejected) io.out(`line ${r.line}: rejected: ${describeProblems(r.errors)}`);
    if (report) {
      writeFileSync(report, rejectedRowsCsv(totals.rejected));
      io.out(`Rejected rows written to ${report}`);
    }
    io.out(`${rows.length} rows: ${totals.created} created, ${totals.duplicates} duplicates, ${totals.rejected.length} rejected`);
    // A script running the import must notice rejected rows, not only a failed run.
    return totals.rejected.length > 0 ? EXIT_ROWS_REJECTED : undefined;
  },
};

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
