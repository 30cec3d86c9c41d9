import { EntityManager } from 'typeorm';

let savepoints = 0;

/**
 * Runs `work` behind a savepoint of the caller's transaction: if it throws, only its own writes (and locks)
 * roll back. On success the savepoint is left for COMMIT to release, a round trip less than RELEASE
 * SAVEPOINT, which matters when the work holds a lock others queue for until the transaction ends.
 */
export async function inSavepoint<T>(tx: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const name = `savepoint_${++savepoints}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    return await work(tx);
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
