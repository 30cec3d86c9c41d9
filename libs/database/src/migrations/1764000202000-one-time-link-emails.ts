import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password-reset and invitation emails keep only their link's id; the secret is derived and written in when the
 * email is sent. Links already sitting in sent or failed rows are blanked out (queued ones are left to be sent).
 */
export class OneTimeLinkEmails1764000202000 implements MigrationInterface {
  name = 'OneTimeLinkEmails1764000202000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbound_emails ADD COLUMN one_time_link_id uuid`);
    await q.query(`
      UPDATE outbound_emails
         SET html = regexp_replace(html, 'token=[^"&<\\s]+', 'token=removed', 'g'),
             text = regexp_replace(text, 'token=[^"&<\\s]+', 'token=removed', 'g')
       WHERE template IN ('password-reset', 'invitation') AND status <> 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbound_emails DROP COLUMN one_time_link_id`);
  }
}
