import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday calendars: named, shared sets of public holidays of a country (and region), generated per year
 * by date-holidays when a due time needs them, plus custom dates; partners point at one. Each partner's
 * old per-partner list of dates becomes its own custom calendar ("<name> holidays"), so no day off is lost.
 *
 * audit_entries: who changed which admin setting when, before → after, written in the change's transaction.
 */
export class HolidayCalendarsAndAudit1764105000000 implements MigrationInterface {
  name = 'HolidayCalendarsAndAudit1764105000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_calendars (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        country text CHECK (country ~ '^[A-Z]{2}$'),
        region text CHECK (region IS NULL OR (country IS NOT NULL AND region ~ '^[A-Z0-9]{1,10}$')),
        custom_dates date[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT holiday_calendars_name_unique UNIQUE (name)
      )`);
    await q.query(`ALTER TABLE partners ADD COLUMN holiday_calendar_id uuid REFERENCES holiday_calendars (id)`);
    await q.query(`CREATE INDEX partners_holiday_calendar_idx ON partners (holiday_calendar_id)`);
    await q.query(`
      WITH listed AS (
        SELECT id, name, holidays FROM partners WHERE cardinality(holidays) > 0
      ), created AS (
        INSERT INTO holiday_calendars (name, custom_dates)
        SELECT name || ' holidays', ARRAY(SELECT DISTINCT d FROM unnest(holidays) AS d ORDER BY d) FROM listed
        RETURNING id, name
      )
      UPDATE partners p SET holiday_calendar_id = c.id FROM created c WHERE c.name = p.name || ' holidays'`);
    await q.query(`ALTER TABLE partners DROP COLUMN holidays`);

    await q.query(`
      CREATE TABLE audit_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        entity text NOT NULL CHECK (entity IN ('lead_type', 'partner', 'holiday_calendar', 'user', 'setting')),
        entity_id text NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_entries_entity_idx ON audit_entries (entity, entity_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_at_idx ON audit_entries (entity, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`ALTER TABLE partners ADD COLUMN holidays date[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE partners p SET holidays = c.custom_dates FROM holiday_calendars c WHERE c.id = p.holiday_calendar_id`);
    await q.query(`ALTER TABLE partners DROP COLUMN holiday_calendar_id`);
    await q.query(`DROP TABLE holiday_calendars`);
  }
}
