// Lead imports from the admin page: the file is checked at once, then imported in the background with its progress stored.
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError } from '@leadgate/common';
import { CsvFormatError, CsvLeadRow, parseLeadCsv, rejectedRowsCsv } from './lead-csv';
import { ImportTotals, LeadCsvImporter } from './lead-csv-importer';
import { LeadImport, LeadImportsRepository } from './lead-imports.repository';

/** Progress is stored at most this often (and after the last row), so a big file does not write a row per lead. */
const PROGRESS_INTERVAL_MS = 500;
/** A running import that reported no progress for this long died with its process. */
const STALLED_AFTER_MS = 2 * 60_000;
export const MAX_IMPORT_ROWS = 50_000;

@Injectable()
export class LeadImportsService {
  private readonly logger = new Logger('LeadImports');
  /** Imports running in this process, so shutdown (and tests) can wait for them. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly importer: LeadCsvImporter,
    private readonly imports: LeadImportsRepository,
    private readonly clock: Clock,
  ) {}

  /** Checks the file (header, readable CSV, size), records the import and starts it; answers before the rows are done. */
  async start(fileName: string, text: string, actor: string): Promise<LeadImport> {
    let rows: CsvLeadRow[];
    try {
      rows = parseLeadCsv(text);
    } catch (error) {
      if (error instanceof CsvFormatError) throw DomainError.invalid([{ field: 'file', problems: [error.message] }]);
      throw error;
    }
    if (rows.length === 0) throw DomainError.invalid([{ field: 'file', problems: ['The file has a header but no rows.'] }]);
    if (rows.length > MAX_IMPORT_ROWS) throw DomainError.invalid([{ field: 'file', problems: [`The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at once.`] }]);
    const started = await this.imports.insert(fileName, actor, rows.length, this.clock.now());
    const run = this.run(started.id, rows, actor).finally(() => this.running.delete(started.id));
    this.running.set(started.id, run);
    return started;
  }

  /** Resolves when the import (if it runs in this process) has finished. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  async get(id: string): Promise<LeadImport> {
    await this.imports.stopStalled(new Date(this.clock.now().getTime() - STALLED_AFTER_MS), this.clock.now());
    const found = await this.imports.findById(id);
    if (!found) throw DomainError.notFound('Import');
    return found;
  }

  async latest(limit = 10): Promise<LeadImport[]> {
    await this.imports.stopStalled(new Date(this.clock.now().getTime() - STALLED_AFTER_MS), this.clock.now());
    return this.imports.latest(limit);
  }

  /** The rejected rows as the file had them, with line and problems: corrected, the file imports again as it is. */
  async reportCsv(id: string): Promise<{ fileName: string; csv: string }> {
    const found = await this.get(id);
    const base = found.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 80) || 'leads';
    return { fileName: `${base}-rejected-rows.csv`, csv: rejectedRowsCsv(found.rejectedRows) };
  }

  private async run(id: string, rows: CsvLeadRow[], actor: string): Promise<void> {
    let saved = 0;
    const save = (done: number, totals: ImportTotals, finished?: { status: 'done' | 'stopped'; reason: string | null }) =>
      this.imports.progress(id, { processedRows: done, createdLeads: totals.created, duplicateLeads: totals.duplicates, rejectedRows: totals.rejected }, this.clock.now(), finished);
    let last: { done: number; totals: ImportTotals } = { done: 0, totals: { created: 0, duplicates: 0, rejected: [] } };
    try {
      const totals = await this.importer.importRows(rows, actor, async (done, totals) => {
        last = { done, totals };
        if (Date.now() - saved >= PROGRESS_INTERVAL_MS) {
          saved = Date.now();
          await save(done, totals);
        }
      });
      await save(rows.length, totals, { status: 'done', reason: null });
    } catch (error) {
      this.logger.error(`Import ${id} stopped: ${(error as Error).message}`);
      await save(last.done, last.totals, { status: 'stopped', reason: (error as Error).message }).catch(() => undefined);
    }
  }
}
