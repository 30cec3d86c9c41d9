import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * partner_pauses: dates a partner takes no offers (holiday, trade fair), without penalty. A pause runs
 * from starts_at until ends_at, or until ended_at when someone ended it early (an ended_at at or before
 * starts_at means it never began). Allocation reads the pause not yet over at the decision time.
 */
export class PartnerPauses1764000500000 implements MigrationInterface {
  name = 'PartnerPauses1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_pauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by text,
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX partner_pauses_partner_idx ON partner_pauses (partner_id, ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_pauses`);
  }
}
