import { Controller, Get, Query, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, isPartnerRole, USER_ROLES } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { ReportQuery, ReportsService } from '@leadgate/reporting';
import { DashboardQuery } from './dashboard-query.dto';
import { adminDashboardView, partnerDashboardView } from './dashboard-view';
import { PageErrorFilter } from './page-error.filter';

const GRANULARITY_OPTIONS = ['day', 'week', 'month'];

/** The five numbers for a period; every figure comes from ReportsService, so it matches the reports API and CSV. */
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
    const ask = (groupBy: ReportQuery['groupBy']): ReportQuery => ({ ...query, granularity: query.granularity ?? 'month', groupBy });
    const base = { title: 'Dashboard', viewer, csrfToken: csrfTokenFor(req) };
    if (isPartnerRole(viewer.role)) {
      const [outcomes, sla] = await Promise.all([this.reports.outcomes(ask('none'), viewer), this.reports.sla(ask('none'), viewer)]);
      return { ...base, ...this.form(outcomes), partner: { ...partnerDashboardView(outcomes, sla, this.clock.now()), medianMinPartners: this.config.env.REPORT_MEDIAN_MIN_PARTNERS, csv: csvLinks(query) } };
    }
    const [trend, byCampaign, byPartner, sla, slaByPartner] = await Promise.all([
      this.reports.outcomes(ask('none'), viewer),
      this.reports.outcomes(ask('campaign'), viewer),
      this.reports.outcomes(ask('partner'), viewer),
      this.reports.sla(ask('none'), viewer),
      this.reports.sla(ask('partner'), viewer),
    ]);
    return { ...base, ...this.form(trend), admin: { ...adminDashboardView({ trend, byCampaign, byPartner, sla, slaByPartner }, this.clock.now()), csv: csvLinks(query) } };
  }

  /** The period actually reported (defaults filled in), to show and to pre-fill the form. */
  private form(report: { from: string; to: string; granularity: string }) {
    return {
      from: report.from,
      to: report.to,
      granularities: GRANULARITY_OPTIONS.map((value) => ({ value, selected: value === report.granularity })),
    };
  }
}

/** Each table's figures as CSV, straight from the reports API with the dashboard's own period. */
function csvLinks(query: DashboardQuery) {
  const link = (report: 'outcomes' | 'sla', groupBy: ReportQuery['groupBy']) => {
    const params = new URLSearchParams({ ...(query.from && { from: query.from }), ...(query.to && { to: query.to }), granularity: query.granularity ?? 'month', groupBy, format: 'csv' });
    return `/api/v1/reports/${report}?${params}`;
  };
  return { trend: link('outcomes', 'none'), campaigns: link('outcomes', 'campaign'), partners: link('outcomes', 'partner'), sla: link('sla', 'none'), slaByPartner: link('sla', 'partner') };
}
