import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * standing_overrides.standing_before: the partner's standing when the override began. Allocation uses
 * it from the override's end until the compliance recompute ends the override, so an override stops
 * counting at its end time rather than up to a recompute later. Existing overrides take it from the
 * standing change their creation recorded; one without such a row keeps the override's standing.
 */
export class OverrideStandingBefore1764000400000 implements MigrationInterface {
  name = 'OverrideStandingBefore1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standing_overrides ADD COLUMN standing_before text CHECK (standing_before IN ('good', 'warning', 'suspended'))`);
    await q.query(`
      UPDATE standing_overrides so
         SET standing_before = COALESCE(
               (SELECT sc.from_standing FROM standing_changes sc
                 WHERE sc.partner_id = so.partner_id AND sc.source = 'override' AND sc.at = so.created_at
                 ORDER BY sc.id LIMIT 1),
               so.standing)`);
    await q.query(`ALTER TABLE standing_overrides ALTER COLUMN standing_before SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE standing_overrides DROP COLUMN standing_before`);
  }
}
