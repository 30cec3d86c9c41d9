import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { actorOf, Authorize, csrfTokenFor, CurrentPrincipal, partnerScopeOf, Principal } from '@leadgate/auth';
import { AllocationHistoryService, AllocationService, PendingAllocationService } from '@leadgate/allocation';
import { Clock, DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { ComplianceService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService } from '@leadgate/leads';
import { LeadStatus } from '@leadgate/lifecycle';
import { PartnersService } from '@leadgate/partners';
import { assignmentInput } from './channel-forms';
import { managerScopeOf } from './channel-scope';
import { doneMessageOf, explanationView, FormAttempt, queueView } from './channel-view';
import { formValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

const QUEUE_SHOWN = 200;

/** The unallocated-leads queue with manual assignment, and any lead with the story of how it was allocated. */
@ApiExcludeController()
@Controller()
@Authorize('admin', 'channel_manager')
@UseFilters(PageErrorFilter)
export class ChannelLeadsController {
  constructor(
    private readonly partners: PartnersService,
    private readonly compliance: ComplianceService,
    private readonly leads: LeadsQueryService,
    private readonly allocation: AllocationService,
    private readonly history: AllocationHistoryService,
    private readonly pending: PendingAllocationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('queue')
  async queue(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderQueue(req, res, viewer, HttpStatus.OK);
  }

  @Post('queue/:id/assign')
  async assign(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['partnerId', 'reason']);
    try {
      const input = assignmentInput(values);
      // A channel manager assigns only to the partners it manages, the ones its form offers.
      if (!(await this.assignable(viewer)).some((p) => p.id === input.partnerId)) {
        throw DomainError.invalid([{ field: 'partnerId', problems: ['Choose one of the partners listed'] }]);
      }
      await this.allocation.assignManually(id, input.partnerId, input.reason, actorOf(viewer), partnerScopeOf(viewer));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const conflict = error.code === DomainErrorCode.Conflict;
      const attempt = { leadId: id, values, fields: error.fields, message: conflict ? error.message : 'Please correct the marked fields.' };
      return this.renderQueue(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, attempt);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/queue?done=assigned');
  }

  @Get('manage/leads/:id')
  async lead(@Param('id', UuidParam('Lead')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    // Another manager's partner's lead is a 404, as on the API.
    const [lead, decisions] = await Promise.all([this.leads.findOne(id, leadReadScopeOf(viewer)), this.history.decisionsFor(id, partnerScopeOf(viewer))]);
    const winners = [...new Set(decisions.map((d) => d.winnerPartnerId).filter((w): w is string => w !== null))];
    const names = await this.partners.namesByIds(winners);
    res.render('channel/lead', {
      title: lead.company,
      lead,
      decisions: explanationView(decisions, names, viewer.timeZone),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }

  private async renderQueue(req: Request, res: Response, viewer: Principal, status: HttpStatus, failed?: { leadId: string } & FormAttempt): Promise<void> {
    const query = plainToInstance(LeadsQuery, { status: LeadStatus.Unallocated, pageSize: QUEUE_SHOWN });
    const [page, partners] = await Promise.all([this.leads.list(query, leadReadScopeOf(viewer)), this.assignable(viewer)]);
    const waiting = { since: await this.pending.waitingSince(page.items.map((lead) => lead.id)), hours: this.config.env.UNALLOCATED_ATTENTION_HOURS, now: this.clock.now() };
    res.status(status).render('channel/queue', {
      ...queueView(page.items, partners, viewer.timeZone, failed, waiting),
      total: page.total,
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: failed ? undefined : doneMessageOf(req.query.done),
    });
  }

  private assignable(viewer: Principal) {
    return this.compliance.channelPartnerTable(this.clock.now(), managerScopeOf(viewer), 'name', false);
  }
}
