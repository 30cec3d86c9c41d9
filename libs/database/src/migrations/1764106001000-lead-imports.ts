import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lead imports started on the admin page: progress while the portal works through the file, then the rejected rows. */
export class LeadImports1764106001000 implements MigrationInterface {
  name = 'LeadImports1764106001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lead_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        created_by text NOT NULL,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'stopped')),
        total_rows int NOT NULL,
        processed_rows int NOT NULL DEFAULT 0,
        created_leads int NOT NULL DEFAULT 0,
        duplicate_leads int NOT NULL DEFAULT 0,
        rejected_rows jsonb NOT NULL DEFAULT '[]',
        stop_reason text,
        started_at timestamptz NOT NULL,
        progressed_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX lead_imports_started_idx ON lead_imports (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lead_imports`);
  }
}
