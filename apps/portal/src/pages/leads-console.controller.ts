import { Controller, Get, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { CampaignsService, LeadTypesService, ListCampaignsQuery, ListLeadTypesQuery } from '@leadgate/catalog';
import { Clock } from '@leadgate/common';
import { leadReadScopeOf, LeadsQuery, LeadsQueryService, ListedLeadDto } from '@leadgate/leads';
import { ListPartnersQuery, PartnersService } from '@leadgate/partners';
import { consoleCsv, consoleView } from './leads-console-view';
import { PageErrorFilter } from './page-error.filter';
import { EXPORT_LIMIT } from './view-address';

/**
 * The leads console: a channel manager finds any lead of its partners (and the unallocated ones),
 * an admin any lead at all — by company, person, email or external id, filtered and sorted, paged,
 * as CSV; the address holds the whole view, so it can be bookmarked and shared.
 */
@ApiExcludeController()
@Controller('manage')
@Authorize('admin', 'channel_manager')
@UseFilters(PageErrorFilter)
export class LeadsConsoleController {
  constructor(
    private readonly leads: LeadsQueryService,
    private readonly partners: PartnersService,
    private readonly leadTypes: LeadTypesService,
    private readonly campaigns: CampaignsService,
    private readonly clock: Clock,
  ) {}

  @Get('leads')
  @Render('channel/leads')
  async list(@Req() req: Request, @Query() query: LeadsQuery, @CurrentPrincipal() viewer: Principal) {
    const [page, partners, types, campaigns] = await Promise.all([
      this.leads.list(query, leadReadScopeOf(viewer)),
      this.partners.list(Object.assign(new ListPartnersQuery(), { pageSize: 200 }), viewer),
      this.leadTypes.list(Object.assign(new ListLeadTypesQuery(), { pageSize: 200 })),
      this.campaigns.list(Object.assign(new ListCampaignsQuery(), { pageSize: 200 })),
    ]);
    const choices = {
      partners: partners.items.map((p) => ({ value: p.id, label: p.name })),
      leadTypes: types.items.map((t) => ({ value: t.key, label: t.name })),
      campaigns: campaigns.items.map((c) => ({ value: c.key, label: c.name })),
    };
    return { ...consoleView(page, query, await this.holders(page.items), choices, this.clock.now(), viewer.timeZone), viewer, csrfToken: csrfTokenFor(req) };
  }

  @Get('leads.csv')
  async exportCsv(@Query() query: LeadsQuery, @CurrentPrincipal() viewer: Principal, @Res() res: Response): Promise<void> {
    const page = await this.leads.list(Object.assign(new LeadsQuery(), query, { page: 1, pageSize: EXPORT_LIMIT }), leadReadScopeOf(viewer));
    const now = this.clock.now();
    res
      .type('text/csv; charset=utf-8')
      .attachment(`leads-${now.toISOString().slice(0, 10)}.csv`)
      .send(consoleCsv(page.items, await this.holders(page.items), now, viewer.timeZone));
  }

  /** The names of the partners holding these leads, in one read. */
  private holders(leads: ListedLeadDto[]): Promise<Map<string, string>> {
    return this.partners.namesByIds([...new Set(leads.flatMap((lead) => (lead.currentPartnerId ? [lead.currentPartnerId] : [])))]);
  }
}
