import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, InviteUserDto, PARTNER_USER_ROLES, PartnerUsersService, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, fieldProblems, UuidParam, VALIDATION_OPTIONS } from '@leadgate/common';
import { TeamFiguresService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { LeadRoutingDto, PartnersService } from '@leadgate/partners';
import { errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { spanInWords } from './lead-times';
import { PageErrorFilter } from './page-error.filter';

const DONE: Record<string, string> = { invited: 'Invitation sent.', deactivated: 'User deactivated.', routing: 'Routing saved.' };

interface InviteAttempt {
  values: FormValues;
  errors: Record<string, string>;
  message: string;
}

/** A partner admin's team: its partner's users, inviting a new one by email, and deactivating. */
@ApiExcludeController()
@Controller('team')
@Authorize('partner_admin')
@UseFilters(PageErrorFilter)
export class TeamPageController {
  constructor(
    private readonly users: PartnerUsersService,
    private readonly figures: TeamFiguresService,
    private readonly partners: PartnersService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async team(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const done = req.query.done;
    await this.render(req, res, viewer, HttpStatus.OK, typeof done === 'string' ? DONE[done] : undefined);
  }

  @Post('invite')
  async invite(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['email', 'displayName', 'role']);
    try {
      const dto = plainToInstance(InviteUserDto, values);
      const errors = await validate(dto, VALIDATION_OPTIONS);
      if (errors.length > 0) throw DomainError.invalid(fieldProblems(errors));
      await this.users.invite(viewer.partnerId!, dto, viewer);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const conflict = error.code === DomainErrorCode.Conflict;
      const attempt = { values, errors: errorsByField(error.fields), message: conflict ? error.message : 'Please correct the marked fields.' };
      return this.render(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, undefined, attempt);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/team?done=invited');
  }

  /** How new offers get an owner: by hand, or round robin among the reps who are not away. */
  @Post('routing')
  async routing(@Body() body: { mode?: unknown }, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const dto = plainToInstance(LeadRoutingDto, { mode: body?.mode });
    const errors = await validate(dto, VALIDATION_OPTIONS);
    if (errors.length > 0) {
      return this.render(req, res, viewer, HttpStatus.BAD_REQUEST, undefined, undefined, 'Choose manual or round robin routing.');
    }
    await this.partners.setLeadRouting(viewer.partnerId!, dto, viewer);
    res.redirect(HttpStatus.SEE_OTHER, '/team?done=routing');
  }

  @Post(':id/deactivate')
  async deactivate(@Param('id', UuidParam('User')) id: string, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.users.deactivate(viewer.partnerId!, id, viewer);
    res.redirect(HttpStatus.SEE_OTHER, '/team?done=deactivated');
  }

  private async render(
    req: Request,
    res: Response,
    viewer: Principal,
    status: HttpStatus,
    flash?: string,
    attempt?: InviteAttempt,
    routingError?: string,
  ): Promise<void> {
    const [users, figures, routing] = await Promise.all([
      this.users.list(viewer.partnerId!, viewer),
      this.figures.forPartner(viewer.partnerId!),
      this.partners.leadRouting(viewer.partnerId!, viewer),
    ]);
    const values = attempt?.values ?? { role: 'partner_rep' };
    res.status(status).render('partner/team', {
      title: 'Team',
      users: users.map((u) => ({ ...u, self: u.id === viewer.id })),
      figures: figures.map((f) => ({
        ...f,
        median: f.medianFirstContactMinutes === null ? null : spanInWords(f.medianFirstContactMinutes * 60_000),
      })),
      windowDays: this.config.env.COMPLIANCE_WINDOW_DAYS,
      routings: [
        { value: 'manual', label: 'I assign owners myself', checked: routing.mode === 'manual' },
        { value: 'round_robin', label: 'Round robin among the reps who are not away', checked: routing.mode === 'round_robin' },
      ],
      routingError,
      values,
      errors: attempt?.errors ?? {},
      message: attempt?.message,
      roleChoices: PARTNER_USER_ROLES.map((role) => ({ role, selected: values.role === role })),
      flash,
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
