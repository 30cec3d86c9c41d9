import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM change feed (`GET /api/v1/leads?updatedSince=`): every insert or real update of a lead stamps it with
 * the writing transaction's id. A reader returns only rows stamped by transactions older than the oldest one
 * still running (`pg_snapshot_xmin`), in (transaction id, lead id) order; nothing can later commit below that
 * horizon, so a cursor at the last row returned never skips a lead whose change commits late, unlike a
 * timestamp or a sequence, whose order is not commit order.
 */
export class LeadChangeFeed1764106000000 implements MigrationInterface {
  name = 'LeadChangeFeed1764106000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`
      CREATE FUNCTION leads_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE before leads; after leads;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          -- Nothing a CRM sees changed (a waiting lead only looked at again): no new change.
          before := OLD; after := NEW;
          before.allocation_checked_at := NULL; after.allocation_checked_at := NULL;
          IF before IS NOT DISTINCT FROM after THEN RETURN NEW; END IF;
        END IF;
        NEW.change_xid := pg_current_xact_id();
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER leads_stamp_change BEFORE INSERT OR UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION leads_stamp_change()`);
    await q.query(`CREATE INDEX leads_change_feed_idx ON leads (change_xid, id)`);
    await q.query(`CREATE INDEX leads_partner_change_feed_idx ON leads (current_partner_id, change_xid, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER leads_stamp_change ON leads`);
    await q.query(`DROP FUNCTION leads_stamp_change()`);
    await q.query(`ALTER TABLE leads DROP COLUMN change_xid`);
  }
}
