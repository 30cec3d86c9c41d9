import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waiting (unallocated) leads are offered again when something changes. leads.unallocated_since: when the
 * lead began to wait (the channel manager's attention marker counts from it); leads.allocation_checked_at:
 * when the pending allocation last looked at it again, so each run takes the least recently checked first
 * and no waiting lead is starved by older ones nobody can take.
 */
export class WaitingLeads1764000501000 implements MigrationInterface {
  name = 'WaitingLeads1764000501000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ADD COLUMN unallocated_since timestamptz, ADD COLUMN allocation_checked_at timestamptz`);
    await q.query(`UPDATE leads SET unallocated_since = updated_at WHERE status = 'unallocated'`);
    await q.query(`CREATE INDEX leads_waiting_idx ON leads (allocation_checked_at NULLS FIRST, created_at) WHERE status = 'unallocated'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leads_waiting_idx`);
    await q.query(`ALTER TABLE leads DROP COLUMN unallocated_since, DROP COLUMN allocation_checked_at`);
  }
}
