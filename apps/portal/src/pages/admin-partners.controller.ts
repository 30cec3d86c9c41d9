import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, TIERS, UuidParam } from '@leadgate/common';
import { AuditService } from '@leadgate/audit';
import { HolidayCalendarsService, ListPartnersQuery, PartnerDto, PartnersService, UpdatePartnerDto } from '@leadgate/partners';
import { UsersService } from '@leadgate/users';
import { createPartnerDto, errorsByField, PARTNER_FIELDS, partnerValues, updatePartnerDto, WEEKDAYS } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { auditLines } from './audit-view';
import { PageErrorFilter } from './page-error.filter';

interface Attempt {
  values: FormValues;
  errors: Record<string, string>;
  message: string;
}

const NEW_PARTNER_VALUES: FormValues = {
  tier: 'registered', capacity: '10', weight: '1', timezone: 'Europe/Berlin', active: 'true',
  ...Object.fromEntries([1, 2, 3, 4, 5].flatMap((day) => [[`start${day}`, '09:00'], [`end${day}`, '17:00']])),
  closed6: 'true', closed7: 'true',
};

/** Every IANA time zone this runtime knows, for the time zone picker. */
const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** Partners for admins: the list, and one form for creating and editing with the API's own rules. */
@ApiExcludeController()
@Controller('admin/partners')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminPartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly users: UsersService,
    private readonly calendars: HolidayCalendarsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const page = await this.partners.list(plainToInstance(ListPartnersQuery, { pageSize: 200 }), viewer);
    const flash = req.query.done === 'invited' ? 'Saved. Its first admin is invited: the email with a link to set a password is on its way.' : req.query.done ? 'Saved.' : undefined;
    res.render('admin/partners', { title: 'Partners', partners: page.items, total: page.total, viewer, csrfToken: csrfTokenFor(req), flash });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.renderForm(req, res, viewer, HttpStatus.OK, null, { values: NEW_PARTNER_VALUES, errors: {}, message: '' });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, PARTNER_FIELDS);
    try {
      await this.partners.create(await createPartnerDto(values), viewer);
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, null, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/admin/partners?done=${values.firstAdminEmail ? 'invited' : 'saved'}`);
  }

  @Get(':id')
  async editForm(@Param('id', UuidParam('Partner')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const partner = await this.partners.get(id, viewer);
    await this.renderForm(req, res, viewer, HttpStatus.OK, partner, { values: partnerValues(partner), errors: {}, message: '' });
  }

  @Post(':id')
  async update(@Param('id', UuidParam('Partner')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const partner = await this.partners.get(id, viewer);
    const values = formValues(body, PARTNER_FIELDS);
    try {
      await this.partners.update(id, await updatePartnerDto(values), viewer);
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, partner, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/partners?done=saved');
  }

  /** Deactivate or reactivate in one click (the form's "Active" box does the same with the other fields). */
  @Post(':id/active')
  async setActive(@Param('id', UuidParam('Partner')) id: string, @Body() body: unknown, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.partners.get(id, viewer);
    const active = (body as Record<string, unknown> | undefined)?.active === 'true';
    await this.partners.update(id, Object.assign(new UpdatePartnerDto(), { active }), viewer);
    res.redirect(HttpStatus.SEE_OTHER, `/admin/partners/${id}?done=${active ? 'reactivated' : 'deactivated'}`);
  }

  private renderFailure(error: unknown, req: Request, res: Response, viewer: Principal, partner: PartnerDto | null, values: FormValues): Promise<void> {
    if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
    const conflict = error.code === DomainErrorCode.Conflict;
    const attempt = { values, errors: errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
    return this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, partner, attempt);
  }

  private async renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, partner: PartnerDto | null, attempt: Attempt): Promise<void> {
    const { values, errors } = attempt;
    const users = await this.users.listAll();
    const managers = users.filter((user) => user.role === 'channel_manager' && user.active);
    const calendars = await this.calendars.all();
    // The history names the calendar and the channel manager a change chose, not their ids.
    const names = new Map([...calendars.map((c): [string, string] => [c.id, c.name]), ...users.map((u): [string, string] => [u.id, u.displayName])]);
    const history = partner ? await this.audit.list({ entity: 'partner', entityId: partner.id }, 0, 20) : null;
    const done = String(req.query.done ?? '');
    res.status(status).render('admin/partner', {
      title: partner ? `Edit ${partner.name}` : 'New partner',
      action: partner ? `/admin/partners/${partner.id}` : '/admin/partners',
      ...attempt,
      tierChoices: TIERS.map((tier) => ({ tier, selected: values.tier === tier })),
      managerChoices: managers.map((m) => ({ id: m.id, name: `${m.displayName} (${m.email})`, selected: values.channelManagerId === m.id })),
      calendarChoices: calendars.map((c) => ({ id: c.id, name: c.name, selected: values.holidayCalendarId === c.id })),
      partner,
      flash: done === 'deactivated' ? 'Deactivated: it receives no leads, its API tokens are revoked and its users signed out.'
        : done === 'reactivated' ? 'Reactivated: it receives leads again and its users can sign in.' : undefined,
      history: history && auditLines(history.entries, viewer, names),
      zoneChoices: TIME_ZONES.map((zone) => ({ zone, selected: values.timezone === zone })),
      weekdays: WEEKDAYS.map((name, i) => {
        const day = i + 1;
        return {
          name, day, start: values[`start${day}`], end: values[`end${day}`], closed: values[`closed${day}`] === 'true',
          error: errors[`start${day}`] ?? errors[`end${day}`],
        };
      }),
      hoursError: errors.businessHours,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
