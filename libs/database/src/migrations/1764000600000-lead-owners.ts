import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead's owner inside the partner holding it, the partner's routing, reps' away dates, and who gets
 * the email about an assignment (said once, in a view).
 *
 * - `leads.owner_id` is a user of the lead's current partner: the composite foreign key says so, and a
 *   trigger unowns the lead whenever it moves to another partner (or to none), so no write path can
 *   leave an owner behind at a partner that no longer holds the lead.
 * - `partners.lead_routing`: `manual` (the partner admin assigns) or `round_robin` (each offer goes to
 *   the active rep, not away that day, whose last routed offer is oldest: `lead_routing_turns`).
 * - `assignment_email_recipients`: an unowned lead's email goes to the partner's team (as
 *   partner_email_recipients says); an owned lead's to its owner, and to the partner's admins unless
 *   they turned off `owned-lead-copies`.
 */
export class LeadOwners1764000600000 implements MigrationInterface {
  name = 'LeadOwners1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_id_partner_unique UNIQUE (id, partner_id)`);
    await q.query(`
      ALTER TABLE users ADD COLUMN away_from date, ADD COLUMN away_until date,
        ADD CONSTRAINT users_away_both CHECK ((away_from IS NULL) = (away_until IS NULL)),
        ADD CONSTRAINT users_away_ordered CHECK (away_until >= away_from)`);
    await q.query(`
      ALTER TABLE leads ADD COLUMN owner_id uuid, ADD COLUMN owner_since timestamptz,
        ADD CONSTRAINT leads_owner_of_partner FOREIGN KEY (owner_id, current_partner_id) REFERENCES users (id, partner_id),
        ADD CONSTRAINT leads_owner_needs_partner CHECK (owner_id IS NULL OR current_partner_id IS NOT NULL)`);
    await q.query(`CREATE INDEX leads_owner_idx ON leads (owner_id, status) WHERE owner_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION leads_unown_on_partner_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.current_partner_id IS DISTINCT FROM OLD.current_partner_id THEN
          NEW.owner_id := NULL;
          NEW.owner_since := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER leads_unown_on_partner_change BEFORE UPDATE OF current_partner_id ON leads
        FOR EACH ROW EXECUTE FUNCTION leads_unown_on_partner_change()`);

    await q.query(`ALTER TABLE partners ADD COLUMN lead_routing text NOT NULL DEFAULT 'manual' CHECK (lead_routing IN ('manual', 'round_robin'))`);
    await q.query(`CREATE SEQUENCE lead_routing_turn_seq`);
    await q.query(`
      CREATE TABLE lead_routing_turns (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        last_turn bigint NOT NULL
      )`);

    await q.query(`
      CREATE VIEW assignment_email_recipients AS
      SELECT a.id AS assignment_id, r.partner_id, r.recipients_of, r.address, r.user_id, r.name, r.opt_outs
        FROM assignments a
        JOIN leads l ON l.id = a.lead_id
        JOIN partner_email_recipients r ON r.partner_id = a.partner_id
       WHERE CASE WHEN l.owner_id IS NULL OR l.current_partner_id IS DISTINCT FROM a.partner_id
                  THEN r.recipients_of = 'team'
                  ELSE (r.recipients_of = 'team' AND r.user_id = l.owner_id)
                    OR (r.recipients_of = 'admins' AND r.user_id IS DISTINCT FROM l.owner_id
                        AND NOT 'owned-lead-copies' = ANY (r.opt_outs))
             END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW assignment_email_recipients`);
    await q.query(`DROP TABLE lead_routing_turns`);
    await q.query(`DROP SEQUENCE lead_routing_turn_seq`);
    await q.query(`ALTER TABLE partners DROP COLUMN lead_routing`);
    await q.query(`DROP TRIGGER leads_unown_on_partner_change ON leads`);
    await q.query(`DROP FUNCTION leads_unown_on_partner_change()`);
    await q.query(`ALTER TABLE leads DROP COLUMN owner_since, DROP COLUMN owner_id`);
    await q.query(`ALTER TABLE users DROP COLUMN away_until, DROP COLUMN away_from, DROP CONSTRAINT users_id_partner_unique`);
  }
}
