import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TooManyAttemptsException } from '@leadgate/auth';
import { loginFormOf, loginView, SIGN_IN_THROTTLED } from './login-view';

/** A throttled sign-in gets the form back with status 429, not a JSON error. */
@Catch(TooManyAttemptsException)
export class LoginThrottledFilter implements ExceptionFilter {
  catch(_: TooManyAttemptsException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    res.status(HttpStatus.TOO_MANY_REQUESTS).render('login', loginView(req, { email: loginFormOf(req).email, formError: SIGN_IN_THROTTLED }));
  }
}
