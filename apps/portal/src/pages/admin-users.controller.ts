import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal, StaffUsersService } from '@leadgate/auth';
import { DomainError, DomainErrorCode, UserRole, UuidParam } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

// Partner users are invited by their partner admin (/team); this page makes vendor staff only.
const STAFF_ROLES: UserRole[] = ['admin', 'channel_manager'];

const FLASH: Record<string, string> = { created: 'User created: they can sign in now.', deactivated: 'User deactivated: signed out everywhere, and their API tokens revoked.' };

/** Every user for admins, creating an admin or channel manager with a password, and deactivating one. */
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
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    const values = formValues(body, ['email', 'displayName', 'role']);
    const password = typeof (body as Record<string, unknown>)?.password === 'string' ? ((body as Record<string, unknown>).password as string) : '';
    try {
      if (!STAFF_ROLES.includes(values.role as UserRole)) throw DomainError.invalid([{ field: 'role', problems: ['Choose admin or channel manager'] }]);
      await this.users.createUser({ email: values.email ?? '', displayName: values.displayName ?? '', role: values.role as UserRole, password });
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== DomainErrorCode.InvalidInput && error.code !== DomainErrorCode.Conflict)) throw error;
      const conflict = error.code === DomainErrorCode.Conflict;
      const errors = conflict ? { email: error.message } : errorsByField(error.fields);
      return this.render(req, res, viewer, conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, { values, errors, message: 'Please correct the marked fields.' });
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/users?done=created');
  }

  @Post(':id/deactivate')
  async deactivate(@Param('id', UuidParam('User')) id: string, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    try {
      await this.staff.deactivate(id, viewer);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== DomainErrorCode.Conflict) throw error;
      return this.render(req, res, viewer, HttpStatus.CONFLICT, { values: { role: 'channel_manager' }, errors: {}, deactivateError: error.message });
    }
    res.redirect(HttpStatus.SEE_OTHER, '/admin/users?done=deactivated');
  }

  private async render(req: Request, res: Response, viewer: Principal, status: HttpStatus, state: { values: FormValues; errors: Record<string, string>; message?: string; flash?: string; deactivateError?: string }): Promise<void> {
    const users = await this.users.listAll();
    res.status(status).render('admin/users', {
      title: 'Users',
      ...state,
      // Vendor staff can be deactivated here (partner users by their partner admin), but not one's own account.
      users: users.map((user) => ({ ...user, deactivatable: user.active && user.partnerName === null && user.id !== viewer.id })),
      roleChoices: STAFF_ROLES.map((role) => ({ role, selected: state.values.role === role })),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
