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

/** Every error leaves as JSON: { statusCode, message, errors? }. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
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
