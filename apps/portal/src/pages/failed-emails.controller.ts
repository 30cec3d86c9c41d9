import { Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { formatInstant, pageOffset, PageQuery, UuidParam } from '@leadgate/common';
import { EmailDeliveryService } from '@leadgate/notifications';
import { pagerView } from './view-address';
import { PageErrorFilter } from './page-error.filter';

/** Emails the worker gave up on, newest first, so an admin can fix the cause (an address, the SMTP relay) and send them again. */
@ApiExcludeController()
@Controller('admin/emails')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class FailedEmailsController {
  constructor(private readonly delivery: EmailDeliveryService) {}

  @Get()
  @Render('admin-emails')
  async list(@Req() req: Request, @Query() query: PageQuery, @CurrentPrincipal() viewer: Principal) {
    const { emails, total } = await this.delivery.failed(query.pageSize, pageOffset(query));
    return {
      title: 'Failed emails',
      viewer,
      csrfToken: csrfTokenFor(req),
      resent: req.query.done === 'resent',
      total,
      emails: emails.map((email) => ({ ...email, created: formatInstant(email.createdAt, viewer.timeZone, 'compact') })),
      ...pagerView({ page: query.page, pageSize: query.pageSize, total }, (n) => pageHref(n, query.pageSize)),
    };
  }

  /** Back to the queue as if new: the worker sends it on its next run with a fresh set of attempts. */
  @Post(':id/resend')
  async resend(@Param('id', UuidParam('Email')) id: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.delivery.resend(id, actorOf(viewer));
    res.redirect(HttpStatus.SEE_OTHER, '/admin/emails?done=resent');
  }
}

const pageHref = (page: number, pageSize: number): string => `/admin/emails?page=${page}&pageSize=${pageSize}`;
