import { MigrationInterface, QueryRunner } from 'typeorm';

/** The email outbox: rendered messages written in the transaction of the change that caused them. */
export class Notifications1763900005000 implements MigrationInterface {
  name = 'Notifications1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbound_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- One row per message and recipient, whoever enqueues it and however often: also the Message-ID.
        dedupe_key text NOT NULL,
        template text NOT NULL,
        to_address text NOT NULL,
        to_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject text NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- While queued: when a worker may next claim it; a claim pushes it forward by the lease.
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT outbound_emails_dedupe_key_unique UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX outbound_emails_due_idx ON outbound_emails (next_attempt_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX outbound_emails_failed_idx ON outbound_emails (created_at) WHERE status = 'failed'`);
    // When the accept reminder for an open offer was queued: each offer is reminded once.
    await q.query(`ALTER TABLE assignments ADD COLUMN accept_reminded_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments DROP COLUMN accept_reminded_at`);
    await q.query(`DROP TABLE outbound_emails`);
  }
}
