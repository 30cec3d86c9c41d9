import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '@leadgate/audit';
import { auditActorOf, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, DomainErrorCode, holidayCountries, holidayRegions, UuidParam } from '@leadgate/common';
import { CreateHolidayCalendarDto, HolidayCalendarDetailDto, HolidayCalendarsService, UpdateHolidayCalendarDto } from '@leadgate/partners';
import { checked, errorsByField } from './admin-forms';
import { auditLines } from './audit-view';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

const FIELDS = ['name', 'country', 'region', 'customDates'];

/** Holiday calendars for admins: public holidays of a country or region (generated every year) plus custom dates. */
@ApiExcludeController()
@Controller('admin/holiday-calendars')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminHolidayCalendarsController {
  constructor(
    private readonly calendars: HolidayCalendarsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const calendars = await this.calendars.all();
    const countries = new Map(holidayCountries().map((c) => [c.code, c.name]));
    res.render('admin/holiday-calendars', {
      title: 'Holiday calendars',
      calendars: calendars.map((c) => ({ ...c, countryName: c.country ? countries.get(c.country) ?? c.country : null, customCount: c.customDates.length })),
      flash: req.query.done ? 'Saved.' : undefined,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.renderForm(req, res, viewer, HttpStatus.OK, null, { values: {}, errors: {}, message: '' });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, FIELDS);
    let created: HolidayCalendarDetailDto;
    try {
      created = await this.calendars.create(await calendarDto(CreateHolidayCalendarDto, values), auditActorOf(viewer));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, null, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/admin/holiday-calendars/${created.id}?done=saved`);
  }

  @Get(':id')
  async editForm(
    @Param('id', UuidParam('Holiday calendar')) id: string,
    @Query('year') year: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
    @CurrentPrincipal() viewer: Principal,
  ): Promise<void> {
    const calendar = await this.calendars.get(id, yearOf(year));
    await this.renderForm(req, res, viewer, HttpStatus.OK, calendar, { values: valuesOf(calendar), errors: {}, message: '' });
  }

  @Post(':id')
  async update(@Param('id', UuidParam('Holiday calendar')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const calendar = await this.calendars.get(id);
    const values = formValues(body, FIELDS);
    try {
      // Blank country, region or dates on the form clear them.
      const plain = { country: null, region: null, customDates: [], ...values };
      await this.calendars.update(id, await calendarDto(UpdateHolidayCalendarDto, plain), auditActorOf(viewer));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, calendar, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/admin/holiday-calendars/${id}?done=saved`);
  }

  private renderFailure(error: unknown, req: Request, res: Response, viewer: Principal, calendar: HolidayCalendarDetailDto | null, values: FormValues): Promise<void> {
    if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
    const conflict = error.code === DomainErrorCode.Conflict;
    const attempt = { values, errors: conflict ? { name: error.message } : errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
    return this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, calendar, attempt);
  }

  private async renderForm(
    req: Request, res: Response, viewer: Principal, status: HttpStatus, calendar: HolidayCalendarDetailDto | null,
    attempt: { values: FormValues; errors: Record<string, string>; message: string },
  ): Promise<void> {
    const country = attempt.values.country?.toUpperCase();
    const history = calendar ? await this.audit.list({ entity: 'holiday_calendar', entityId: calendar.id }, 0, 20) : null;
    const year = calendar?.year ?? this.clock.now().getUTCFullYear();
    res.status(status).render('admin/holiday-calendar', {
      title: calendar ? `Edit ${calendar.name}` : 'New holiday calendar',
      calendar,
      action: calendar ? `/admin/holiday-calendars/${calendar.id}` : '/admin/holiday-calendars',
      ...attempt,
      countryChoices: holidayCountries().map((c) => ({ ...c, selected: c.code === country })),
      regionHint: country ? holidayRegions(country).map((r) => `${r.code} (${r.name})`).join(', ') : '',
      previousYear: year - 1,
      nextYear: year + 1,
      flash: req.query.done ? 'Saved. Partners using this calendar count its days off from their next offer; open offers keep their due times.' : undefined,
      history: history && auditLines(history.entries, viewer),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

function valuesOf(calendar: HolidayCalendarDetailDto): FormValues {
  return { name: calendar.name, country: calendar.country ?? '', region: calendar.region ?? '', customDates: calendar.customDates.join(', ') };
}

function yearOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/** The form's text as the API's DTO, checked by the DTO's own rules (dates typed comma- or line-separated). */
function calendarDto<T extends object>(type: new () => T, values: Record<string, unknown>): Promise<T> {
  const plain = { ...values };
  if (typeof plain.customDates === 'string') plain.customDates = plain.customDates.split(/[\s,]+/).filter((d) => d !== '');
  return checked(type, plain);
}
