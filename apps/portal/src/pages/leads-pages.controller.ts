import { Body, Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { LeadTypesService, ListLeadTypesQuery } from '@leadgate/catalog';
import { Clock, DomainError, DomainErrorCode, PageQuery, UuidParam } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { FollowUpService, OwnersService } from '@leadgate/follow-up';
import { UsersService } from '@leadgate/users';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService } from '@leadgate/leads';
import { WorkStage } from '@leadgate/lifecycle';
import { activityDto, assignOwnerDto, declineDto, feedbackDto, formValues, LeadForm, nextStepDto, plainProblems } from './lead-forms';
import { InboxQuery } from './inbox-query.dto';
import { doneMessage, FormOutcome, historyView, inboxCsv, inboxQueryString, inboxView, leadView } from './lead-view';
import { PageErrorFilter } from './page-error.filter';
import { EXPORT_LIMIT } from './view-address';

/** The partner's inbox and lead pages; every action goes through FollowUpService, as the JSON API does. */
@ApiExcludeController()
@Controller('leads')
@Authorize('partner_admin', 'partner_rep')
@UseFilters(PageErrorFilter)
export class LeadsPagesController {
  constructor(
    private readonly leads: LeadsQueryService,
    private readonly followUp: FollowUpService,
    private readonly owners: OwnersService,
    private readonly users: UsersService,
    private readonly leadTypes: LeadTypesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Open leads, most urgent first, unless the address asks for another view. */
  @Get()
  @Render('leads/inbox')
  async inbox(@Req() req: Request, @Query() query: InboxQuery, @CurrentPrincipal() viewer: Principal) {
    return { ...(await this.inboxData(query, viewer)), viewer, csrfToken: csrfTokenFor(req), flash: doneMessage(query.done) };
  }

  /** A partner admin gives the ticked leads to a user of the team (or to nobody); back to the same view. */
  @Post('owner')
  @Authorize('partner_admin')
  async assignOwner(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const leadIds = ([] as unknown[]).concat(fields.leadIds ?? []).filter((id): id is string => typeof id === 'string');
    const userId = typeof fields.userId === 'string' && fields.userId !== '' ? fields.userId : null;
    // Back to the inbox view the form was on, or (from a lead's page) to that lead.
    const back = typeof fields.back === 'string' && fields.back.startsWith('?') ? fields.back : '';
    const toLead = fields.back === 'lead' && leadIds.length === 1 ? leadIds[0] : null;
    try {
      await this.owners.assign(viewer, await assignOwnerDto(leadIds, userId));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      const query = Object.assign(new InboxQuery(), Object.fromEntries(new URLSearchParams(back)));
      const data = await this.inboxData(query, viewer);
      res.status(HttpStatus.BAD_REQUEST).render('leads/inbox', { ...data, viewer, csrfToken: csrfTokenFor(req), assignError: 'Tick at least one lead, then choose who owns it.' });
      return;
    }
    if (toLead) return res.redirect(HttpStatus.SEE_OTHER, `/leads/${encodeURIComponent(toLead)}?done=assigned`);
    const params = new URLSearchParams(back);
    params.set('done', 'assigned');
    res.redirect(HttpStatus.SEE_OTHER, `/leads?${params}`);
  }

  private async inboxData(query: InboxQuery, viewer: Principal) {
    const scope = leadReadScopeOf(viewer);
    const shown = inboxDefaults(query);
    const [page, counts, types, team] = await Promise.all([
      this.leads.list(shown, scope, viewer.id),
      this.leads.stageCounts(scope),
      this.leadTypes.list(Object.assign(new ListLeadTypesQuery(), { pageSize: 100 })),
      this.users.listPartnerUsers(viewer.partnerId!),
    ]);
    const owners = { users: team.filter((user) => user.active).map((user) => ({ id: user.id, name: user.displayName })), canAssign: viewer.role === 'partner_admin' };
    return { ...inboxView(page, shown, counts, types.items, this.clock.now(), viewer.timeZone, owners), back: inboxQueryString(shown) };
  }

  /** The inbox's current view (same filters and order, every page up to EXPORT_LIMIT rows) as a CSV file. */
  @Get('export.csv')
  async exportCsv(@Query() query: InboxQuery, @CurrentPrincipal() viewer: Principal, @Res() res: Response): Promise<void> {
    const shown = Object.assign(inboxDefaults(query), { page: 1, pageSize: EXPORT_LIMIT });
    const page = await this.leads.list(shown, leadReadScopeOf(viewer), viewer.id);
    const now = this.clock.now();
    res
      .type('text/csv; charset=utf-8')
      .attachment(`leads-${shown.stage ?? 'all'}-${now.toISOString().slice(0, 10)}.csv`)
      .send(inboxCsv(page.items, now, viewer.timeZone));
  }

  @Get('history')
  @Render('leads/history')
  async history(@Req() req: Request, @Query() query: PageQuery, @CurrentPrincipal() viewer: Principal) {
    if (!viewer.partnerId) throw DomainError.notFound('Partner');
    const page = await this.leads.leftLeads(viewer.partnerId, query);
    return { ...historyView(page, this.clock.now(), viewer.timeZone), viewer, csrfToken: csrfTokenFor(req) };
  }

  @Get(':id')
  async lead(@Param('id', UuidParam('Lead')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderLead(req, res, id, viewer, HttpStatus.OK);
  }

  @Post(':id/accept')
  accept(@Param('id', UuidParam('Lead')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.submit(req, res, id, viewer, { form: 'accept', values: {} }, () => this.followUp.accept(id, viewer), 'accepted');
  }

  @Post(':id/decline')
  decline(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['reasonCode', 'reasonText']);
    return this.submit(req, res, id, viewer, { form: 'decline', values }, async () => this.followUp.decline(id, viewer, await declineDto(values)), 'declined');
  }

  @Post(':id/activities')
  logActivity(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['type', 'notes']);
    return this.submit(req, res, id, viewer, { form: 'activity', values }, async () => this.followUp.logActivity(id, viewer, await activityDto(values)), 'activity');
  }

  @Post(':id/feedback')
  feedback(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['verdict', 'amount', 'currency', 'reasonCode', 'reasonText']);
    return this.submit(req, res, id, viewer, { form: 'feedback', values }, async () => this.followUp.feedback(id, viewer, await feedbackDto(values)), 'feedback');
  }

