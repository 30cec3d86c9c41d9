import { Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, formatInstant, UuidParam } from '@leadgate/common';
import { LEAD_COLUMNS, LeadImport, LeadImportsService, MAX_IMPORT_ROWS } from '@leadgate/intake';
import { PageErrorFilter } from '../pages/page-error.filter';
import { MAX_UPLOAD_BYTES, UploadedCsv } from './csv-upload.middleware';

/** Seconds between refreshes of a running import's page: it works without JavaScript. */
const REFRESH_SECONDS = 2;

/** Lead import for admins: upload a CSV, watch its progress, download the rejected rows to correct and import again. */
@ApiExcludeController()
@Controller('admin/import')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class LeadImportPagesController {
  constructor(private readonly imports: LeadImportsService) {}

  @Get()
  async form(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderForm(req, res, viewer, HttpStatus.OK);
  }

  @Post()
  async upload(@Req() req: Request & UploadedCsv, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const problem = req.uploadProblem ?? (req.file ? undefined : 'Choose a CSV file to import.');
    if (problem) return this.renderForm(req, res, viewer, req.uploadProblem?.includes('larger') ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST, problem);
    const text = req.file!.buffer.toString('utf8');
    if (text.includes('\uFFFD')) return this.renderForm(req, res, viewer, HttpStatus.BAD_REQUEST, 'The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.');
    try {
      const started = await this.imports.start(req.file!.originalname || 'leads.csv', text, actorOf(viewer));
      res.redirect(HttpStatus.SEE_OTHER, `/admin/import/${started.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      await this.renderForm(req, res, viewer, HttpStatus.BAD_REQUEST, error.fields.flatMap((f) => f.problems).join(' '));
    }
  }

  @Get(':id')
  async progress(@Param('id', UuidParam('Import')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const found = await this.imports.get(id);
    const running = found.status === 'running';
    // Not cached, and refreshed by the browser itself while the import runs.
    if (running) res.setHeader('Refresh', String(REFRESH_SECONDS));
    res.render('integrations/import-progress', {
      title: `Import of ${found.fileName}`,
      viewer,
      csrfToken: csrfTokenFor(req),
      refreshSeconds: running ? REFRESH_SECONDS : null,
      ...importView(found, viewer.timeZone),
      rejectedMore: found.rejectedRows.length > 20,
      rejectedPreview: found.rejectedRows.slice(0, 20).map((r) => ({ line: r.line, values: Object.values(r.fields).filter(Boolean).join(', '), problems: r.errors.map((e) => `${e.field}: ${e.problems.join(', ')}`).join('; ') })),
    });
  }

  /** Rejected rows as the file had them, with line and problems; corrected, the file imports again as it is. */
  @Get(':id/rejected-rows.csv')
  async report(@Param('id', UuidParam('Import')) id: string, @Res() res: Response): Promise<void> {
    const { fileName, csv } = await this.imports.reportCsv(id);
    res.type('text/csv; charset=utf-8').attachment(fileName).send(csv);
  }

  private async renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, problem?: string): Promise<void> {
    const recent = await this.imports.latest();
    res.status(status).render('integrations/import', {
      title: 'Import leads',
      viewer,
      csrfToken: csrfTokenFor(req),
      problem,
      columns: LEAD_COLUMNS.join(', '),
      maxRows: MAX_IMPORT_ROWS.toLocaleString('en'),
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      recent: recent.map((found) => importView(found, viewer.timeZone)),
    });
  }
}

function importView(found: LeadImport, zone: string) {
  const percent = found.totalRows ? Math.floor((found.processedRows / found.totalRows) * 100) : 100;
  return {
    id: found.id,
    fileName: found.fileName,
    status: found.status,
    running: found.status === 'running',
    stopped: found.status === 'stopped',
    stopReason: found.stopReason,
    totalRows: found.totalRows,
    processedRows: found.processedRows,
    percent,
    createdLeads: found.createdLeads,
    duplicateLeads: found.duplicateLeads,
    rejectedCount: found.rejectedRows.length,
    startedText: formatInstant(found.startedAt, zone, 'compact'),
  };
}
