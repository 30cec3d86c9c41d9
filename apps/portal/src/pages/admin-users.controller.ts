import { Body, Controller, Get, HttpStatus, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, csrfTokenFor, CurrentPrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, UserRole } from '@leadgate/common';
import { UsersService } from '@leadgate/users';
import { errorsByField } from './admin-forms';
import { formValues, FormValues } from './lead-forms';
import { PageErrorFilter } from './page-error.filter';

// Partner users are invited by their partner admin (/team); this page makes vendor staff only.
const STAFF_ROLES: UserRole[] = ['admin', 'channel_manager'];

/** Every user for admins, and creating an admin or channel manager with a password. */
@ApiExcludeController()
@Controller('admin/users')
@Authorize('admin')
@UseFilters(PageErrorFilter)
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() viewer: Principal): Promise<void> {
    await this.render(req, res, viewer, HttpStatus.OK, { values: { role: 'channel_manager' }, errors: {}, flash: req.query.done === 'created' ? 'User created: they can sign in now.' : undefined });
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

  private async render(req: Request, res: Response, viewer: Principal, status: HttpStatus, state: { values: FormValues; errors: Record<string, string>; message?: string; flash?: string }): Promise<void> {
    const users = await this.users.listAll();
    res.status(status).render('admin/users', {
      title: 'Users',
      ...state,
      users,
      roleChoices: STAFF_ROLES.map((role) => ({ role, selected: state.values.role === role })),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
