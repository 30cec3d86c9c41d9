import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';

/** A page visited without signing in sends the browser to the sign-in form instead of a JSON 401. */
@Catch(UnauthorizedException)
export class SignInRedirectFilter implements ExceptionFilter {
  catch(_: UnauthorizedException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().redirect(HttpStatus.SEE_OTHER, '/login');
  }
}
