import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answer each API POST with an Idempotency-Key gave, per caller (API token or user), so a retry replays it.
 * A row without a response is a request still running (or one whose process died: `locked_until` lets a retry take over).
 */
export class IdempotencyKeys1764000200000 implements MigrationInterface {
  name = 'IdempotencyKeys1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        response_status int,
        response_body jsonb,
        locked_until timestamptz,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