  @Post(':id/next-step')
  nextStep(@Param('id', UuidParam('Lead')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['on', 'note']);
    return this.submit(req, res, id, viewer, { form: 'next-step', values }, async () => this.followUp.setNextStep(id, viewer, await nextStepDto(values)), 'next-step');
  }

  /** Post/redirect/get on success; on a 400 or 409 the page again, with the problems next to the form that caused them. */
  private async submit(
    req: Request,
    res: Response,
    id: string,
    viewer: Principal,
    attempt: { form: LeadForm; values: Record<string, string> },
    action: () => Promise<unknown>,
    done: string,
  ): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const status = error.code === DomainErrorCode.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
      const outcome: FormOutcome = { ...attempt, fields: plainProblems(attempt.form, error.fields), message: error.code === DomainErrorCode.Conflict ? error.message : 'Please correct the marked fields.' };
      return this.renderLead(req, res, id, viewer, status, outcome);
    }
    // A declined lead has gone to another partner, so its page is no longer this partner's to see.
    res.redirect(HttpStatus.SEE_OTHER, done === 'declined' ? `/leads?done=${done}` : `/leads/${id}?done=${done}`);
  }

  private async renderLead(req: Request, res: Response, id: string, viewer: Principal, status: HttpStatus, outcome?: FormOutcome): Promise<void> {
    const [lead, team] = await Promise.all([
      this.leads.findOne(id, leadReadScopeOf(viewer)),
      viewer.role === 'partner_admin' ? this.users.listPartnerUsers(viewer.partnerId!) : [],
    ]);
    const assignees = team.length === 0 ? null : [
      ...team.filter((user) => user.active).map((user) => ({ value: user.id, label: user.displayName, selected: user.id === lead.owner?.id })),
      { value: '', label: 'Nobody (remove the owner)', selected: lead.owner === null },
    ];
    const sla = await this.leadTypes.get(lead.leadType.id);
    const { DECLINE_REASONS, LOST_REASONS, DISQUALIFY_REASONS, RECYCLE_REASONS, REPORTING_CURRENCY } = this.config.env;
    const reasons = { decline: DECLINE_REASONS, lost: LOST_REASONS, disqualified: DISQUALIFY_REASONS, recycled: RECYCLE_REASONS };
    const view = leadView(lead, sla, reasons, lead.currency ?? REPORTING_CURRENCY, this.clock.now(), viewer.timeZone, outcome);
    res.status(status).render('leads/lead', { ...view, assignees, viewer, csrfToken: csrfTokenFor(req), flash: outcome ? undefined : doneMessage(req.query.done) });
  }
}

/** The inbox's view of the query: the open stage unless a stage or status is asked for, the most urgent first. */
function inboxDefaults(query: InboxQuery): LeadsQuery {
  return Object.assign(new LeadsQuery(), query, { stage: query.stage ?? (query.status ? undefined : WorkStage.Open), sort: query.sort ?? 'urgent' });
}
