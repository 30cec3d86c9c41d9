import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { DomainError, DomainErrorCode } from '@leadgate/common';
import { IntakeService, validateLeadInput } from '@leadgate/intake';
import { describeProblems, parseLeadCsv, RejectedRow, rejectedRowsCsv, toLeadInput } from '../lead-csv';
import { Command, EXIT_ROWS_REJECTED, requiredString } from './command';

const ACTOR = 'cli:import';

export interface ImportTotals {
  created: number;
  duplicates: number;
  rejected: RejectedRow[];
}

export const importLeadsCommand: Command = {
  name: 'import-leads',
  summary: 'Import leads from a CSV file through the same validation, duplicate check and allocation as the API',
  usage: '--file <leads.csv> [--report <rejected.csv>]   (exit code 3 when any row was rejected)',
  options: { file: { type: 'string' }, report: { type: 'string' } },
  async run(values, { app, io }) {
    const file = requiredString(values, 'file');
    const report = typeof values.report === 'string' ? values.report : undefined;
    const rows = parseLeadCsv(readText(file));
    const intake = (await app()).get(IntakeService);

    const totals: ImportTotals = { created: 0, duplicates: 0, rejected: [] };
    const bar = new SingleBar({ stream: io.errStream, format: 'Importing [{bar}] {value}/{total} rows | {eta_formatted} left', hideCursor: true });
    bar.start(rows.length, 0);
    try {
      for (const row of rows) {
        const rejectedAs = (errors: RejectedRow['errors']) => totals.rejected.push({ line: row.line, fields: row.fields, errors });
        const input = validateLeadInput(toLeadInput(row.fields));
        if ('errors' in input) rejectedAs(input.errors);
        else {
          try {
            // Re-running an import replays rows with an external id instead of creating them again.
            const idempotencyKey = input.value.externalId ? `import:${input.value.externalId}` : undefined;
            const { outcome } = await intake.intake(input.value, { actor: ACTOR, source: 'CSV import', idempotencyKey });
            if (outcome === 'created') totals.created++;
            else totals.duplicates++;
          } catch (error) {
            if (!(error instanceof DomainError && error.code === DomainErrorCode.InvalidInput)) {
              throw new Error(`Import stopped at line ${row.line} (rows above it are imported): ${(error as Error).message}`);
            }
            rejectedAs(error.fields);
          }
        }
        bar.increment();
      }
    } finally {
      bar.stop();
    }

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
