import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

// A serialization failure or a deadlock: PostgreSQL aborted the transaction, and running it again can succeed.
const SERIALIZATION_CODES = new Set(['40001', '40P01']);
// Contention, not a bug: those two, or a lock or statement timeout. Trying again later can succeed.
const TRANSIENT_CODES = new Set([...SERIALIZATION_CODES, '55P03', '57014']);

/** The SQLSTATE of a database failure. TypeORM wraps the driver's error; a prepared statement run on the client raises it bare. */
function sqlState(error: unknown): string | undefined {
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  return driverError instanceof DatabaseError ? driverError.code : undefined;
}

/** Whether the error is a database failure that a later attempt may not meet (its SQLSTATE names contention). */
export function isTransientFailure(error: unknown): error is Error {
  return TRANSIENT_CODES.has(sqlState(error) ?? '');
}

/** Whether PostgreSQL aborted the transaction as a deadlock victim or for a serialization failure: run it again. */
export function isSerializationFailure(error: unknown): error is Error {
  return SERIALIZATION_CODES.has(sqlState(error) ?? '');
}
