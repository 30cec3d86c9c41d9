import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ChangeStaffRoleDto, InviteStaffDto, STAFF_ROLES, Authorize, csrfTokenFor, CurrentPrincipal, Principal, StaffUsersService } from '@leadgate/auth';
import { DomainError, DomainErrorCode, UuidParam } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { checked, errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';
import { ROLE_NAMES } from './role-names';

const FLASH: Record<string, string> = {
  invited: 'Invitation sent: they choose their own password through the link in the email.',
  reinvited: 'A new invitation is on its way; earlier links still work until they run out.',
  role: 'Role changed.',
  deactivated: 'User deactivated: signed out everywhere, and their API tokens revoked.',
};

/**
 * Every user for admins; vendor staff (admins, channel managers) are invited here by email — nobody types another
 * person's password — invited again, given another role or deactivated. Partner users are their partner admin's (/team).
 */
@ApiExcludeController()
@Controller('admin/users')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly staff: StaffUsersService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.render(req, res, viewer, HttpStatus.OK, { values: { role: 'channel_manager' }, errors: {}, flash: FLASH[String(req.query.done)] });
  }

  @Post()
  async invite(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['email', 'displayName', 'role']);
    try {
      await this.staff.invite(await checked(InviteStaffDto, values), viewer);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const conflict = error.code === DomainErrorCode.Conflict;
      const errors = conflict ? { email: error.message } : errorsByField(error.fields);
      return this.render(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, { values, errors, message: 'Please correct the marked fields.' });
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/users?done=invited');
  }

  @Post(':id/invitation')
  async reinvite(@Param('id', UuidParam('User')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.act(req, res, viewer, 'reinvited', () => this.staff.reinvite(id, viewer));
  }

  @Post(':id/role')
  async changeRole(@Param('id', UuidParam('User')) id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['role']);
    return this.act(req, res, viewer, 'role', async () => this.staff.changeRole(id, await checked(ChangeStaffRoleDto, values), viewer));
  }

  @Post(':id/deactivate')
  async deactivate(@Param('id', UuidParam('User')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    return this.act(req, res, viewer, 'deactivated', () => this.staff.deactivate(id, viewer));
  }

  /** One action on a user's row: done → back to the list with its notice; refused → the list with why, at the top. */
  private async act(req: Request, res: Response, viewer: Principal, done: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.Conflict && error.code !== DomainErrorCode.InvalidInput)) throw error;
      const status = error.code === DomainErrorCode.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
      const why = error.code === DomainErrorCode.Conflict ? error.message : (error.fields ?? []).flatMap((f) => f.problems).join('; ');
      return this.render(req, res, viewer, status, { values: { role: 'channel_manager' }, errors: {}, actionError: why });
    }
    res.redirect(HttpStatus.SEE_OTHER, `/admin/users?done=${done}`);
  }

  private async render(
    req: Request, res: Response, viewer: Principal, status: HttpStatus,
    state: { values: FormValues; errors: Record<string, string>; message?: string; flash?: string; actionError?: string },
  ): Promise<void> {
    const users = await this.users.listAll();
    res.status(status).render('admin/users', {
      title: 'Users',
      ...state,
      users: users.map((user) => {
        // Vendor staff are managed here (partner users by their partner admin), but not one's own account.
        const manageable = user.active && user.partnerName === null && user.id !== viewer.id;
        return {
          ...user,
          roleName: ROLE_NAMES[user.role] ?? user.role,
          status: !user.active ? 'deactivated' : user.passwordSet ? 'active' : 'invited, no password yet',
          manageable,
          reinvitable: manageable && !user.passwordSet,
          otherRoles: manageable ? STAFF_ROLES.filter((role) => role !== user.role).map((role) => ({ role, name: ROLE_NAMES[role] })) : [],
        };
      }),
      roleChoices: STAFF_ROLES.map((role) => ({ role, name: ROLE_NAMES[role], selected: state.values.role === role })),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
