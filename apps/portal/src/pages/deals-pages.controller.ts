import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, DomainErrorCode, fieldProblems, formatInstant, formatMoney, toMinorUnits, UuidParam, VALIDATION_OPTIONS } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { ApproveDealDto, CreateDealDto, daysLeft, Deal, DealsQuery, DealsService, describeMatch, ExtensionRequestDto, isProtected, RejectDealDto } from '@leadgate/deals';
import { errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

const FORM_FIELDS = ['company', 'contactName', 'email', 'phone', 'country', 'postalCode', 'productInterest', 'amount', 'currency', 'expectedCloseOn', 'notes'];

// The page says each field's problem in plain words; the API keeps the validator's wording.
const PLAIN: Record<string, string> = {
  company: 'Enter the buyer’s company name.',
  email: 'Enter the buyer contact’s email address, such as jane@example.com, or leave it empty and give a phone number or name.',
  country: 'Enter the buyer’s country as a two-letter code, such as DE.',
  currency: 'Enter the currency as a three-letter code such as EUR: an amount needs one.',
  amountMinor: 'Enter the amount as a number such as 42000 or 42000.50.',
  expectedCloseOn: 'Pick the expected close date.',
};

const DONE: Record<string, string> = {
  submitted: 'Deal registered. Your channel manager will review it; you will get an email with the decision.',
  approved: 'Registration approved: the buyer is now the partner’s lead and protected.',
  rejected: 'Registration rejected; the partner has been told why.',
  requested: 'Extension requested; your channel manager will decide.',
  extended: 'Protection extended.',
};

const STATUS_WORDS: Record<Deal['status'], string> = {
  submitted: 'Waiting for review',
  approved: 'Approved and protected',
  rejected: 'Rejected',
  expired: 'Protection ended',
};

/** Deal registration pages: partners register and follow their deals; channel managers review them side by side with their conflicts. */
@ApiExcludeController()
@Controller('deals')
@UseFilters(PageErrorFilter)
export class DealsPagesController {
  constructor(
    private readonly deals: DealsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const zone = viewer.timeZone;
    const query = Object.assign(new DealsQuery(), { pageSize: 100 });
    const [waiting, all] = await Promise.all([
      this.deals.page(viewer, Object.assign(new DealsQuery(), { status: 'submitted', pageSize: 100 })),
      this.deals.page(viewer, query),
    ]);
    res.render('deals/list', {
      title: viewer.partnerId ? 'Registered deals' : 'Deal registrations',
      forPartner: viewer.partnerId !== null,
      waiting: waiting.items.map((deal) => this.row(deal, zone)),
      decided: all.items.filter((deal) => deal.status !== 'submitted').map((deal) => this.row(deal, zone)),
      flash: typeof req.query.done === 'string' ? DONE[req.query.done] : undefined,
      zone,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }

  @Get('new')
  @Authorize('partner_admin', 'partner_rep')
  newDeal(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): void {
    this.renderForm(req, res, viewer, HttpStatus.OK, { currency: this.config.env.REPORTING_CURRENCY }, {});
  }

  @Post()
  @Authorize('partner_admin', 'partner_rep')
  async submit(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, FORM_FIELDS);
    try {
      const dto = await this.createDto(values);
      const deal = await this.deals.submit(viewer, dto);
      return res.redirect(HttpStatus.SEE_OTHER, `/deals/${deal.id}?done=submitted`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const conflict = error.code === DomainErrorCode.Conflict;
      const errors = errorsByField(error.fields.map((f) => ({ field: f.field === 'amountMinor' ? 'amount' : f.field, problems: [PLAIN[f.field] ?? f.problems[0]] })));
      this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, values, errors, conflict ? error.message : 'Please correct the marked fields.');
    }
  }

  @Get(':id')
  @Authorize('admin', 'channel_manager', 'partner_admin', 'partner_rep')
  async show(@Param('id', UuidParam('Deal registration')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.renderDeal(req, res, viewer, id, HttpStatus.OK, typeof req.query.done === 'string' ? DONE[req.query.done] : undefined);
  }

  @Post(':id/approve')
  @Authorize('admin', 'channel_manager')
  async approve(@Param('id', UuidParam('Deal registration')) id: string, @Body() body: { acknowledgeConflicts?: unknown }, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const dto = Object.assign(new ApproveDealDto(), { acknowledgeConflicts: body?.acknowledgeConflicts === 'yes' });
    await this.act(req, res, viewer, id, 'approved', () => this.deals.approve(viewer, id, dto));
  }

  @Post(':id/reject')
  @Authorize('admin', 'channel_manager')
  async reject(@Param('id', UuidParam('Deal registration')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['reasonCode', 'reasonText']);
    await this.act(req, res, viewer, id, 'rejected', async () => {
      if (!values.reasonCode) throw DomainError.invalid([{ field: 'reasonCode', problems: ['Choose a reason for rejecting.'] }]);
      return this.deals.reject(viewer, id, Object.assign(new RejectDealDto(), values));
    });
  }

  @Post(':id/extension-request')
  @Authorize('partner_admin', 'partner_rep')
  async requestExtension(@Param('id', UuidParam('Deal registration')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['note']);
    await this.act(req, res, viewer, id, 'requested', () => this.deals.requestExtension(viewer, id, Object.assign(new ExtensionRequestDto(), values)));
  }

  @Post(':id/extend')
  @Authorize('admin', 'channel_manager')
  async extend(@Param('id', UuidParam('Deal registration')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.act(req, res, viewer, id, 'extended', () => this.deals.extend(viewer, id));
  }

  /** Runs a decision; a refused one shows the registration again with the problem, never a bare error page. */
  private async act(req: Request, res: Response, viewer: Principal, id: string, done: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const problem = error.fields.length > 0 ? error.fields.map((f) => f.field === 'acknowledgeConflicts' ? 'Tick the box to confirm you compared the conflicts, then approve again.' : f.problems[0]).join(' ') : error.message;
      return this.renderDeal(req, res, viewer, id, error.code === DomainErrorCode.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, undefined, problem);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/deals/${id}?done=${done}`);
  }

  private async createDto(values: FormValues): Promise<CreateDealDto> {
    const { amount, ...rest } = values;
    const plain: Record<string, unknown> = { ...rest };
    const problems: { field: string; problems: string[] }[] = [];
    if (amount !== undefined) {
      const minor = values.currency && /^[A-Za-z]{3}$/.test(values.currency) ? toMinorUnits(amount, values.currency.toUpperCase()) : null;
      if (!values.currency) problems.push({ field: 'currency', problems: [PLAIN.currency] });
      else if (minor === null) problems.push({ field: 'amountMinor', problems: [PLAIN.amountMinor] });
      else plain.amountMinor = minor;
    } else {
      delete plain.currency;
    }
    const dto = plainToInstance(CreateDealDto, plain);
    const errors = await validate(dto, VALIDATION_OPTIONS);
    const all = [...fieldProblems(errors), ...problems.filter((p) => !fieldProblems(errors).some((e) => e.field === p.field))];
    if (all.length > 0) throw DomainError.invalid(all);
    return dto;
  }

  private renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, values: FormValues, errors: Record<string, string>, message?: string): void {
    res.status(status).render('deals/new', { title: 'Register a deal', values, errors, message, viewer, csrfToken: csrfTokenFor(req) });
  }

  private async renderDeal(req: Request, res: Response, viewer: Principal, id: string, status: HttpStatus, flash?: string, problem?: string): Promise<void> {
    const deal = await this.deals.find(viewer, id);
    const zone = viewer.timeZone;
    const now = this.clock.now();
    const forPartner = viewer.partnerId !== null;
    res.status(status).render('deals/deal', {
      title: `Deal registration: ${deal.company}`,
      deal: this.row(deal, zone),
      forPartner,
      canDecide: !forPartner && deal.status === 'submitted',
      canExtend: !forPartner && deal.status === 'approved',
      canRequestExtension: forPartner && deal.status === 'approved' && deal.extensionRequestedAt === null,
      protectedNow: isProtected(deal.protectedUntil, now),
      daysLeft: deal.protectedUntil ? daysLeft(deal.protectedUntil, now) : null,
      conflictNotice: forPartner && deal.conflicts.length > 0,
      conflicts: forPartner ? [] : deal.conflicts.map((c) => ({
        ...c,
        kindWords: c.kind === 'lead' ? 'Open lead' : c.kind === 'won_lead' ? 'Won lead' : 'Registration',
        why: c.reasons.map(describeMatch).join('; '),
        href: c.kind === 'registration' ? `/deals/${c.id}` : `/manage/leads/${c.id}`,
        at: formatInstant(new Date(c.at), zone),
      })),
      reasons: this.deals.rejectReasons.map((code) => ({ code, label: code.replace(/_/g, ' ') })),
      extensionDays: this.config.env.DEAL_EXTENSION_DAYS,
      flash,
      problem,
      zone,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }

  private row(deal: Deal, zone: string) {
    return {
      ...deal,
      statusWords: STATUS_WORDS[deal.status],
      submitted: formatInstant(deal.submittedAt, zone),
      decided: deal.decidedAt ? formatInstant(deal.decidedAt, zone) : null,
      until: deal.protectedUntil ? formatInstant(deal.protectedUntil, zone) : null,
      amount: deal.amountMinor !== null && deal.currency ? formatMoney(deal.amountMinor, deal.currency) : null,
      reason: deal.reasonCode ? deal.reasonCode.replace(/_/g, ' ') : null,
      // Name, email and phone as given: any of them may be missing (not all three).
      contact: [deal.contactName, deal.email, deal.phone].filter(Boolean).join(', '),
    };
  }

}
