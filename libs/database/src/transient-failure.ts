import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

// Contention, not a bug: a serialization failure, a deadlock, a lock or statement timeout. Trying again later can succeed.
const TRANSIENT_CODES = new Set(['40001', '40P01', '55P03', '57014']);

/**
 * Whether the error is a database failure that a later attempt may not meet (its SQLSTATE names
 * contention). TypeORM wraps the driver's error; a prepared statement run on the client raises it bare.
 */
export function isTransientFailure(error: unknown): error is Error {
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  return driverError instanceof DatabaseError && TRANSIENT_CODES.has(driverError.code ?? '');
}
