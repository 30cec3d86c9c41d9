import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, USER_ROLES, UserRole } from '@leadgate/common';
import { TemplateName } from '@leadgate/notifications';
import { UsersService } from '@leadgate/users';
import { PageErrorFilter } from './page-error.filter';

interface OptionalEmail {
  template: TemplateName;
  label: string;
}

/** The optional emails a role receives at all; offers, breaches and standing changes are not on the list, so they cannot be turned off. */
const OPTIONAL_BY_ROLE: Record<UserRole, OptionalEmail[]> = {
  admin: [{ template: 'channel-digest', label: 'Daily digest of breaches, partners at risk and unallocated leads' }],
  channel_manager: [{ template: 'channel-digest', label: 'Daily digest of breaches, partners at risk and unallocated leads' }],
  partner_admin: [{ template: 'accept-reminder', label: 'Reminder half-way through the time to accept an offered lead' }],
  partner_rep: [{ template: 'accept-reminder', label: 'Reminder half-way through the time to accept an offered lead' }],
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
    const optOuts = new Set(await this.users.emailOptOuts(viewer.id));
    const emails = optionalFor(viewer).map((email) => ({ ...email, receive: !optOuts.has(email.template) }));
    return { title: 'Email preferences', viewer, emails, saved: done === 'saved', csrfToken: csrfTokenFor(req) };
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
