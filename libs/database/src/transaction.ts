import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way services open a transaction. PostgreSQL's default READ COMMITTED is what every
 * service is written for (row locks and unique constraints, not serializable retries); naming it
 * would cost an extra round trip per transaction.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}

/** Runs `work` behind a savepoint of the caller's transaction: if it throws, only its own writes roll back. */
export function inSavepoint<T>(tx: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return tx.transaction(work);
}
