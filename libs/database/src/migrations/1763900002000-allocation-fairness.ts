import { MigrationInterface, QueryRunner } from 'typeorm';

/** What allocation needs to stay fast and fair at thousands of partners. */
export class AllocationFairness1763900002000 implements MigrationInterface {
  name = 'AllocationFairness1763900002000';

  async up(q: QueryRunner): Promise<void> {
    // Recent allocations per partner: the fair-share state. The worker halves it daily, so it
    // remembers recent history without counting assignment rows on every allocation.
    await q.query(`ALTER TABLE partners ADD COLUMN allocations_recent numeric(12, 4) NOT NULL DEFAULT 0 CHECK (allocations_recent >= 0)`);
    // The plain-English one-line explanation of each decision, next to its candidate list.
    await q.query(`ALTER TABLE allocation_decisions ADD COLUMN summary text NOT NULL DEFAULT ''`);
    // Candidates are found by territory overlap: a GIN index answers `territories && $codes`.
    // fastupdate off: partners change rarely, and a pending list would slow every lookup until vacuum.
    await q.query(`CREATE INDEX partners_territories_idx ON partners USING gin (territories) WITH (fastupdate = off)`);
    // Every allocation bumps a partner's counters; free space on each page keeps those updates HOT.
    await q.query(`ALTER TABLE partners SET (fillfactor = 70)`);
    // Leads waiting for (re-)allocation, oldest first.
    await q.query(`CREATE INDEX leads_pending_allocation_idx ON leads (created_at) WHERE status IN ('new', 'declined', 'recalled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leads_pending_allocation_idx`);
    await q.query(`DROP INDEX partners_territories_idx`);
    await q.query(`ALTER TABLE allocation_decisions DROP COLUMN summary`);
    await q.query(`ALTER TABLE partners DROP COLUMN allocations_recent`);
  }
}
