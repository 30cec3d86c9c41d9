// Imports parsed CSV rows one by one through intake: the one importer behind the CLI command and the admin page.
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@leadgate/common';
import { IntakeService } from '../intake.service';
import { validateLeadInput } from '../lead-input';
import { CsvLeadRow, RejectedRow, toLeadInput } from './lead-csv';

export interface ImportTotals {
  created: number;
  duplicates: number;
  rejected: RejectedRow[];
}

/** A fault that is not the row's (the database went away): the rows before it are imported, the rest are not. */
export class ImportStoppedError extends Error {}

@Injectable()
export class LeadCsvImporter {
  constructor(private readonly intake: IntakeService) {}

  /**
   * Each row through the same validation, duplicate check and allocation as the API. A row with an external id
   * is keyed by it, so importing a file again (after a stop, or a corrected report) never creates it twice.
   * `afterRow` hears of each row done (for a progress bar).
   */
  async importRows(rows: CsvLeadRow[], actor: string, afterRow: (done: number, totals: ImportTotals) => unknown = () => undefined): Promise<ImportTotals> {
    const totals: ImportTotals = { created: 0, duplicates: 0, rejected: [] };
    for (const [index, row] of rows.entries()) {
      const rejectedAs = (errors: RejectedRow['errors']) => totals.rejected.push({ line: row.line, fields: row.fields, errors });
      const input = validateLeadInput(toLeadInput(row.fields));
      if ('errors' in input) rejectedAs(input.errors);
      else {
        try {
          const idempotencyKey = input.value.externalId ? `import:${input.value.externalId}` : undefined;
          const { outcome } = await this.intake.intake(input.value, { actor, source: 'CSV import', idempotencyKey });
          if (outcome === 'created') totals.created++;
          else totals.duplicates++;
        } catch (error) {
          if (!(error instanceof DomainError && error.code === DomainErrorCode.InvalidInput)) {
            throw new ImportStoppedError(`Import stopped at line ${row.line} (rows above it are imported): ${(error as Error).message}`);
          }
          rejectedAs(error.fields);
        }
      }
      await afterRow(index + 1, totals);
    }
    return totals;
  }
}
