import { MigrationInterface, QueryRunner } from 'typeorm';

/** The next step a rep plans for a lead: a day, and optionally what (shown in the inbox). */
export class NextStep1764000800000 implements MigrationInterface {
  name = 'NextStep1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ADD COLUMN next_step_on date, ADD COLUMN next_step text CHECK (length(next_step) <= 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP COLUMN next_step_on, DROP COLUMN next_step`);
  }
}
