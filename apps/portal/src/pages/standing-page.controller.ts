import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { complianceConfigFrom, ComplianceService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { PausesService } from '@leadgate/partners';
import { PageErrorFilter } from './page-error.filter';
import { pausesView } from './pauses-view';
import { standingView } from './standing-view';

/** "My standing": a partner's score, what is overdue, and what happens if it stays overdue. */
@ApiExcludeController()
@Controller('standing')
@Authorize('partner_admin', 'partner_rep')
@UseFilters(PageErrorFilter)
export class StandingPageController {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly config: AppConfig,
    private readonly pauses: PausesService,
  ) {}

  @Get()
  async standing(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const [card, pauses] = await Promise.all([this.compliance.complianceFor(viewer.partnerId!, viewer), this.pauses.list(viewer.partnerId!, viewer)]);
    res.render('partner/standing', {
      title: 'My standing',
      ...standingView(card, complianceConfigFrom(this.config)),
      ...pausesView(pauses, viewer.timeZone),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
