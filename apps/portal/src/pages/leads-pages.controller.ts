import { Body, Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { LeadTypesService, ListLeadTypesQuery } from '@leadgate/catalog';
import { Clock, DomainError, DomainErrorCode, PageQuery, UuidParam } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { FollowUpService } from '@leadgate/follow-up';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService } from '@leadgate/leads';
import { WorkStage } from '@leadgate/lifecycle';
import { PartnersService } from '@leadgate/partners';
import { activityDto, declineDto, feedbackDto, formValues, LeadForm, plainProblems } from './lead-forms';
import { InboxQuery } from './inbox-query.dto';
import { doneMessage, FormOutcome, historyView, inboxCsv, inboxView, leadView } from './lead-view';
import { PageErrorFilter } from './page-error.filter';

/** The partner's inbox and lead pages; every action goes through FollowUpService, as the JSON API does. */
@ApiExcludeController()
@Controller('leads')
@Authorize('partner_admin', 'partner_rep')
@UseFilters(PageErrorFilter)
export class LeadsPagesController {
  constructor(
    private readonly leads: LeadsQueryService,
    private readonly followUp: FollowUpService,
    private readonly partners: PartnersService,
    private readonly leadTypes: LeadTypesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Open leads, most urgent first, unless the address asks for another view. */
  @Get()
  @Render('leads/inbox')
  async inbox(@Req() req: Request, @Query() query: InboxQuery, @CurrentPrincipal() viewer: Principal) {
    const scope = leadReadScopeOf(viewer);
    const shown = inboxDefaults(query);
    const [page, counts, types, zone] = await Promise.all([
      this.leads.list(shown, scope),
      this.leads.stageCounts(scope),
      this.leadTypes.list(Object.assign(new ListLeadTypesQuery(), { pageSize: 100 })),
      this.zoneOf(viewer),
    ]);
    return { ...inboxView(page, shown, counts, types.items, this.clock.now(), zone), viewer, csrfToken: csrfTokenFor(req), flash: doneMessage(query.done) };
  }

  /** The inbox's current view (same filters and order, every page up to EXPORT_LIMIT rows) as a CSV file. */
  @Get('export.csv')
  async exportCsv(@Query() query: InboxQuery, @CurrentPrincipal() viewer: Principal, @Res() res: Response): Promise<void> {
    const shown = Object.assign(inboxDefaults(query), { page: 1, pageSize: EXPORT_LIMIT });
    const [page, zone] = await Promise.all([this.leads.list(shown, leadReadScopeOf(viewer)), this.zoneOf(viewer)]);
    const now = this.clock.now();
    res
      .type('text/csv; charset=utf-8')
      .attachment(`leads-${shown.stage ?? 'all'}-${now.toISOString().slice(0, 10)}.csv`)
      .send(inboxCsv(page.items, now, zone));
  }

  @Get('history')
  @Render('leads/history')
  async history(@Req() req: Request, @Query() query: PageQuery, @CurrentPrincipal() viewer: Principal) {
    if (!viewer.partnerId) throw DomainError.notFound('Partner');
    const [page, zone] = await Promise.all([this.leads.leftLeads(viewer.partnerId, query), this.zoneOf(viewer)]);
    return { ...historyView(page, this.clock.now(), zone), viewer, csrfToken: csrfTokenFor(req) };
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
    const [lead, zone] = await Promise.all([this.leads.findOne(id, leadReadScopeOf(viewer)), this.zoneOf(viewer)]);
    const sla = await this.leadTypes.get(lead.leadType.id);
    const { DECLINE_REASONS, LOST_REASONS, DISQUALIFY_REASONS, REPORTING_CURRENCY } = this.config.env;
    const reasons = { decline: DECLINE_REASONS, lost: LOST_REASONS, disqualified: DISQUALIFY_REASONS };
    const view = leadView(lead, sla, reasons, lead.currency ?? REPORTING_CURRENCY, this.clock.now(), zone, outcome);
    res.status(status).render('leads/lead', { ...view, viewer, csrfToken: csrfTokenFor(req), flash: outcome ? undefined : doneMessage(req.query.done) });
  }

  private async zoneOf(viewer: Principal): Promise<string> {
    if (!viewer.partnerId) throw DomainError.notFound('Partner');
    return (await this.partners.get(viewer.partnerId, viewer)).timezone;
  }
}

/** The most rows one CSV download holds; a bigger view is narrowed with the filters first. */
const EXPORT_LIMIT = 10_000;

/** The inbox's view of the query: the open stage unless a stage or status is asked for, the most urgent first. */
function inboxDefaults(query: InboxQuery): LeadsQuery {
  return Object.assign(new LeadsQuery(), query, { stage: query.stage ?? (query.status ? undefined : WorkStage.Open), sort: query.sort ?? 'urgent' });
}
