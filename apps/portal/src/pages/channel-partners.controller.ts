import { Body, Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { ChannelPartnerRow, complianceConfigFrom, ComplianceService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { PausesService } from '@leadgate/partners';
import { ChannelPartnersQuery, overrideDto, sortOf } from './channel-forms';
import { managerScopeOf } from './channel-scope';
import { doneMessageOf, FormAttempt, partnerPageView, partnersTableView } from './channel-view';
import { formValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';
import { pausesView } from './pauses-view';
import { standingRuleText } from './standing-view';

/** The channel manager's partners: the table, each partner's compliance, and standing overrides. */
@ApiExcludeController()
@Controller('partners')
@Authorize('admin', 'channel_manager')
@UseFilters(PageErrorFilter)
export class ChannelPartnersController {
  /** The score column's rule, from configuration read once at start. */
  private readonly standingRule: string;

  constructor(
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
    private readonly pauses: PausesService,
    config: AppConfig,
  ) {
    this.standingRule = standingRuleText(complianceConfigFrom(config));
  }

  @Get()
  @Render('channel/partners')
  async list(@Req() req: Request, @Query() query: ChannelPartnersQuery, @CurrentPrincipal() viewer: Principal) {
    const { sort, descending } = sortOf(query);
    const rows = await this.compliance.channelPartnerTable(this.clock.now(), managerScopeOf(viewer), sort, descending);
    return { ...partnersTableView(rows, sort, descending, this.standingRule), viewer, csrfToken: csrfTokenFor(req) };
  }

  @Get(':id')
  async partner(@Param('id', UuidParam('Partner')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderPartner(req, res, id, viewer, HttpStatus.OK);
  }

  @Post(':id/overrides')
  async setOverride(
    @Param('id', UuidParam('Partner')) id: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    await this.managed(id, viewer);
    const values = formValues(body, ['standing', 'reason', 'endsAt']);
    try {
      await this.compliance.setOverride(id, await overrideDto(values), viewer);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      return this.renderPartner(req, res, id, viewer, HttpStatus.BAD_REQUEST, { values, fields: error.fields, message: 'Please correct the marked fields.' });
    }
    res.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?done=override`);
  }

  private async renderPartner(req: Request, res: Response, id: string, viewer: Principal, status: HttpStatus, attempt?: FormAttempt): Promise<void> {
    const row = await this.managed(id, viewer);
    const [card, pauses] = await Promise.all([this.compliance.complianceFor(id, viewer), this.pauses.list(id, viewer)]);
    res.status(status).render('channel/partner', {
      ...partnerPageView(card, row, viewer.timeZone, attempt),
      ...pausesView(pauses, viewer.timeZone),
      pausesPath: `/partners/${id}/pauses`,
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: attempt ? undefined : doneMessageOf(req.query.done),
    });
  }

  /** Another channel manager's partner is a 404, as if it did not exist. */
  private async managed(id: string, viewer: Principal): Promise<ChannelPartnerRow> {
    const [row] = await this.compliance.channelPartnerTable(this.clock.now(), managerScopeOf(viewer), 'name', false, id);
    if (!row) throw DomainError.notFound('Partner');
    return row;
  }
}
