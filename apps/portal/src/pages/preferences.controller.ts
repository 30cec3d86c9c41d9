import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, TIME_ZONES, USER_ROLES, UserRole } from '@leadgate/common';
import { OWNED_LEAD_COPIES, TemplateName } from '@leadgate/notifications';
import { UsersService } from '@leadgate/users';
import { PageErrorFilter } from './page-error.filter';

interface OptionalEmail {
  /** A template, or the admins' copies of emails about leads another user owns. */
  template: TemplateName | typeof OWNED_LEAD_COPIES;
  label: string;
}

/** The optional emails a role receives at all; offers, breaches and standing changes are not on the list, so they cannot be turned off. */
const OPTIONAL_BY_ROLE: Record<UserRole, OptionalEmail[]> = {
  admin: [{ template: 'channel-digest', label: 'Daily digest of breaches, partners at risk and unallocated leads' }],
  channel_manager: [
    { template: 'channel-digest', label: 'Daily digest of breaches, partners at risk and unallocated leads' },
    { template: 'clock-escalated', label: 'A partner’s lead still overdue some hours after its deadline (escalation)' },
  ],
  partner_admin: [
    { template: 'clock-warning', label: 'Warning before a lead’s deadline runs out (accept, first contact, feedback, update)' },
    { template: OWNED_LEAD_COPIES, label: 'Copies of the emails about leads another user of your team owns' },
  ],
  partner_rep: [{ template: 'clock-warning', label: 'Warning before a lead’s deadline runs out (accept, first contact, feedback, update)' }],
};

/** Each signed-in user chooses which optional emails they get; the form lists what they receive, so unticked means turned off. */
@ApiExcludeController()
@Controller('preferences')
@Authorize(...USER_ROLES)
@UseFilters(PageErrorFilter)
export class PreferencesController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Render('preferences')
  async show(@Req() req: Request, @Query('done') done: string | undefined, @CurrentPrincipal() viewer: Principal) {
    return this.view(req, viewer, done);
  }

  /** A partner user's away dates: round-robin routing skips them on those days. A range that ends before it starts is a 400 on the form. */
  @Post('away')
  async saveAway(@Body() body: { from?: unknown; until?: unknown }, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    if (!viewer.partnerId) throw DomainError.notFound('Page');
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const away = { from: text(body.from), until: text(body.until) };
    try {
      await this.users.setAwayDates(viewer.id, away);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      const awayErrors = Object.fromEntries(error.fields.map((field) => [field.field, field.problems.join(' ')]));
      res.status(HttpStatus.BAD_REQUEST).render('preferences', { ...(await this.view(req, viewer, undefined)), away, awayErrors });
      return;
    }
    res.redirect(HttpStatus.SEE_OTHER, '/preferences?done=away');
  }

  /** The user's own time zone; empty goes back to the default (the partner's zone, or UTC for vendor staff). Not a zone of the list: 400 on the form. */
  @Post('time-zone')
  async saveTimeZone(@Body() body: { timeZone?: unknown }, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const chosen = typeof body.timeZone === 'string' ? body.timeZone : '';
    try {
      await this.users.setTimeZone(viewer.id, chosen);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.InvalidInput) throw error;
      const view = await this.view(req, viewer, undefined);
      res.status(HttpStatus.BAD_REQUEST).render('preferences', { ...view, zoneError: error.fields.map((field) => field.problems.join(' ')).join(' ') });
      return;
    }
    res.redirect(HttpStatus.SEE_OTHER, '/preferences?done=time-zone');
  }

  private async view(req: Request, viewer: Principal, done: string | undefined) {
    const [optOutList, away, zone] = await Promise.all([
      this.users.emailOptOuts(viewer.id),
      viewer.partnerId ? this.users.awayDates(viewer.id) : null,
      this.users.timeZone(viewer.id),
    ]);
    const optOuts = new Set(optOutList);
    const emails = optionalFor(viewer).map((email) => ({ ...email, receive: !optOuts.has(email.template) }));
    return {
      title: 'Preferences',
      viewer,
      emails,
      saved: done === 'saved',
      awaySaved: done === 'away',
      zoneSaved: done === 'time-zone',
      away,
      awayErrors: {},
      zone: {
        effective: zone.effective,
        defaultLabel: viewer.partnerId ? 'Default: your partner’s time zone' : 'Default: UTC',
        choices: TIME_ZONES.map((name) => ({ name, selected: name === zone.chosen })),
      },
      csrfToken: csrfTokenFor(req),
    };
  }

  @Post()
  async save(@Body() body: { receive?: unknown }, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const offered = optionalFor(viewer).map((email) => email.template as string);
    const received = body.receive === undefined ? [] : ([] as unknown[]).concat(body.receive);
    const unknown = received.filter((name) => typeof name !== 'string' || !offered.includes(name));
    if (unknown.length > 0) throw DomainError.invalid([{ field: 'receive', problems: [`only these emails can be turned off: ${offered.join(', ')}`] }]);
    await this.users.updateEmailOptOuts(viewer.id, offered.filter((name) => !received.includes(name)), received as string[]);
    res.redirect(HttpStatus.SEE_OTHER, '/preferences?done=saved');
  }
}

const optionalFor = (viewer: Principal): OptionalEmail[] => OPTIONAL_BY_ROLE[viewer.role as UserRole] ?? [];
