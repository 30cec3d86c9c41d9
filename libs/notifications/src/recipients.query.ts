// Who gets a partner's email: its active users in the given roles, else its contact address; optionally its channel manager.
import { EntityManager } from 'typeorm';
import { OPTIONAL_TEMPLATES, TemplateName } from './templates/messages';

export interface Recipient {
  address: string;
  userId: string | null;
  name: string;
  audience: 'partner' | 'channel_manager';
}

type PartnerRole = 'partner_admin' | 'partner_rep';

export interface RecipientRow {
  partner_id: string;
  address: string;
  user_id: string | null;
  name: string;
  audience: Recipient['audience'];
}

/**
 * The recipients query, with SQL expressions for its inputs, so a statement that already knows the
 * partner (the allocation's offer) can select its recipients in the same round trip. Rows: partner_id,
 * address, user_id, name, audience, ordered by partner and address.
 */
export function recipientsSql(input: { partnerIds: string; roles: string; withChannelManager: string; optOut: string }): string {
  const { partnerIds, roles, withChannelManager, optOut } = input;
  return `SELECT p.id AS partner_id, r.address, r.user_id, r.name, r.audience
       FROM partners p
       CROSS JOIN LATERAL (
         SELECT u.email AS address, u.id AS user_id, u.display_name AS name, 'partner' AS audience
           FROM users u WHERE u.partner_id = p.id AND u.active AND u.role = ANY(${roles})
            AND (${optOut} IS NULL OR NOT ${optOut} = ANY(u.email_opt_outs))
         UNION ALL
         SELECT lower(p.contact_email), NULL, p.name, 'partner'
          WHERE p.contact_email IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id AND u.active AND u.role = ANY(${roles}))
         UNION ALL
         SELECT cm.email, cm.id, cm.display_name, 'channel_manager'
           FROM users cm WHERE ${withChannelManager} AND cm.id = p.channel_manager_id AND cm.active
            AND (${optOut} IS NULL OR NOT ${optOut} = ANY(cm.email_opt_outs))
       ) r
      WHERE p.id = ANY(${partnerIds})
      ORDER BY p.id, r.address`;
}

/** Recipients as the recipients query returns them, grouped by partner. */
export function recipientsByPartner(rows: RecipientRow[]): Map<string, Recipient[]> {
  const byPartner = new Map<string, Recipient[]>();
  for (const row of rows) {
    const list = byPartner.get(row.partner_id) ?? [];
    list.push({ address: row.address, userId: row.user_id, name: row.name, audience: row.audience });
    byPartner.set(row.partner_id, list);
  }
  return byPartner;
}

/**
 * One query for any number of partners. The contact address stands in only when the partner has no
 * user in those roles (not when its users turned an optional message off), so every partner hears
 * about its leads. Users who turned off `template` are left out, if it is an optional one.
 */
export async function partnerRecipients(
  manager: EntityManager,
  partnerIds: string[],
  roles: PartnerRole[],
  withChannelManager = false,
  template: TemplateName | null = null,
): Promise<Map<string, Recipient[]>> {
  const optOut = template && OPTIONAL_TEMPLATES.has(template) ? template : null;
  const rows: RecipientRow[] = await manager.query(
    recipientsSql({ partnerIds: '$1::uuid[]', roles: '$2::text[]', withChannelManager: '$3::boolean', optOut: '$4::text' }),
    [partnerIds, roles, withChannelManager, optOut],
  );
  return recipientsByPartner(rows);
}
