// The reports each dashboard asks for, in one place: the dashboard page and the reports bench both ask exactly these.
import type { Principal } from '@leadgate/auth';
import type { FilterChoices, OutcomeFigures, ReportDto, ReportQuery, ReportsService, SlaFigures } from '@leadgate/reporting';
import type { SourceReports, VendorReports } from './dashboard-view';

/** The query of one table: the dashboard's period and filters, grouped as the table is. */
export type AskFor = (groupBy: ReportQuery['groupBy']) => ReportQuery;

/** Both dashboards split the figures by source the same way. */
async function sourceReports(reports: ReportsService, ask: AskFor, viewer: Principal): Promise<SourceReports> {
  const [{ outcomes: bySource, quality: qualityBySource }, slaBySource] = await Promise.all([
    reports.outcomesAndQuality(ask('source'), viewer), reports.sla(ask('source'), viewer),
  ]);
  return { bySource, slaBySource, qualityBySource };
}

/** A partner's dashboard: its own figures and program medians, and the split by source. */
export async function partnerDashboardReports(
  reports: ReportsService, ask: AskFor, viewer: Principal,
): Promise<{ outcomes: ReportDto<OutcomeFigures>; sla: ReportDto<SlaFigures>; sources: SourceReports }> {
  const [outcomes, sla, sources] = await Promise.all([reports.outcomes(ask('none'), viewer), reports.sla(ask('none'), viewer), sourceReports(reports, ask, viewer)]);
  return { outcomes, sla, sources };
}

/** The staff dashboard: trend, campaigns, partners, SLA and quality, the split by source, and the filter choices. */
export async function vendorDashboardReports(reports: ReportsService, ask: AskFor, viewer: Principal): Promise<{ vendor: VendorReports; choices: FilterChoices }> {
  const [trend, { outcomes: byCampaign, quality: qualityByCampaign }, sources, byPartner, sla, slaByPartner, qualityByLeadType, choices] = await Promise.all([
    reports.outcomes(ask('none'), viewer),
    reports.outcomesAndQuality(ask('campaign'), viewer),
    sourceReports(reports, ask, viewer),
    reports.outcomes(ask('partner'), viewer),
    reports.sla(ask('none'), viewer),
    reports.sla(ask('partner'), viewer),
    reports.quality(ask('leadType'), viewer),
    reports.filterChoices(viewer),
  ]);
  return { vendor: { trend, byCampaign, ...sources, byPartner, sla, slaByPartner, qualityByCampaign, qualityByLeadType }, choices };
}
