import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * partners.around_the_clock: a partner's SLA clocks run in calendar time only when it says so. Before,
 * an empty business_hours silently meant the same; those partners keep their behaviour, now explicit.
 */
export class PartnerAroundTheClock1764000401000 implements MigrationInterface {
  name = 'PartnerAroundTheClock1764000401000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners ADD COLUMN around_the_clock boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE partners SET around_the_clock = true WHERE business_hours = '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners DROP COLUMN around_the_clock`);
  }
}
