import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, DomainErrorCode, FieldProblem, UuidParam } from '@leadgate/common';
import { CreatePauseDto, PartnersService, PausesService } from '@leadgate/partners';
import { formValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';
import { pauseRequestOf, plainPauseProblem } from './pause-form';
import { pausesView } from './pauses-view';

const DONE: Record<string, string> = {
  created: 'The pause is saved. No new leads are offered during it.',
  ended: 'The pause is ended. New leads are offered again.',
};

interface PauseAttempt {
  values: Record<string, string>;
  fields: FieldProblem[];
}

/**
 * Pauses as a page: the partner admin plans its own partner's (/pauses), a channel manager those of the
 * partners it manages (/partners/:id/pauses); both see them, set one, and end one early or call it off.
 */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorFilter)
export class PausesPageController {
  constructor(
    private readonly pauses: PausesService,
    private readonly partners: PartnersService,
    private readonly clock: Clock,
  ) {}

  @Get('pauses')
  @Authorize('partner_admin')
  async own(@Req() req: Request, @Res() res: Response, @Query('done') done: unknown, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.render(req, res, viewer, viewer.partnerId!, HttpStatus.OK, typeof done === 'string' ? DONE[done] : undefined);
  }

  @Post('pauses')
  @Authorize('partner_admin')
  createOwn(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.create(req, res, viewer, viewer.partnerId!, body);
  }

  @Post('pauses/:pauseId/end')
  @Authorize('partner_admin')
  endOwn(@Param('pauseId', UuidParam('Pause')) pauseId: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.end(res, viewer, viewer.partnerId!, pauseId);
  }

  @Get('partners/:id/pauses')
  @Authorize('admin', 'channel_manager')
  async managed(
    @Param('id', UuidParam('Partner')) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Query('done') done: unknown,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    await this.render(req, res, viewer, id, HttpStatus.OK, typeof done === 'string' ? DONE[done] : undefined);
  }

  @Post('partners/:id/pauses')
  @Authorize('admin', 'channel_manager')
  createManaged(
    @Param('id', UuidParam('Partner')) id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    return this.create(req, res, viewer, id, body);
  }

  @Post('partners/:id/pauses/:pauseId/end')
  @Authorize('admin', 'channel_manager')
  endManaged(
    @Param('id', UuidParam('Partner')) id: string,
    @Param('pauseId', UuidParam('Pause')) pauseId: string,
    @Res() res: Response,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    return this.end(res, viewer, id, pauseId);
  }

  /** The form's problems come back on the form (400), the service's too (overlaps, the longest pause). */
  private async create(req: Request, res: Response, viewer: Principal, partnerId: string, body: unknown): Promise<void> {
    const partner = await this.partners.get(partnerId, viewer);
    const values = formValues(body, ['from', 'until', 'reason']);
    const request = pauseRequestOf(values, partner.timezone, this.clock.now());
    if (Array.isArray(request)) return this.render(req, res, viewer, partnerId, HttpStatus.BAD_REQUEST, undefined, { values, fields: request });
    try {
      await this.pauses.create(partnerId, Object.assign(new CreatePauseDto(), request), viewer);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      const fields = error.fields.map((field) => ({ ...field, problems: field.problems.map(plainPauseProblem) }));
      return this.render(req, res, viewer, partnerId, HttpStatus.BAD_REQUEST, undefined, { values, fields });
    }
    res.redirect(HttpStatus.SEE_OTHER, `${pathOf(viewer, partnerId)}?done=created`);
  }

  private async end(res: Response, viewer: Principal, partnerId: string, pauseId: string): Promise<void> {
    await this.pauses.end(partnerId, pauseId, viewer);
    res.redirect(HttpStatus.SEE_OTHER, `${pathOf(viewer, partnerId)}?done=ended`);
  }

  private async render(
    req: Request,
    res: Response,
    viewer: Principal,
    partnerId: string,
    status: HttpStatus,
    flash?: string,
    attempt?: PauseAttempt,
  ): Promise<void> {
    // Another manager's partner is a 404 here, before anything is read about it.
    const partner = await this.partners.get(partnerId, viewer);
    const pauses = await this.pauses.list(partnerId, viewer);
    const errors = Object.fromEntries((attempt?.fields ?? []).map((field) => [field.field, field.problems.join(' ')]));
    res.status(status).render('partner/pauses', {
      title: `Pauses of ${partner.name}`,
      partner: { id: partner.id, name: partner.name, timezone: partner.timezone },
      ownPartner: viewer.partnerId === partnerId,
      path: pathOf(viewer, partnerId),
      ...pausesView(pauses, partner.timezone),
      form: {
        values: attempt?.values ?? {},
        errors,
        message: attempt ? 'Please correct the marked fields.' : undefined,
      },
      flash,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

const pathOf = (viewer: Principal, partnerId: string): string => (viewer.partnerId ? '/pauses' : `/partners/${partnerId}/pauses`);
