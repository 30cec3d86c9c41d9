import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TooManyAttemptsException } from '@leadgate/auth';
import { forgotEmailOf, forgotView, RESET_THROTTLED } from './password-view';

/** A throttled reset request gets the form back with status 429, not a JSON error. */
@Catch(TooManyAttemptsException)
export class PasswordThrottledFilter implements ExceptionFilter {
  catch(_: TooManyAttemptsException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    res.status(HttpStatus.TOO_MANY_REQUESTS).render('password-forgot', forgotView(req, { email: forgotEmailOf(req), formError: RESET_THROTTLED }));
  }
}
