import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * allocation_gate takes several countries: a batch of leads (bulk intake) waits for all its countries at once,
 * taking their locks in one order (sorted), as every caller does, so two batches never wait for each other
 * in a circle. One country is a batch of one. Otherwise as in 1764400000000.
 */
export class AllocationGateCountries1764600000000 implements MigrationInterface {
  name = 'AllocationGateCountries1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION allocation_gate(text, uuid[])`);
    await q.query(`
      CREATE FUNCTION allocation_gate(countries text[], partner_ids uuid[])
        RETURNS TABLE (partner_id uuid, partner_open_leads integer, partner_allocations numeric)
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        country text;
      BEGIN
        FOR country IN SELECT DISTINCT c COLLATE "C" FROM unnest(countries) AS c ORDER BY 1 LOOP
          -- The seed keeps this key space apart from the other advisory locks.
          PERFORM pg_advisory_xact_lock(hashtextextended(country, 21));
        END LOOP;
        RETURN QUERY SELECT p.id, p.open_leads, p.allocations_recent FROM partners p WHERE p.id = ANY(partner_ids);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION allocation_gate(text[], uuid[])`);
    await q.query(`
      CREATE FUNCTION allocation_gate(country text, partner_ids uuid[])
        RETURNS TABLE (partner_id uuid, partner_open_leads integer, partner_allocations numeric)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(country, 21));
        RETURN QUERY SELECT p.id, p.open_leads, p.allocations_recent FROM partners p WHERE p.id = ANY(partner_ids);
      END $$`);
  }
}
