import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { csrfTokenFor, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode, HttpExceptionFilter } from '@leadgate/common';

/** A partner or lead this channel manager may not see (or that does not exist) gets a page saying so. */
@Catch(DomainError)
export class ChannelNotFoundFilter implements ExceptionFilter {
  private readonly fallback = new HttpExceptionFilter();

  catch(error: DomainError, host: ArgumentsHost): void {
    if (error.code !== DomainErrorCode.NotFound) return this.fallback.catch(error, host);
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const viewer = req.user as Principal | undefined;
    res.status(HttpStatus.NOT_FOUND).render('channel/not-found', { title: error.message, message: error.message, viewer, csrfToken: csrfTokenFor(req) });
  }
}
