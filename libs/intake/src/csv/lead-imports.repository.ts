import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RejectedRow } from './lead-csv';

export type LeadImportStatus = 'running' | 'done' | 'stopped';

export interface LeadImport {
  id: string;
  fileName: string;
  createdBy: string;
  status: LeadImportStatus;
  totalRows: number;
  processedRows: number;
  createdLeads: number;
  duplicateLeads: number;
  rejectedRows: RejectedRow[];
  stopReason: string | null;
  startedAt: Date;
  progressedAt: Date;
  finishedAt: Date | null;
}

interface LeadImportRow {
  id: string;
  file_name: string;
  created_by: string;
  status: LeadImportStatus;
  total_rows: number;
  processed_rows: number;
  created_leads: number;
  duplicate_leads: number;
  rejected_rows: RejectedRow[];
  stop_reason: string | null;
  started_at: Date;
  progressed_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `id, file_name, created_by, status, total_rows, processed_rows, created_leads, duplicate_leads, rejected_rows, stop_reason,
  started_at, progressed_at, finished_at`;

const toLeadImport = (row: LeadImportRow): LeadImport => ({
  id: row.id,
  fileName: row.file_name,
  createdBy: row.created_by,
  status: row.status,
  totalRows: row.total_rows,
  processedRows: row.processed_rows,
  createdLeads: row.created_leads,
  duplicateLeads: row.duplicate_leads,
  rejectedRows: row.rejected_rows,
  stopReason: row.stop_reason,
  startedAt: row.started_at,
  progressedAt: row.progressed_at,
  finishedAt: row.finished_at,
});

export interface ImportProgress {
  processedRows: number;
  createdLeads: number;
  duplicateLeads: number;
  rejectedRows: RejectedRow[];
}

/** The only SQL on `lead_imports`. */
@Injectable()
export class LeadImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(fileName: string, createdBy: string, totalRows: number, at: Date): Promise<LeadImport> {
    const [row]: LeadImportRow[] = await this.dataSource.query(
      `INSERT INTO lead_imports (file_name, created_by, total_rows, started_at, progressed_at) VALUES ($1, $2, $3, $4, $4) RETURNING ${COLUMNS}`,
      [fileName, createdBy, totalRows, at],
    );
    return toLeadImport(row);
  }

  /** Progress so far; with `finished`, the import's end (done, or stopped with a reason). */
  async progress(id: string, progress: ImportProgress, at: Date, finished?: { status: 'done' | 'stopped'; reason: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE lead_imports SET processed_rows = $2, created_leads = $3, duplicate_leads = $4, rejected_rows = $5::jsonb, progressed_at = $6,
              status = COALESCE($7, status), stop_reason = $8, finished_at = CASE WHEN $7::text IS NULL THEN NULL ELSE $6::timestamptz END
        WHERE id = $1`,
      [id, progress.processedRows, progress.createdLeads, progress.duplicateLeads, JSON.stringify(progress.rejectedRows), at, finished?.status ?? null, finished?.reason ?? null],
    );
  }

  /** Running imports whose process stopped reporting progress (a portal restarted mid-file) are marked stopped. */
  async stopStalled(before: Date, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE lead_imports SET status = 'stopped', finished_at = $2,
              stop_reason = 'The portal stopped while importing. Upload the file again: rows with an external id are not created twice.'
        WHERE status = 'running' AND progressed_at < $1`,
      [before, at],
    );
  }

  async findById(id: string): Promise<LeadImport | null> {
    const [row]: LeadImportRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM lead_imports WHERE id = $1`, [id]);
    return row ? toLeadImport(row) : null;
  }

  async latest(limit: number): Promise<LeadImport[]> {
    const rows: LeadImportRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM lead_imports ORDER BY started_at DESC LIMIT $1`, [limit]);
    return rows.map(toLeadImport);
  }
}
