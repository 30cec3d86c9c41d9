import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { complianceConfigFrom, ComplianceService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { PageErrorFilter } from './page-error.filter';
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
  ) {}

  @Get()
  async standing(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const card = await this.compliance.complianceFor(viewer.partnerId!, viewer);
    res.render('partner/standing', { title: 'My standing', ...standingView(card, complianceConfigFrom(this.config)), viewer, csrfToken: csrfTokenFor(req) });
  }
}
