import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and password-reset attempts counted per account and per source address, in fixed windows, in the
 * database, so every portal process counts against the same limit.
 */
export class SignInAttempts1764000201000 implements MigrationInterface {
  name = 'SignInAttempts1764000201000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_attempts (
        bucket text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        attempts int NOT NULL CHECK (attempts > 0)
      )`);
    await q.query(`CREATE INDEX sign_in_attempts_window_idx ON sign_in_attempts (window_started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_attempts`);
  }
}
