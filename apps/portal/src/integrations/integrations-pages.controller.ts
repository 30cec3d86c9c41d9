import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { actorOf, ApiTokensService, Authorize, CreateApiTokenDto, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, fieldProblems, formatInstant, UuidParam, VALIDATION_OPTIONS } from '@leadgate/common';
import { CreateWebhookDto, DeliveriesQuery, WEBHOOK_EVENT_TYPES, WebhooksService } from '@leadgate/webhooks';
import { errorsByField } from '../pages/admin-forms';
import { formValues, FormValues } from '../pages/lead-forms';
import { PageErrorFilter } from '../pages/page-error.filter';
import { pagerView } from '../pages/view-address';

const DONE: Record<string, string> = {
  revoked: 'Token revoked: it no longer works.',
  removed: 'Endpoint removed: it receives no more events.',
  replayed: 'Failed deliveries queued again; they go out on the worker’s next run.',
};

/** What a partner's own token may do: work its leads, or (admin) manage its users and tokens too. */
const PARTNER_TOKEN_ROLES = [
  { role: 'partner_rep', label: 'partner_rep — reads and works your leads (a CRM sync)' },
  { role: 'partner_admin', label: 'partner_admin — also assigns owners, manages users, tokens and webhooks' },
];

const EVENT_MEANINGS: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'lead.offered': 'a lead is offered',
  'lead.accepted': 'a lead is accepted',
  'lead.declined': 'a lead is declined',
  'lead.recalled': 'an offer is taken back (not accepted in time)',
  'lead.reassigned': 'a channel manager moves a lead',
  'lead.owner_changed': 'a lead gets another owner',
  'lead.contacted': 'a call, email or meeting is logged',
  'lead.status_changed': 'a verdict: qualified, disqualified, recycled (back to marketing), opportunity, won, lost',
  'sla.breached': 'a deadline is missed',
  'partner.standing_changed': 'a partner’s standing moves',
  'deal.submitted': 'a deal registration is submitted',
  'deal.approved': 'a deal registration is approved (its protection starts)',
  'deal.rejected': 'a deal registration is rejected',
  'deal.expiring': 'a registration’s protection ends soon',
  'deal.expired': 'a registration’s protection ended',
  'deal.extended': 'a registration’s protection is extended',
};

interface PageState {
  flash?: string;
  createdToken?: { name: string; secret: string };
  createdWebhook?: { url: string; secret: string };
  tokenForm?: { values: FormValues; errors: Record<string, string>; message: string };
  webhookForm?: { values: FormValues; events: string[]; errors: Record<string, string>; message: string };
}

/**
 * Where a partner admin connects its CRM (its partner's API tokens and webhook endpoints) and an admin its
 * program-wide webhooks, with each endpoint's delivery log and replay of failed deliveries.
 */
