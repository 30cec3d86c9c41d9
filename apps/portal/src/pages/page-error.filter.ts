import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { csrfTokenFor, Principal } from '@leadgate/auth';
import { HttpExceptionFilter } from '@leadgate/common';
import { signInPathFor } from './sign-in-return';

const TITLES: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'That request could not be read',
  [HttpStatus.FORBIDDEN]: 'Not for your role',
  [HttpStatus.NOT_FOUND]: 'Not found',
  [HttpStatus.CONFLICT]: 'That could not be done now',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'That was too large',
};

/** Where each role goes on from an error page. */
function homeOf(viewer: Principal | undefined): { href: string; label: string } {
  switch (viewer?.role) {
    case 'partner_admin':
    case 'partner_rep':
      return { href: '/leads', label: 'Back to your leads' };
    case 'channel_manager':
      return { href: '/partners', label: 'Back to your partners' };
    case 'admin':
      return { href: '/', label: 'Back to the dashboard' };
    default:
      return { href: '/login', label: 'Sign in' };
  }
}

/**
 * Pages never end on JSON: signed out, the browser goes to the sign-in form and comes back to the page
 * it asked for; any other error is an HTML page with the navigation, the status and what to do next.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageErrorFilter');
  private readonly errors = new HttpExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.errors.toBody(exception);
    if (status === HttpStatus.UNAUTHORIZED) return res.redirect(HttpStatus.SEE_OTHER, signInPathFor(req));
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    const viewer = req.user as Principal | undefined;
    const message = status >= 500 ? 'Something went wrong on our side. Try again in a moment; if it keeps happening, tell your LeadGate administrator.' : String(body.message ?? '');
    const title = status >= 500 ? 'Something went wrong' : status === HttpStatus.NOT_FOUND && message ? message : (TITLES[status] ?? 'That did not work');
    // A request that failed validation lists each field's problem, as the API does.
    const problems = ((body.errors ?? []) as { field: string; problems: string[] }[]).flatMap((f) => f.problems);
    res.status(status).render('error', {
      title,
      message: problems.length > 0 ? undefined : title === message ? 'It does not exist, or it is not yours to see.' : message,
      problems,
      back: homeOf(viewer),
      viewer,
      csrfToken: csrfTokenFor(req),
    });
  }
}
