// Who gets a partner's email, read from the partner_email_recipients view (which says the rule once).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OPTIONAL_TEMPLATES, TemplateName } from './templates/messages';

export interface Recipient {
  address: string;
  userId: string | null;
  name: string;
  audience: 'partner' | 'channel_manager';
  /** The zone the email writes instants in: the recipient's own. */
  timeZone: string;
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
  time_zone: string;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  address: row.address,
  userId: row.user_id,
  name: row.name,
  audience: row.recipients_of === 'channel_manager' ? 'channel_manager' : 'partner',
  timeZone: row.time_zone,
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
   * One query for any number of partners: each partner's group (or its contact address) or its channel manager,
   * optionally with its channel manager. Users who turned off `template` are left out, if it is an optional one.
   */
  async forPartners(
    tx: EntityManager,
    partnerIds: string[],
    audience: PartnerAudience | 'channel_manager',
    withChannelManager = false,
    template: TemplateName | null = null,
  ): Promise<Map<string, Recipient[]>> {
    const optOut = template && OPTIONAL_TEMPLATES.has(template) ? template : null;
    const rows: RecipientRow[] = await tx.query(
      `SELECT partner_id, recipients_of, address, user_id, name, time_zone
         FROM partner_email_recipients
        WHERE partner_id = ANY($1::uuid[])
          AND (recipients_of = $2 OR ($3 AND recipients_of = 'channel_manager'))
          AND ($4::text IS NULL OR NOT $4::text = ANY(opt_outs))
        ORDER BY partner_id, address`,
      [partnerIds, audience, withChannelManager, optOut],
    );
    return recipientsByPartner(rows);
  }

  /**
   * Who hears about each assignment's lead (assignment_email_recipients): an owned lead's owner and,
   * unless they turned copies off, the partner's admins; an unowned lead's whole team. One query.
   */
  async forAssignments(tx: EntityManager, assignmentIds: string[], template: TemplateName | null = null): Promise<Map<string, Recipient[]>> {
    const optOut = template && OPTIONAL_TEMPLATES.has(template) ? template : null;
    const rows: (RecipientRow & { assignment_id: string })[] = await tx.query(
      `SELECT DISTINCT ON (assignment_id, address) assignment_id, partner_id, recipients_of, address, user_id, name, time_zone
         FROM assignment_email_recipients
        WHERE assignment_id = ANY($1::uuid[])
          AND ($2::text IS NULL OR NOT $2::text = ANY(opt_outs))
        ORDER BY assignment_id, address`,
      [assignmentIds, optOut],
    );
    const byAssignment = new Map<string, Recipient[]>();
    for (const row of rows) byAssignment.set(row.assignment_id, [...(byAssignment.get(row.assignment_id) ?? []), toRecipient(row)]);
    return byAssignment;
  }

  /** One active user of the partner as a recipient; null when there is none such. */
  async partnerUser(tx: EntityManager, partnerId: string, userId: string): Promise<Recipient | null> {
    const [row]: RecipientRow[] = await tx.query(
      `SELECT partner_id, recipients_of, address, user_id, name, time_zone FROM partner_email_recipients
        WHERE partner_id = $1 AND recipients_of = 'team' AND user_id = $2`,
      [partnerId, userId],
    );
    return row ? toRecipient(row) : null;
  }
}
