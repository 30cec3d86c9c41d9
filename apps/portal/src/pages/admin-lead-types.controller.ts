import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, TIERS, UuidParam } from '@leadgate/common';
import { LeadTypeDto, LeadTypesService, ListLeadTypesQuery } from '@leadgate/catalog';
import { createLeadTypeDto, errorsByField, LEAD_TYPE_FIELDS, tiersOf, updateLeadTypeDto } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

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
  constructor(private readonly leadTypes: LeadTypesService) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const page = await this.leadTypes.list(plainToInstance(ListLeadTypesQuery, { pageSize: 100 }));
    res.render('admin/lead-types', { title: 'Lead types', leadTypes: page.items, total: page.total, viewer, csrfToken: csrfTokenFor(req), flash: req.query.done ? 'Saved.' : undefined });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): void {
    this.renderForm(req, res, viewer, HttpStatus.OK, null, { values: { businessTime: 'true' }, tiers: [...TIERS], errors: {}, message: '' });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, LEAD_TYPE_FIELDS);
    const tiers = tiersOf(body);
    try {
      await this.leadTypes.create(await createLeadTypeDto(values, tiers));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, null, values, tiers);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/lead-types?done=saved');
  }

  @Get(':id')
  async editForm(@Param('id', UuidParam('Lead type')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const type = await this.leadTypes.get(id);
    this.renderForm(req, res, viewer, HttpStatus.OK, type, { values: valuesOf(type), tiers: type.allowedTiers, errors: {}, message: '' });
  }

  @Post(':id')
  async update(@Param('id', UuidParam('Lead type')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const type = await this.leadTypes.get(id);
    const values = formValues(body, LEAD_TYPE_FIELDS);
    const tiers = tiersOf(body);
    try {
      await this.leadTypes.update(id, await updateLeadTypeDto(values, tiers));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, type, { ...values, key: type.key }, tiers);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/lead-types?done=saved');
  }

  private renderFailure(error: unknown, req: Request, res: Response, viewer: Principal, type: LeadTypeDto | null, values: FormValues, tiers: string[]): void {
    if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
    const conflict = error.code === DomainErrorCode.Conflict;
    const attempt = { values, tiers, errors: errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
    this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, type, attempt);
  }

  private renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, type: LeadTypeDto | null, attempt: Attempt): void {
    res.status(status).render('admin/lead-type', {
      title: type ? `Edit ${type.name}` : 'New lead type',
      type,
      action: type ? `/admin/lead-types/${type.id}` : '/admin/lead-types',
      ...attempt,
      tierChoices: TIERS.map((tier) => ({ tier, checked: attempt.tiers.includes(tier) })),
      calendarTime: attempt.values.businessTime === 'false',
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

function valuesOf(type: LeadTypeDto): FormValues {
  return {
    key: type.key,
    name: type.name,
    definition: type.definition,
    slaAcceptMinutes: String(type.slaAcceptMinutes),
    slaContactMinutes: String(type.slaContactMinutes),
    slaFeedbackMinutes: String(type.slaFeedbackMinutes),
    slaUpdateCadenceMinutes: type.slaUpdateCadenceMinutes === null ? '' : String(type.slaUpdateCadenceMinutes),
    businessTime: String(type.businessTime),
  };
}
