import { Controller, Get, Render, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { USER_ROLES } from '@leadgate/common';
import { PartnersService } from '@leadgate/partners';
import { PageErrorFilter } from './page-error.filter';
import { ROLE_NAMES } from './role-names';

/** The signed-in start page; the inbox and the other pages hang off it later. */
@ApiExcludeController()
@Controller()
@Authorize(...USER_ROLES)
@UseFilters(PageErrorFilter)
export class HomeController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @Render('home')
  async home(@Req() req: Request, @CurrentPrincipal() viewer: Principal) {
    const partnerName = viewer.partnerId ? (await this.partners.get(viewer.partnerId, viewer)).name : null;
    return { title: 'Home', viewer, role: ROLE_NAMES[viewer.role] ?? viewer.role, partnerName, csrfToken: csrfTokenFor(req) };
  }
}
