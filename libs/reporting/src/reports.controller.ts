import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { ReportQuery } from './dto/report-query.dto';
import { ReportDto } from './dto/report.dto';
import { reportFileName, reportToCsv } from './report-csv';
import { ReportsService } from './reports.service';

const ROLES = ['admin', 'channel_manager', 'partner_admin', 'partner_rep'] as const;

@ApiTags('reports')
@Controller('api/v1/reports')
@ApiProduces('application/json', 'text/csv')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('outcomes')
  @Authorize(...ROLES)
  @ApiOperation({
    summary: 'Lead volumes, campaign effectiveness (cost per lead, ROI), pipeline, closed business and revenue conversion',
  })
  @ApiOkResponse({ type: ReportDto })
  async outcomes(
    @Query() query: ReportQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportDto<object> | string> {
    return respond('outcomes', await this.reports.outcomes(query, principal), query, accept, res);
  }

  @Get('quality')
  @Authorize(...ROLES)
  @ApiOperation({
    summary: 'Lead quality for marketing: shares qualified, disqualified by reason and returned as not sales-ready (recycled) by reason, ' +
      'beside cost per qualified lead and revenue conversion; group by campaign or leadType',
  })
  @ApiOkResponse({ type: ReportDto })
  async quality(
    @Query() query: ReportQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportDto<object> | string> {
    return respond('quality', await this.reports.quality(query, principal), query, accept, res);
  }

  @Get('sla')
  @Authorize(...ROLES)
  @ApiOperation({ summary: 'SLA attainment: hand-off and follow-up times (median, 90th percentile) and the share within SLA' })
  @ApiOkResponse({ type: ReportDto })
  async sla(
    @Query() query: ReportQuery,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportDto<object> | string> {
    return respond('sla', await this.reports.sla(query, principal), query, accept, res);
  }
}

/** JSON unless the caller asked for CSV, by `?format=csv` or an Accept header naming text/csv: then a named file. */
function respond(name: string, report: ReportDto<object>, query: ReportQuery, accept: string | undefined, res: Response): ReportDto<object> | string {
  const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
  if (!csv) return report;
  res.type('text/csv; charset=utf-8').attachment(reportFileName(name, report));
  return reportToCsv(report);
}
