import { MigrationInterface, QueryRunner } from 'typeorm';

/** A lead a partner found not sales-ready goes back to marketing: status `recycled` (see libs/lifecycle). */
export class RecycledStatus1764102000000 implements MigrationInterface {
  name = 'RecycledStatus1764102000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_status_check`);
    await q.query(`
      ALTER TABLE leads ADD CONSTRAINT leads_status_check CHECK (status IN
        ('new', 'offered', 'accepted', 'contacted', 'qualified', 'opportunity', 'won', 'lost',
         'declined', 'recalled', 'disqualified', 'recycled', 'unallocated'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP CONSTRAINT leads_status_check`);
    await q.query(`
      ALTER TABLE leads ADD CONSTRAINT leads_status_check CHECK (status IN
        ('new', 'offered', 'accepted', 'contacted', 'qualified', 'opportunity', 'won', 'lost',
         'declined', 'recalled', 'disqualified', 'unallocated'))`);
  }
}
