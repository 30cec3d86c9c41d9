import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who sent each lead is its timeline's "created" row: indexed so an intake token can list the leads it sent. */
export class LeadsBySender1764000701000 implements MigrationInterface {
  name = 'LeadsBySender1764000701000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX lead_events_created_by_idx ON lead_events (actor, lead_id) WHERE kind = 'created'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX lead_events_created_by_idx`);
  }
}
