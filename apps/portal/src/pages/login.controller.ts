import { Controller, Get, HttpStatus, Post, Render, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { endSession, PasswordLoginService, SESSION_COOKIE, SignInThrottleGuard, startUserSession, ThrottledAction } from '@leadgate/auth';
import type { User } from '@leadgate/users';
import { LocalLoginGuard } from './local-login.guard';
import { LoginThrottledFilter } from './login-throttled.filter';
import { loginFormOf, loginView, missingFields, returnPathOf, SIGN_IN_FAILED } from './login-view';

@ApiExcludeController()
@Controller()
export class LoginController {
  constructor(private readonly logins: PasswordLoginService) {}

  @Get('login')
  @Render('login')
  loginPage(@Req() req: Request) {
    return loginView(req);
  }

  @Post('login')
  @ThrottledAction('sign-in')
  @UseGuards(SignInThrottleGuard, LocalLoginGuard)
  @UseFilters(LoginThrottledFilter)
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = req.user as User | null;
    if (!user) {
      const form = loginFormOf(req);
      const fieldErrors = missingFields(form);
      const status = Object.keys(fieldErrors).length > 0 ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED;
      return res.status(status).render('login', loginView(req, { email: form.email, fieldErrors, formError: status === HttpStatus.UNAUTHORIZED ? SIGN_IN_FAILED : undefined }));
    }
    await startUserSession(req, user.id);
    await this.logins.recordLogin(user.id);
    res.redirect(HttpStatus.SEE_OTHER, returnPathOf(req) ?? '/');
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(HttpStatus.SEE_OTHER, '/login');
  }
}
