import { QueryFailedError } from 'typeorm';

// Contention, not a bug: a serialization failure, a deadlock, a lock or statement timeout. Trying again later can succeed.
const TRANSIENT_CODES = new Set(['40001', '40P01', '55P03', '57014']);

/** Whether the error is a database failure that a later attempt may not meet (its SQLSTATE names contention). */
export function isTransientFailure(error: unknown): error is QueryFailedError {
  return error instanceof QueryFailedError && TRANSIENT_CODES.has((error.driverError as { code?: string }).code ?? '');
}
