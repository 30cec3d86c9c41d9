import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deal registration names its contact by email, phone or name (issue 18: contact name, email, phone), so the
 * lead an approved one becomes may have no email. Only such a lead: marketing's intake still requires one
 * (duplicates are found by email), so the CHECK keeps every marketing lead's email. The matching rules need
 * no change — a NULL email equals nothing, so it never matches by email or domain, only by company.
 */
export class RegisteredDealWithoutEmail1764200002000 implements MigrationInterface {
  name = 'RegisteredDealWithoutEmail1764200002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ALTER COLUMN email DROP NOT NULL, ALTER COLUMN email_normalized DROP NOT NULL`);
    await q.query(`ALTER TABLE leads ADD CONSTRAINT leads_email_required CHECK (email IS NOT NULL OR source = 'registered_deal')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_email_required`);
    // A lead without an email cannot stay: the earlier schema has none.
    await q.query(`UPDATE leads SET email = 'unknown@invalid', email_normalized = 'unknown@invalid' WHERE email IS NULL`);
    await q.query(`ALTER TABLE leads ALTER COLUMN email SET NOT NULL, ALTER COLUMN email_normalized SET NOT NULL`);
  }
}
