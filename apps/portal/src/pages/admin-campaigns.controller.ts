import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { CampaignDto, CampaignsService, ListCampaignsQuery } from '@leadgate/catalog';
import { CAMPAIGN_FIELDS, costText, createCampaignDto, errorsByField, updateCampaignDto } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

interface Attempt {
  values: FormValues;
  errors: Record<string, string>;
  message: string;
}

/** Campaigns for admins: the list with costs, and one form for creating and editing with the API's own rules. */
@ApiExcludeController()
@Controller('admin/campaigns')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminCampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const page = await this.campaigns.list(plainToInstance(ListCampaignsQuery, { pageSize: 200 }));
    res.render('admin/campaigns', {
      title: 'Campaigns',
      campaigns: page.items.map((c) => ({ ...c, cost: costText(c.costMinor, c.currency) })),
      total: page.total,
      viewer,
      csrfToken: csrfTokenFor(req),
      flash: req.query.done ? 'Saved.' : undefined,
    });
  }

  @Get('new')
  newForm(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): void {
    this.renderForm(req, res, viewer, HttpStatus.OK, null, { values: { currency: 'EUR' }, errors: {}, message: '' });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, CAMPAIGN_FIELDS);
    try {
      await this.campaigns.create(await createCampaignDto(values));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, null, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/campaigns?done=saved');
  }

  @Get(':id')
  async editForm(@Param('id', UuidParam('Campaign')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const campaign = await this.campaigns.get(id);
    this.renderForm(req, res, viewer, HttpStatus.OK, campaign, { values: valuesOf(campaign), errors: {}, message: '' });
  }

  @Post(':id')
  async update(@Param('id', UuidParam('Campaign')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const campaign = await this.campaigns.get(id);
    const values = formValues(body, CAMPAIGN_FIELDS);
    try {
      await this.campaigns.update(id, await updateCampaignDto(values));
    } catch (error) {
      return this.renderFailure(error, req, res, viewer, campaign, values);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/campaigns?done=saved');
  }

  private renderFailure(error: unknown, req: Request, res: Response, viewer: Principal, campaign: CampaignDto | null, values: FormValues): void {
    if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
    const conflict = error.code === DomainErrorCode.Conflict;
    const attempt = { values, errors: errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
    this.renderForm(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, campaign, attempt);
  }

  private renderForm(req: Request, res: Response, viewer: Principal, status: HttpStatus, campaign: CampaignDto | null, attempt: Attempt): void {
    res.status(status).render('admin/campaign', {
      title: campaign ? `Edit ${campaign.name}` : 'New campaign',
      campaign,
      action: campaign ? `/admin/campaigns/${campaign.id}` : '/admin/campaigns',
      ...attempt,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}

function valuesOf(campaign: CampaignDto): FormValues {
  return {
    name: campaign.name,
    channel: campaign.channel,
    cost: costText(campaign.costMinor, campaign.currency),
    currency: campaign.currency,
    startsOn: campaign.startsOn ?? '',
    endsOn: campaign.endsOn ?? '',
  };
}
