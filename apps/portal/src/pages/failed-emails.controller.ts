import { Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { actorOf, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, pageOffset, PageQuery, UuidParam } from '@leadgate/common';
import { SignInRedirectFilter } from './sign-in-redirect.filter';

interface FailedEmailRow {
  id: string;
  to_address: string;
  subject: string;
  template: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  total: number;
}

/** Emails the worker gave up on, newest first, so an admin can fix the cause (an address, the SMTP relay) and send them again. */
@ApiExcludeController()
@Controller('admin/emails')
@Authorize('admin')
@UseFilters(SignInRedirectFilter)
export class FailedEmailsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Render('admin-emails')
  async list(@Req() req: Request, @Query() query: PageQuery, @CurrentPrincipal() viewer: Principal) {
    const rows: FailedEmailRow[] = await this.dataSource.query(
      `SELECT id, to_address, subject, template, attempts, last_error, created_at, count(*) OVER ()::int AS total
         FROM outbound_emails WHERE status = 'failed'
        ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
      [query.pageSize, pageOffset(query)],
    );
    const total = rows[0]?.total ?? (await this.failedCount());
    const pages = Math.max(1, Math.ceil(total / query.pageSize));
    return {
      title: 'Failed emails',
      viewer,
      csrfToken: csrfTokenFor(req),
      resent: req.query.done === 'resent',
      total,
      emails: rows.map((row) => ({ ...row, created: row.created_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' })),
      page: query.page,
      pages,
      previous: query.page > 1 ? pageHref(query.page - 1, query.pageSize) : null,
      next: query.page < pages ? pageHref(query.page + 1, query.pageSize) : null,
    };
  }

  /** Back to the queue as if new: the worker sends it on its next run with a fresh set of attempts. */
  @Post(':id/resend')
  async resend(@Param('id', UuidParam('Email')) id: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const now = this.clock.now();
    const [updated]: unknown[][] = await this.dataSource.query(
      `UPDATE outbound_emails SET status = 'queued', attempts = 0, next_attempt_at = $2, resent_by = $3, resent_at = $2
        WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id, now, actorOf(viewer)],
    );
    if (updated.length === 0) throw DomainError.notFound('Failed email');
    res.redirect(HttpStatus.SEE_OTHER, '/admin/emails?done=resent');
  }

  private async failedCount(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status = 'failed'`);
    return n;
  }
}

const pageHref = (page: number, pageSize: number): string => `/admin/emails?page=${page}&pageSize=${pageSize}`;
