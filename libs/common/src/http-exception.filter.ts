import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorCode } from './domain-error';

const STATUS: Record<DomainErrorCode, number> = {
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

// PostgreSQL error codes that mean "your input was wrong", never a server fault.
const PG_INPUT_ERRORS: Record<string, number> = {
  '22P02': HttpStatus.BAD_REQUEST, // invalid text representation (e.g. bad uuid)
  '22001': HttpStatus.BAD_REQUEST, // value too long
  '22003': HttpStatus.BAD_REQUEST, // numeric out of range
  '23505': HttpStatus.CONFLICT, // unique violation
  '23503': HttpStatus.CONFLICT, // foreign key violation
  '23514': HttpStatus.BAD_REQUEST, // check violation
};

// The database cannot answer now, through no fault of the request: try again shortly (503 + Retry-After).
// SQLSTATE: connection exceptions (08), insufficient resources (53), shutdown or cannot connect now (57P),
// and contention that outlasted inTransaction's retries or ran into a lock or statement timeout.
const PG_UNAVAILABLE = /^(08|53|57P)|^(40001|40P01|55P03|57014)$/;
// The driver's own failures when the server is unreachable, silent (connect or query timeout) or went away.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// ("Driver not Connected": TypeORM's, for a pool that has not connected yet — the reports' replica down at start.)
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Driver not Connected)/;
const RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(exception: unknown): boolean {
  const error = exception instanceof QueryFailedError ? exception.driverError : exception;
  // Not `instanceof Error`: the socket's errors may come from another realm (node's own, under jest).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/** Every error leaves as JSON: { statusCode, message, errors? }. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable, answered 503: ${(exception as { message?: string }).message ?? String(exception)}`);
      if (!response.headersSent) {
        response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, message: 'The database is unavailable for a moment; try again shortly' });
      }
      return;
    }
    const { status, body } = this.toBody(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!response.headersSent) response.status(status).json(body);
  }

  /** The status and JSON body an error leaves with; pages render the same status as HTML. */
  toBody(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = STATUS[exception.code];
      const body: Record<string, unknown> = { statusCode: status, message: exception.message };
      if (exception.fields.length > 0) body.errors = exception.fields;
      return { status, body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const body = typeof res === 'string' ? { statusCode: status, message: res } : { statusCode: status, ...(res as object) };
      return { status, body };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string })?.code ?? '';
      const status = PG_INPUT_ERRORS[code];
      if (status) {
        const message = status === HttpStatus.CONFLICT ? 'The request conflicts with existing data' : 'Invalid value in request';
        return { status, body: { statusCode: status, message } };
      }
    }
    return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
  }
}
