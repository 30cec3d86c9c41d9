import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { Clock, PageQuery } from '@leadgate/common';
import { complianceConfigFrom, ComplianceService, CountedClocksQuery } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { PausesService } from '@leadgate/partners';
import { PageErrorFilter } from './page-error.filter';
import { pausesView } from './pauses-view';
import { StandingQuery } from './standing-query.dto';
import { deadlinesView, historyView, standingView } from './standing-view';

/** Rows per page of the counted deadlines and of the standing history. */
const ROWS = 20;

/** "My standing": the live score, what brings the partner back, the deadlines the score counts and every standing change. */
@ApiExcludeController()
@Controller('standing')
@Authorize('partner_admin', 'partner_rep')
@UseFilters(PageErrorFilter)
export class StandingPageController {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly config: AppConfig,
    private readonly pauses: PausesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async standing(@Req() req: Request, @Res() res: Response, @Query() query: StandingQuery, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const partnerId = viewer.partnerId!;
    const clocksQuery = Object.assign(new CountedClocksQuery(), { outcome: query.outcome, page: query.deadlinesPage, pageSize: ROWS });
    const historyQuery = Object.assign(new PageQuery(), { page: query.historyPage, pageSize: ROWS });
    const [card, pauses, clocks, history] = await Promise.all([
      this.compliance.complianceFor(partnerId, viewer),
      this.pauses.list(partnerId, viewer),
      this.compliance.countedClocks(partnerId, viewer, clocksQuery),
      this.compliance.standingHistory(partnerId, viewer, historyQuery),
    ]);
    const now = this.clock.now();
    res.render('partner/standing', {
      title: 'My standing',
      ...standingView(card, complianceConfigFrom(this.config), now, viewer.timeZone),
      deadlines: deadlinesView(clocks, query, now, viewer.timeZone),
      history: historyView(history, query, viewer.timeZone),
      ...pausesView(pauses, viewer.timeZone),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
