// Who gets a partner's email, read from the partner_email_recipients view (which says the rule once).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OPTIONAL_TEMPLATES, TemplateName } from './templates/messages';

export interface Recipient {
  address: string;
  userId: string | null;
  name: string;
  audience: 'partner' | 'channel_manager';
}

/** The view's groups: a partner's admins and reps, its admins only. */
export type PartnerAudience = 'team' | 'admins';

/** A row of partner_email_recipients, as the offer statement returns it too. */
export interface RecipientRow {
  partner_id: string;
  recipients_of: PartnerAudience | 'channel_manager';
  address: string;
  user_id: string | null;
  name: string;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  address: row.address,
  userId: row.user_id,
  name: row.name,
  audience: row.recipients_of === 'channel_manager' ? 'channel_manager' : 'partner',
});

/** Recipient rows grouped by partner, as Recipients. */
export function recipientsByPartner(rows: RecipientRow[]): Map<string, Recipient[]> {
  const byPartner = new Map<string, Recipient[]>();
  for (const row of rows) byPartner.set(row.partner_id, [...(byPartner.get(row.partner_id) ?? []), toRecipient(row)]);
  return byPartner;
}

@Injectable()
export class RecipientsRepository {
  /**
   * One query for any number of partners: each partner's group (or its contact address), optionally its
   * channel manager. Users who turned off `template` are left out, if it is an optional one.
   */
  async forPartners(
    tx: EntityManager,
    partnerIds: string[],
    audience: PartnerAudience,
    withChannelManager = false,
    template: TemplateName | null = null,
  ): Promise<Map<string, Recipient[]>> {
    const optOut = template && OPTIONAL_TEMPLATES.has(template) ? template : null;
    const rows: RecipientRow[] = await tx.query(
      `SELECT partner_id, recipients_of, address, user_id, name
         FROM partner_email_recipients
        WHERE partner_id = ANY($1::uuid[])
          AND (recipients_of = $2 OR ($3 AND recipients_of = 'channel_manager'))
          AND ($4::text IS NULL OR NOT $4::text = ANY(opt_outs))
        ORDER BY partner_id, address`,
      [partnerIds, audience, withChannelManager, optOut],
    );
    return recipientsByPartner(rows);
  }
}
