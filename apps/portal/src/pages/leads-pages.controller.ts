import { Body, Controller, Get, HttpStatus, Param, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { LeadTypesService } from '@leadgate/catalog';
import { Clock, DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { FollowUpService } from '@leadgate/follow-up';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService } from '@leadgate/leads';
import { LeadStatus } from '@leadgate/lifecycle';
import { PartnersService } from '@leadgate/partners';
import { activityDto, declineDto, feedbackDto, formValues, LeadForm } from './lead-forms';
import { LeadNotFoundFilter } from './lead-not-found.filter';
import { doneMessage, FormOutcome, inboxView, leadView } from './lead-view';
import { SignInRedirectFilter } from './sign-in-redirect.filter';

/** The partner's inbox and lead pages; every action goes through FollowUpService, as the JSON API does. */
@ApiExcludeController()
@Controller('leads')
@Authorize('partner_admin', 'partner_rep')
@UseFilters(SignInRedirectFilter, LeadNotFoundFilter)
export class LeadsPagesController {
  constructor(
    private readonly leads: LeadsQueryService,
    private readonly followUp: FollowUpService,
    private readonly partners: PartnersService,
    private readonly leadTypes: LeadTypesService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('leads/inbox')
  async inbox(@Req() req: Request, @Query() query: LeadsQuery, @CurrentPrincipal() viewer: Principal) {
    const [page, zone] = await Promise.all([this.leads.list(query, leadReadScopeOf(viewer)), this.zoneOf(viewer)]);
    const view = inboxView(page, query.status, this.clock.now(), zone);
    // The pager links carry the status only; the overdue view keeps its filter from page to page.
    const keepOverdue = (href: string | null) => (href && query.overdue ? `${href}&overdue=true` : href);
    return {
      ...view,
      previous: keepOverdue(view.previous),
      next: keepOverdue(view.next),
      tabs: inboxTabs(query),
      overdue: query.overdue === true,
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: doneMessage(req.query.done),
    };
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
      const outcome: FormOutcome = { ...attempt, fields: error.fields, message: error.code === DomainErrorCode.Conflict ? error.message : 'Please correct the marked fields.' };
      return this.renderLead(req, res, id, viewer, status, outcome);
    }
    // A declined lead has gone to another partner, so its page is no longer this partner's to see.
    res.redirect(HttpStatus.SEE_OTHER, done === 'declined' ? `/leads?done=${done}` : `/leads/${id}?done=${done}`);
  }

  private async renderLead(req: Request, res: Response, id: string, viewer: Principal, status: HttpStatus, outcome?: FormOutcome): Promise<void> {
    const [lead, zone] = await Promise.all([this.leads.findOne(id, leadReadScopeOf(viewer)), this.zoneOf(viewer)]);
    const sla = await this.leadTypes.get(lead.leadType.id);
    const { DECLINE_REASONS, LOST_REASONS, DISQUALIFY_REASONS } = this.config.env;
    const view = leadView(lead, sla, { decline: DECLINE_REASONS, lost: LOST_REASONS, disqualified: DISQUALIFY_REASONS }, this.clock.now(), zone, outcome);
    res.status(status).render('leads/lead', { ...view, viewer, csrfToken: csrfTokenFor(req), flash: outcome ? undefined : doneMessage(req.query.done) });
  }

  private async zoneOf(viewer: Principal): Promise<string> {
    if (!viewer.partnerId) throw DomainError.notFound('Partner');
    return (await this.partners.get(viewer.partnerId, viewer)).timezone;
  }
}

/** The inbox's quick views; the one matching the current filters is marked for the reader and for screen readers. */
function inboxTabs(query: LeadsQuery) {
  return [
    { label: 'All', href: '/leads', current: !query.status && !query.overdue },
    { label: 'Offered', href: `/leads?status=${LeadStatus.Offered}`, current: query.status === LeadStatus.Offered && !query.overdue },
    { label: 'Accepted', href: `/leads?status=${LeadStatus.Accepted}`, current: query.status === LeadStatus.Accepted && !query.overdue },
    { label: 'Overdue', href: '/leads?overdue=true', current: query.overdue === true && !query.status },
  ];
}
