import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who gets a partner's email, said once: for each partner and each group (`team`: its admins and reps;
 * `admins`: its admins only) the active users in that group, or the partner's contact address when it
 * has none; and (`channel_manager`) its active channel manager. `opt_outs` lists the optional messages
 * a user turned off. The contact address stands in only for a missing user, never for an opt-out, so
 * every partner hears about its leads.
 */
export class PartnerEmailRecipients1763900011000 implements MigrationInterface {
  name = 'PartnerEmailRecipients1763900011000';

  async up(q: QueryRunner): Promise<void> {
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW partner_email_recipients`);
  }
}
