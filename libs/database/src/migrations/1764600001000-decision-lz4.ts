import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision record lists every candidate (35 KB of JSON at 200 partners), compressed when stored. lz4
 * compresses it several times faster than PostgreSQL's default pglz, at about the same size, and the offer
 * statement pays for it on every lead. Only new rows use it: nothing is rewritten. A server built without
 * lz4 keeps pglz.
 */
export class DecisionLz41764600001000 implements MigrationInterface {
  name = 'DecisionLz41764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        ALTER TABLE allocation_decisions ALTER COLUMN candidates SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_decisions ALTER COLUMN candidates SET COMPRESSION default`);
  }
}
