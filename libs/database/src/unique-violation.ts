import { QueryFailedError } from 'typeorm';
import { DomainError } from '@leadgate/common';

/** Runs a write, turning a violation of the named unique constraint into a 409 with the given message. */
export async function conflictOnDuplicate<T>(constraint: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === constraint) {
      throw DomainError.conflict(message);
    }
    throw error;
  }
}
