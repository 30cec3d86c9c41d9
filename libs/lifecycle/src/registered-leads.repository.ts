// leads and assignments for an approved deal registration: the buyer becomes a lead its partner holds at once.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LeadStatus } from './policy/statuses';
import { assignmentAfter, leadAfter, TimelineKind } from './policy/transitions';
import { TimelineRepository } from './timeline.repository';

export interface NewRegisteredLead {
  dealId: string;
  partnerId: string;
  partnerName: string;
  leadTypeId: string;
  at: Date;
  /** Null when the registration named its contact by phone or name only. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  company: string;
  country: string;
  postalCode: string | null;
  productInterest: string | null;
  notes: string | null;
  currency: string | null;
  /** The contact and feedback clocks in the partner's calendar; there is no offer, so no accept clock to run. */
  contactDueAt: Date;
  feedbackDueAt: Date;
  actor: string;
}

@Injectable()
export class RegisteredLeadsRepository {
  constructor(private readonly timeline: TimelineRepository) {}

  /**
   * The transition table's `register`, in one statement: the lead (source registered_deal), its partner's
   * capacity slot and an accepted assignment. The slot is claimed whatever the partner's capacity — it
   * brought the buyer itself — so open_leads stays the count of open assignments (see /health). There is
   * no offer, so no accept clock: accept_due_at stays NULL (held from the start, accepted_at = offered_at),
   * and sla_clocks, compliance and the reports count only its contact and feedback clocks.
   */
  async create(tx: EntityManager, lead: NewRegisteredLead): Promise<{ leadId: string; assignmentId: string }> {
    const [row]: { lead_id: string; assignment_id: string }[] = await tx.query(
      `WITH lead AS (
         INSERT INTO leads (lead_type_id, status, email, email_normalized, first_name, last_name, phone, company, country, postal_code,
                            product_interest, notes, current_partner_id, currency, source, created_at, updated_at)
         VALUES ($1, $2, $3, lower($3), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'registered_deal', $14, $14)
         RETURNING id
       ), claimed AS (
         UPDATE partners SET open_leads = open_leads + 1 WHERE id = $12 RETURNING id
       )
       INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at)
       SELECT lead.id, claimed.id, $15, $14, NULL, $16, $17, $14 FROM lead, claimed
       RETURNING lead_id, id AS assignment_id`,
      [
        lead.leadTypeId, leadAfter('register', LeadStatus.New), lead.email, lead.firstName, lead.lastName, lead.phone, lead.company,
        lead.country, lead.postalCode, lead.productInterest, lead.notes, lead.partnerId, lead.currency, lead.at,
        assignmentAfter('register'), lead.contactDueAt, lead.feedbackDueAt,
      ],
    );
    await this.timeline.record(tx, {
      leadId: row.lead_id, at: lead.at, kind: TimelineKind.Created, actor: lead.actor, partnerId: lead.partnerId,
      summary: `Registered as a deal by ${lead.partnerName}; approved by a channel manager`,
      data: { dealId: lead.dealId, assignmentId: row.assignment_id, contactDueAt: lead.contactDueAt, feedbackDueAt: lead.feedbackDueAt },
    });
    return { leadId: row.lead_id, assignmentId: row.assignment_id };
  }
}
