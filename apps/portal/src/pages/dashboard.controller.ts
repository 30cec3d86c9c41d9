import { Controller, Get, Query, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, isPartnerRole, USER_ROLES } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { FilterChoices, ReportQuery, ReportsService, SOURCE_NAMES } from '@leadgate/reporting';
import { DashboardQuery } from './dashboard-query.dto';
import { AskFor, partnerDashboardReports, vendorDashboardReports } from './dashboard-reports';
import { partnerDashboardView, sourcesView, vendorDashboardView } from './dashboard-view';
import { PageErrorFilter } from './page-error.filter';

const GRANULARITY_OPTIONS = ['day', 'week', 'month'];
type ReportName = 'outcomes' | 'sla' | 'quality';

/**
 * The five numbers and lead quality for a period; every figure comes from ReportsService, so it matches the
 * reports API and CSV. Vendor staff filter by partner (a channel manager: only hers), campaign, lead type and country;
 * everyone by source (marketing lead or registered deal).
 */
@ApiExcludeController()
@Controller('dashboard')
@Authorize(...USER_ROLES)
@UseFilters(PageErrorFilter)
export class DashboardController {
  constructor(
    private readonly reports: ReportsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Render('dashboard/dashboard')
  async dashboard(@Req() req: Request, @Query() query: DashboardQuery, @CurrentPrincipal() viewer: Principal) {
    const ask: AskFor = (groupBy) => ({ ...query, granularity: query.granularity ?? 'month', groupBy });
    const base = { title: 'Dashboard', viewer, csrfToken: csrfTokenFor(req), sources: sourceOptions(query.source) };
    const csv = csvLink(query);
    const sourceCsv = { sources: csv('outcomes', 'source'), slaBySource: csv('sla', 'source'), qualityBySource: csv('quality', 'source') };
    if (isPartnerRole(viewer.role)) {
      const { outcomes, sla, sources } = await partnerDashboardReports(this.reports, ask, viewer);
      return {
        ...base,
        ...this.period(outcomes),
        filtersActive: Boolean(query.source),
        partner: {
          ...partnerDashboardView(outcomes, sla, this.clock.now()),
          sources: sourcesView(sources, this.clock.now()),
          medianMinPartners: this.config.env.REPORT_MEDIAN_MIN_PARTNERS,
        },
        csv: { outcomes: csv('outcomes', 'none'), sla: csv('sla', 'none'), ...sourceCsv },
      };
    }
    const { vendor, choices } = await vendorDashboardReports(this.reports, ask, viewer);
    return {
      ...base,
      ...this.period(vendor.trend),
      filters: filterOptions(query, choices),
      filtersActive: Boolean(query.partnerId || query.campaignId || query.leadTypeId || query.country || query.source),
      vendor: vendorDashboardView(vendor, choices, this.clock.now()),
      csv: {
        ...sourceCsv,
        trend: csv('outcomes', 'none'), campaigns: csv('outcomes', 'campaign'), partners: csv('outcomes', 'partner'),
        sla: csv('sla', 'none'), slaByPartner: csv('sla', 'partner'),
        qualityByCampaign: csv('quality', 'campaign'), qualityByLeadType: csv('quality', 'leadType'),
      },
    };
  }

  /** The period actually reported (defaults filled in), to show and to pre-fill the form. */
  private period(report: { from: string; to: string; granularity: string }) {
    return {
      from: report.from,
      to: report.to,
      granularities: GRANULARITY_OPTIONS.map((value) => ({ value, selected: value === report.granularity })),
    };
  }
}

/** The filter form's choices, the current ones selected; a channel manager is offered only her partners. */
function filterOptions(query: DashboardQuery, choices: FilterChoices) {
  const options = (items: Array<{ id: string; name: string }>, selected: string | undefined) => items.map((item) => ({ value: item.id, label: item.name, selected: item.id === selected }));
  return {
    partners: options(choices.partners, query.partnerId),
    campaigns: options(choices.campaigns, query.campaignId),
    leadTypes: options(choices.leadTypes, query.leadTypeId),
    country: query.country ?? '',
  };
}

/** Marketing leads or registered deals: offered to every viewer, partners included. */
const sourceOptions = (selected: string | undefined) =>
  Object.entries(SOURCE_NAMES).map(([value, label]) => ({ value, label, selected: value === selected }));

/** A table's figures as CSV, straight from the reports API with the dashboard's own period and filters. */
const csvLink = (query: DashboardQuery) => (report: ReportName, groupBy: ReportQuery['groupBy']): string => {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'partnerId', 'campaignId', 'leadTypeId', 'country', 'source'] as const) if (query[key]) params.set(key, query[key]!);
  params.set('granularity', query.granularity ?? 'month');
  params.set('groupBy', groupBy);
  params.set('format', 'csv');
  return `/api/v1/reports/${report}?${params}`;
};
