import { DataSource, EntityManager } from 'typeorm';
import { isSerializationFailure } from './transient-failure';

// A deadlock or serialization failure rolls the whole transaction back; running it again from the
// start usually succeeds. Bounded, with a jittered backoff so the two victims do not collide again.
const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 10;

/**
 * The one way services open a transaction. PostgreSQL's default READ COMMITTED is what every
 * service is written for (row locks and unique constraints); naming it would cost an extra round
 * trip per transaction. A transaction PostgreSQL aborts as a deadlock victim or for a serialization
 * failure (SQLSTATE 40P01, 40001) is run again, so `work` must do nothing outside the database that
 * it could not repeat.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isSerializationFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_BASE_MS * 2 ** attempt));
    }
  }
}
