import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which optional emails each user turned off, and who resent a failed email. */
export class EmailPreferences1763900008000 implements MigrationInterface {
  name = 'EmailPreferences1763900008000';

  async up(q: QueryRunner): Promise<void> {
    // Template names (only optional ones are honoured): a list, so a new optional email starts switched on for everyone.
    await q.query(`ALTER TABLE users ADD COLUMN email_opt_outs text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE outbound_emails ADD COLUMN resent_by text, ADD COLUMN resent_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbound_emails DROP COLUMN resent_by, DROP COLUMN resent_at`);
    await q.query(`ALTER TABLE users DROP COLUMN email_opt_outs`);
  }
}
