import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { actorOf, Authorize, csrfTokenFor, CurrentPrincipal, describePrincipal, partnerScopeOf, Principal } from '@leadgate/auth';
import { AllocationHistoryService, AllocationService, PendingAllocationService } from '@leadgate/allocation';
import { Clock, DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService } from '@leadgate/leads';
import { LeadStatus } from '@leadgate/lifecycle';
import { ListPartnersQuery, PartnersService } from '@leadgate/partners';
import { bulkAssignmentInput, moveInput, QueueQuery } from './channel-forms';
import { backLinkOf, leadPageView, MoveAttempt, PartnerFacts, queueTableView } from './channel-lead-view';
import { doneMessageOf } from './channel-view';
import { PageErrorFilter } from './page-error.filter';

/** Vendor staff see instants in UTC until users carry their own time zone. */

/** A refusal the form shows next to what was typed; anything else (a 404 above all) goes to the error page. */
const isFormError = (error: unknown): error is DomainError =>
  error instanceof DomainError && (error.code === DomainErrorCode.InvalidInput || error.code === DomainErrorCode.Conflict);

/** The unallocated queue with bulk assignment, and the vendor's page of one lead with moving it elsewhere. */
@ApiExcludeController()
@Controller()
@Authorize('admin', 'channel_manager')
@UseFilters(PageErrorFilter)
export class ChannelLeadsController {
  constructor(
    private readonly partners: PartnersService,
    private readonly leads: LeadsQueryService,
    private readonly allocation: AllocationService,
    private readonly history: AllocationHistoryService,
    private readonly pending: PendingAllocationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('queue')
  async queue(@Query() query: QueueQuery, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderQueue(req, res, viewer, query.page, HttpStatus.OK);
  }

  /** Assigns the ticked leads to one partner, each in its own transaction; refusals are said per reason. */
  @Post('queue/assign')
  async assign(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const page = Number((body as { page?: string })?.page) || 1;
    let input;
    try {
      input = bulkAssignmentInput(body);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return this.renderQueue(req, res, viewer, page, HttpStatus.BAD_REQUEST, { ...attemptOf(error, body), leadIds: leadIdsOf(body) });
    }
    const refusals = new Map<string, number>();
    let assigned = 0;
    let notFound = 0;
    for (const leadId of input.leadIds) {
      try {
        await this.allocation.assignManually(leadId, input.partnerId, input.reason, actorOf(viewer), partnerScopeOf(viewer), { by: describePrincipal(viewer), onlyWaiting: true });
        assigned++;
      } catch (error) {
        if (error instanceof DomainError && error.code === DomainErrorCode.NotFound) notFound++;
        else if (isFormError(error)) {
          const why = error.fields?.[0]?.problems[0] ?? error.message;
          refusals.set(why, (refusals.get(why) ?? 0) + 1);
        } else throw error;
      }
    }
    // Another manager's lead is not there for this viewer, as everywhere.
    if (notFound > 0 && assigned === 0 && refusals.size === 0) throw DomainError.notFound('Lead');
    if (refusals.size === 0 && notFound === 0) {
      return res.redirect(HttpStatus.SEE_OTHER, `/queue?done=${assigned === 1 ? 'assigned' : 'assigned-many'}`);
    }
    const said = [...refusals].map(([why, count]) => `${count === 1 ? 'One lead' : `${count} leads`}: ${why}`);
    const message = `${assigned} of ${input.leadIds.length} lead(s) assigned. Not assigned — ${[...said, ...(notFound ? [`${notFound} no longer waiting`] : [])].join(' ')}`;
    await this.renderQueue(req, res, viewer, page, HttpStatus.CONFLICT, { values: { partnerId: input.partnerId, reason: input.reason }, fields: [], message, leadIds: input.leadIds });
  }

  @Get('manage/leads/:id')
  async lead(@Param('id', UuidParam('Lead')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderLead(id, req, res, viewer, HttpStatus.OK);
  }

  /** Moves the lead: to the chosen partner (taken back from its holder first), or back to allocation. */
  @Post('manage/leads/:id/move')
  async move(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const back = typeof (body as { back?: unknown })?.back === 'string' ? (body as { back: string }).back : undefined;
    try {
      const input = moveInput(body, viewer.role === 'admin');
      const move = { reason: input.reason, actor: actorOf(viewer), by: describePrincipal(viewer), scope: partnerScopeOf(viewer), force: input.force };
      const onlyWaiting = (body as { waiting?: unknown })?.waiting === 'yes';
      if (input.partnerId) await this.allocation.assignManually(id, input.partnerId, input.reason, move.actor, move.scope, { by: move.by, force: input.force, onlyWaiting });
      else await this.allocation.reassign(id, { toAllocation: true }, move);
    } catch (error) {
      if (!isFormError(error)) throw error;
      const status = error.code === DomainErrorCode.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
      return this.renderLead(id, req, res, viewer, status, attemptOf(error, body), back);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/manage/leads/${id}?done=moved${back ? `&back=${encodeURIComponent(back)}` : ''}`);
  }

  private async renderLead(id: string, req: Request, res: Response, viewer: Principal, status: HttpStatus, attempt?: MoveAttempt, back = req.query.back): Promise<void> {
    // Another manager's partner's lead is a 404, as on the API.
    const [lead, decisions] = await Promise.all([this.leads.findOne(id, leadReadScopeOf(viewer)), this.history.decisionsFor(id, partnerScopeOf(viewer))]);
    const [partners, { declines }] = await Promise.all([this.choosable(viewer), this.history.lastDecisions([id])]);
    const ids = [...lead.assignments.map((a) => a.partnerId), ...decisions.flatMap((d) => (d.winnerPartnerId ? [d.winnerPartnerId] : [])), ...(lead.currentPartnerId ? [lead.currentPartnerId] : [])];
    const names = await this.partners.namesByIds([...new Set(ids)]);
    res.status(status).render('channel/lead', {
      ...leadPageView({
        lead, decisions, names, partners, declines: declines.get(id) ?? new Map(), back: backLinkOf(back, lead.status as LeadStatus),
        mayForce: viewer.role === 'admin', now: this.clock.now(), zone: viewer.timeZone, attempt,
      }),
      flash: attempt ? undefined : doneMessageOf(req.query.done),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }

  private async renderQueue(req: Request, res: Response, viewer: Principal, pageNumber: number, status: HttpStatus, attempt?: MoveAttempt & { leadIds: string[] }): Promise<void> {
    const query = plainToInstance(LeadsQuery, { status: LeadStatus.Unallocated, page: pageNumber, pageSize: 50 });
    const [page, partners] = await Promise.all([this.leads.list(query, leadReadScopeOf(viewer)), this.choosable(viewer)]);
    const ids = page.items.map((lead) => lead.id);
    const [waitingSince, { latest, declines }] = await Promise.all([this.pending.waitingSince(ids), this.history.lastDecisions(ids)]);
    res.status(status).render('channel/queue', {
      ...queueTableView({
        page, waitingSince, latest, declines, partners, attentionHours: this.config.env.UNALLOCATED_ATTENTION_HOURS, now: this.clock.now(), zone: viewer.timeZone, attempt,
      }),
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: attempt ? undefined : doneMessageOf(req.query.done),
    });
  }

  /** The partners the viewer may give a lead to: a channel manager's own, an admin's all. */
  private async choosable(viewer: Principal): Promise<PartnerFacts[]> {
    const page = await this.partners.list(Object.assign(new ListPartnersQuery(), { pageSize: 200 }), viewer);
    return page.items;
  }
}

const leadIdsOf = (body: unknown): string[] => {
  const raw = (body as { leadIds?: unknown })?.leadIds;
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
};

function attemptOf(error: DomainError, body: unknown): MoveAttempt {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(['partnerId', 'reason', 'force'].flatMap((k) => (typeof raw[k] === 'string' ? [[k, raw[k] as string]] : [])));
  const conflict = error.code === DomainErrorCode.Conflict;
  return { values, fields: error.fields ?? [], message: conflict ? error.message : 'Please correct the marked fields.' };
}
