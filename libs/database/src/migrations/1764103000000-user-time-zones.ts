import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's own time zone, and emails that follow the owner after a lead left its partner.
 *
 * - `users.time_zone`: an IANA zone the user chose; null means the default (a partner user their
 *   partner's zone, vendor staff UTC). The view `user_time_zones` says that rule once; the recipient
 *   views below say the same with the partner row at hand.
 * - The recipient views carry each recipient's zone (`time_zone`), so an email is written in it.
 * - `assignments.owner_at_end`: who owned the lead when the offer was recalled. The lead is unowned as
 *   it leaves (the trigger of lead-owners), so without it the recall email fell back to the whole team.
 */
export class UserTimeZones1764103000000 implements MigrationInterface {
  name = 'UserTimeZones1764103000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN time_zone text CHECK (length(time_zone) <= 64)`);
    await q.query(`ALTER TABLE assignments ADD COLUMN owner_at_end uuid REFERENCES users (id)`);
    await q.query(`
      CREATE VIEW user_time_zones AS
      SELECT u.id AS user_id, COALESCE(u.time_zone, p.timezone, 'UTC') AS time_zone
        FROM users u LEFT JOIN partners p ON p.id = u.partner_id`);
    await q.query(`
      CREATE OR REPLACE VIEW partner_email_recipients AS
      SELECT p.id AS partner_id, g.recipients_of, u.email AS address, u.id AS user_id, u.display_name AS name, u.email_opt_outs AS opt_outs,
             COALESCE(u.time_zone, p.timezone) AS time_zone
        FROM partners p
        CROSS JOIN (VALUES ('team', ARRAY['partner_admin', 'partner_rep']), ('admins', ARRAY['partner_admin'])) AS g (recipients_of, roles)
        JOIN users u ON u.partner_id = p.id AND u.active AND u.role = ANY (g.roles)
      UNION ALL
      SELECT p.id, g.recipients_of, lower(p.contact_email), NULL, p.name, '{}'::text[], p.timezone
        FROM partners p
        CROSS JOIN (VALUES ('team', ARRAY['partner_admin', 'partner_rep']), ('admins', ARRAY['partner_admin'])) AS g (recipients_of, roles)
       WHERE p.contact_email IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id AND u.active AND u.role = ANY (g.roles))
      UNION ALL
      SELECT p.id, 'channel_manager', cm.email, cm.id, cm.display_name, cm.email_opt_outs, COALESCE(cm.time_zone, 'UTC')
        FROM partners p
        JOIN users cm ON cm.id = p.channel_manager_id AND cm.active`);
    await q.query(`DROP VIEW assignment_email_recipients`);
    await q.query(`
      CREATE VIEW assignment_email_recipients AS
      SELECT a.id AS assignment_id, r.partner_id, r.recipients_of, r.address, r.user_id, r.name, r.opt_outs, r.time_zone
        FROM assignments a
        JOIN leads l ON l.id = a.lead_id
        JOIN partner_email_recipients r ON r.partner_id = a.partner_id
        -- The owner while the partner holds the lead; after it left, whoever owned it then.
        CROSS JOIN LATERAL (SELECT CASE WHEN l.current_partner_id = a.partner_id THEN l.owner_id ELSE a.owner_at_end END AS owner_id) o
       WHERE CASE WHEN o.owner_id IS NULL
                  THEN r.recipients_of = 'team'
                  ELSE (r.recipients_of = 'team' AND r.user_id = o.owner_id)
                    OR (r.recipients_of = 'admins' AND r.user_id IS DISTINCT FROM o.owner_id
                        AND NOT 'owned-lead-copies' = ANY (r.opt_outs))
             END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW assignment_email_recipients`);
    await q.query(`DROP VIEW partner_email_recipients`);
    await q.query(`
      CREATE VIEW partner_email_recipients AS
      SELECT p.id AS partner_id, g.recipients_of, u.email AS address, u.id AS user_id, u.display_name AS name, u.email_opt_outs AS opt_outs
        FROM partners p
        CROSS JOIN (VALUES ('team', ARRAY['partner_admin', 'partner_rep']), ('admins', ARRAY['partner_admin'])) AS g (recipients_of, roles)
        JOIN users u ON u.partner_id = p.id AND u.active AND u.role = ANY (g.roles)
      UNION ALL
      SELECT p.id, g.recipients_of, lower(p.contact_email), NULL, p.name, '{}'::text[]
        FROM partners p
        CROSS JOIN (VALUES ('team', ARRAY['partner_admin', 'partner_rep']), ('admins', ARRAY['partner_admin'])) AS g (recipients_of, roles)
       WHERE p.contact_email IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id AND u.active AND u.role = ANY (g.roles))
      UNION ALL
      SELECT p.id, 'channel_manager', cm.email, cm.id, cm.display_name, cm.email_opt_outs
        FROM partners p
        JOIN users cm ON cm.id = p.channel_manager_id AND cm.active`);
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
    await q.query(`DROP VIEW user_time_zones`);
    await q.query(`ALTER TABLE assignments DROP COLUMN owner_at_end`);
    await q.query(`ALTER TABLE users DROP COLUMN time_zone`);
  }
}
