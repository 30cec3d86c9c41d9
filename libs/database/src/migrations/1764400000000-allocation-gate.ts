import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * allocation_gate(country, partner ids): waits until no other transaction is allocating a lead of that
 * country (an advisory lock held to the end of the caller's transaction), then returns the partners'
 * counters as committed at that moment. A function, so that the wait and the read are one round trip:
 * a VOLATILE function's queries each take a fresh snapshot, so the read sees the offers committed by the
 * transactions waited for, which a single statement (one snapshot, taken before the wait) would not.
 */
export class AllocationGate1764400000000 implements MigrationInterface {
  name = 'AllocationGate1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION allocation_gate(country text, partner_ids uuid[])
        RETURNS TABLE (partner_id uuid, partner_open_leads integer, partner_allocations numeric)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        -- The seed keeps this key space apart from the other advisory locks.
        PERFORM pg_advisory_xact_lock(hashtextextended(country, 21));
        RETURN QUERY SELECT p.id, p.open_leads, p.allocations_recent FROM partners p WHERE p.id = ANY(partner_ids);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION allocation_gate(text, uuid[])`);
  }
}
