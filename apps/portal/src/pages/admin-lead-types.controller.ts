import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { AuditService } from '@leadgate/audit';
import { auditActorOf, Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, DomainErrorCode, TIERS, UuidParam } from '@leadgate/common';
import { LeadTypeDto, LeadTypesService, ListLeadTypesQuery } from '@leadgate/catalog';
import { createLeadTypeDto, errorsByField, LEAD_TYPE_FIELDS, tiersOf, updateLeadTypeDto } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { auditLines } from './audit-view';
import { PageErrorFilter } from './page-error.filter';
import { slaFormValues, slaMinutes, slaPreview, slaSentences, UNITS } from './sla-form';

interface Attempt {
  values: FormValues;
  tiers: string[];
  errors: Record<string, string>;
  message: string;
}

/** Lead types for admins: the list, and one form for creating and editing with the API's own rules. */
@ApiExcludeController()
@Controller('admin/lead-types')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminLeadTypesController {
  constructor(
    private readonly leadTypes: LeadTypesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const page = await this.leadTypes.list(plainToInstance(ListLeadTypesQuery, { pageSize: 100 }));
    const leadTypes = page.items.map((type) => ({
      ...type,
      slaSentences: slaSentences({ slaAccept: type.slaAcceptMinutes, slaContact: type.slaContactMinutes, slaFeedback: type.slaFeedbackMinutes }, type.businessTime),
    }));
    res.render('admin/lead-types', { title: 'Lead types', leadTypes, total: page.total, viewer, csrfToken: csrfTokenFor(req), flash: req.query.done ? 'Saved.' : undefined });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = { businessTime: 'true', slaAcceptUnit: 'hours', slaContactUnit: 'hours', slaFeedbackUnit: 'hours', slaUpdateCadenceUnit: 'days' };
    return this.renderForm(req, res, viewer, HttpStatus.OK, null, { values, tiers: [...TIERS], errors: {}, message: '' });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, LEAD_TYPE_FIELDS);
    const tiers = tiersOf(body);
    if (isPreview(body)) return this.renderForm(req, res, viewer, HttpStatus.OK, null, { values, tiers, errors: {}, message: '' });
    try {
      await this.leadTypes.create(await createLeadTypeDto(values, tiers), auditActorOf(viewer));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, null, values, tiers);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/lead-types?done=saved');
  }

  @Get(':id')
  async editForm(@Param('id', UuidParam('Lead type')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const type = await this.leadTypes.get(id);
    await this.renderForm(req, res, viewer, HttpStatus.OK, type, { values: valuesOf(type), tiers: type.allowedTiers, errors: {}, message: '' });
  }

  @Post(':id')
  async update(@Param('id', UuidParam('Lead type')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const type = await this.leadTypes.get(id);
    const values = formValues(body, LEAD_TYPE_FIELDS);
    const tiers = tiersOf(body);
    if (isPreview(body)) return this.renderForm(req, res, viewer, HttpStatus.OK, type, { values: { ...values, key: type.key }, tiers, errors: {}, message: '' });
    try {
      await this.leadTypes.update(id, await updateLeadTypeDto(values, tiers), auditActorOf(viewer));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, type, { ...values, key: type.key }, tiers);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/lead-types?done=saved');
  }

  private renderFailure(error: unknown, req: Request, res: Response, viewer: Principal, type: LeadTypeDto | null, values: FormValues, tiers: string[]): Promise<void> {
    if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
    const conflict = error.code === DomainErrorCode.Conflict;
    const attempt = { values, tiers, errors: errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
    return this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, type, attempt);
  }

  private async renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, type: LeadTypeDto | null, attempt: Attempt): Promise<void> {
    const businessTime = attempt.values.businessTime !== 'false';
    // The SLA in words and a worked example, from the numbers on the form (saved or being tried).
    const { minutes } = slaMinutes(attempt.values);
    const history = type ? await this.audit.list({ entity: 'lead_type', entityId: type.id }, 0, 20) : null;
    res.status(status).render('admin/lead-type', {
      title: type ? `Edit ${type.name}` : 'New lead type',
      type,
      action: type ? `/admin/lead-types/${type.id}` : '/admin/lead-types',
      ...attempt,
      tierChoices: TIERS.map((tier) => ({ tier, checked: attempt.tiers.includes(tier) })),
      calendarTime: !businessTime,
      slaRows: [
        { field: 'slaAccept', label: 'Accept within' },
        { field: 'slaContact', label: 'First contact within' },
        { field: 'slaFeedback', label: 'Verdict (qualified or disqualified) within' },
        { field: 'slaUpdateCadence', label: 'Status update every (optional; calendar time)' },
      ].map((row) => ({
        ...row, id: `lt-${row.field}`, value: attempt.values[row.field], error: attempt.errors[row.field],
        units: UNITS.map((unit) => ({ unit, selected: (attempt.values[`${row.field}Unit`] ?? 'hours') === unit })),
      })),
      sentences: slaSentences(minutes, businessTime),
      preview: slaPreview(minutes, businessTime, this.clock.now()),
      history: history && auditLines(history.entries, viewer),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

/** "Show example" re-renders the form with the example for the numbers typed, saving nothing. */
const isPreview = (body: unknown): boolean => (body as Record<string, unknown> | undefined)?.intent === 'preview';

function valuesOf(type: LeadTypeDto): FormValues {
  return {
    key: type.key,
    name: type.name,
    definition: type.definition,
    ...slaFormValues(
      { slaAccept: type.slaAcceptMinutes, slaContact: type.slaContactMinutes, slaFeedback: type.slaFeedbackMinutes, slaUpdateCadence: type.slaUpdateCadenceMinutes },
      type.businessTime,
    ),
    businessTime: String(type.businessTime),
  };
}