@ApiExcludeController()
@Controller('integrations')
@Authorize('admin', 'partner_admin')
@UseFilters(PageErrorFilter)
export class IntegrationsPagesController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get()
  async overview(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.render(req, res, viewer, HttpStatus.OK, { flash: doneMessage(req.query.done) });
  }

  @Post('tokens')
  @Authorize('partner_admin')
  async createToken(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['name', 'role']);
    try {
      const dto = plainToInstance(CreateApiTokenDto, { name: values.name ?? '', role: values.role ?? '' });
      const problems = await validate(dto, VALIDATION_OPTIONS);
      if (problems.length > 0) throw DomainError.invalid(fieldProblems(problems));
      const { token, secret } = await this.tokens.create({ ...dto, createdBy: actorOf(viewer) }, viewer);
      // The secret is never stored in clear: this answer is the only place it appears, so keep it out of caches.
      res.setHeader('Cache-Control', 'no-store');
      await this.render(req, res, viewer, HttpStatus.CREATED, { createdToken: { name: token.name, secret } });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      await this.render(req, res, viewer, HttpStatus.BAD_REQUEST, { tokenForm: { values, errors: errorsByField(error.fields), message: 'Please correct the marked fields.' } });
    }
  }

  @Post('tokens/:id/revoke')
  @Authorize('partner_admin')
  async revokeToken(@Param('id', UuidParam('API token')) id: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.tokens.revoke(id, viewer);
    res.redirect(HttpStatus.SEE_OTHER, '/integrations?done=revoked');
  }

  @Post('webhooks')
  async registerWebhook(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['url']);
    const events = ([] as unknown[]).concat(((body ?? {}) as Record<string, unknown>).events ?? []).filter((e): e is string => typeof e === 'string');
    try {
      const dto = plainToInstance(CreateWebhookDto, { url: values.url ?? '', events });
      const problems = await validate(dto, VALIDATION_OPTIONS);
      if (problems.length > 0) throw DomainError.invalid(fieldProblems(problems));
      const created = await this.webhooks.register(dto, viewer);
      res.setHeader('Cache-Control', 'no-store');
      await this.render(req, res, viewer, HttpStatus.CREATED, { createdWebhook: { url: created.url, secret: created.secret } });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      const errors = errorsByField(error.fields);
      if (errors.events) errors.events = 'Tick at least one event.';
      await this.render(req, res, viewer, HttpStatus.BAD_REQUEST, { webhookForm: { values, events, errors, message: 'Please correct the marked fields.' } });
    }
  }

  @Post('webhooks/:id/remove')
  async removeWebhook(@Param('id', UuidParam('Webhook')) id: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.webhooks.remove(id, viewer);
    res.redirect(HttpStatus.SEE_OTHER, '/integrations?done=removed');
  }

  /** The endpoint's delivery log, latest event first, filtered by status; failed ones can be sent again. */
  @Get('webhooks/:id')
  async deliveries(
    @Param('id', UuidParam('Webhook')) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    // The page's own address also carries `done` (the flash after a replay): only the log's filters are read.
    const filters = Object.fromEntries(['status', 'page', 'pageSize'].filter((key) => req.query[key]).map((key) => [key, req.query[key]]));
    const query = plainToInstance(DeliveriesQuery, filters);
    const problems = await validate(query, VALIDATION_OPTIONS);
    if (problems.length > 0) throw DomainError.invalid(fieldProblems(problems));
    const endpoint = (await this.webhooks.list(viewer)).find((e) => e.id === id);
    if (!endpoint) throw DomainError.notFound('Webhook');
    const [log, failed] = await Promise.all([
      this.webhooks.deliveries(id, viewer, query),
      this.webhooks.deliveries(id, viewer, plainToInstance(DeliveriesQuery, { status: 'failed', pageSize: 1 })),
    ]);
    const zone = viewer.timeZone;
    const at = (date: Date | null) => (date ? formatInstant(new Date(date), zone, 'compact') : '');
    const href = (page: number) => `/integrations/webhooks/${id}?${new URLSearchParams({ ...(query.status && { status: query.status }), page: String(page) })}`;
    res.render('integrations/deliveries', {
      title: `Deliveries to ${endpoint.url}`,
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: doneMessage(req.query.done),
      endpoint: { ...endpoint, disabledText: at(endpoint.disabledAt) },
      failedCount: failed.total,
      statusChoices: ['', 'failed', 'pending', 'delivered'].map((value) => ({ value, label: value || 'all', selected: (query.status ?? '') === value })),
      deliveries: log.items.map((d) => ({
        ...d,
        occurredText: at(d.occurredAt),
        deliveredText: at(d.deliveredAt),
        nextText: at(d.nextAttemptAt),
        answer: d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError ?? '',
        failed: d.status === 'failed',
      })),
      total: log.total,
      ...pagerView({ page: query.page, pageSize: query.pageSize, total: log.total }, href),
    });
  }

  /** One failed delivery (deliveryId) or all of them, queued again; the endpoint is enabled again too. */
  @Post('webhooks/:id/replay')
  async replay(@Param('id', UuidParam('Webhook')) id: string, @Body() body: unknown, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const { deliveryId } = formValues(body, ['deliveryId']);
    if (deliveryId !== undefined && !/^\d{1,18}$/.test(deliveryId)) throw DomainError.notFound('Failed delivery');
    await this.webhooks.replay(id, viewer, { deliveryId });
    res.redirect(HttpStatus.SEE_OTHER, `/integrations/webhooks/${id}?done=replayed`);
  }

  private async render(req: Request, res: Response, viewer: Principal, status: HttpStatus, state: PageState): Promise<void> {
    const isPartner = viewer.role === 'partner_admin';
    const [endpoints, tokens] = await Promise.all([this.webhooks.list(viewer), isPartner ? this.tokens.list(viewer) : Promise.resolve([])]);
    const zone = viewer.timeZone;
    const at = (date: Date | null) => (date ? formatInstant(new Date(date), zone, 'compact') : null);
    const tokenValues = state.tokenForm?.values ?? {};
    const webhookValues = state.webhookForm?.values ?? {};
    const ticked = new Set(state.webhookForm?.events ?? []);
    res.status(status).render('integrations/overview', {
      title: 'Integrations',
      viewer,
      csrfToken: csrfTokenFor(req),
      isPartner,
      ...state,
      tokenValues,
      tokenErrors: state.tokenForm?.errors ?? {},
      webhookValues,
      webhookErrors: state.webhookForm?.errors ?? {},
      tokens: tokens.map((t) => ({ ...t, createdText: at(t.createdAt), lastUsed: at(t.lastUsedAt), revoked: at(t.revokedAt) })),
      roleChoices: PARTNER_TOKEN_ROLES.map((choice) => ({ ...choice, selected: tokenValues.role === choice.role })),
      endpoints: endpoints.map((e) => ({ ...e, eventsText: e.events.join(', '), scope: e.partnerId ? 'one partner' : 'every partner', disabled: at(e.disabledAt) })),
      eventChoices: WEBHOOK_EVENT_TYPES.map((type, i) => ({ type, meaning: EVENT_MEANINGS[type], checked: ticked.has(type), i })),
    });
  }

}

const doneMessage = (done: unknown): string | undefined => (typeof done === 'string' ? DONE[done] : undefined);
