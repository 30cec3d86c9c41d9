// The emails each business fact causes, rendered and queued in the transaction that records the fact.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock, Standing } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { NotificationFactsRepository } from './notification-facts.repository';
import { OutboundEmailsRepository, OutboxRow } from './outbound-emails.repository';
import { Recipient, RecipientRow, recipientsByPartner, RecipientsRepository } from './recipients.repository';
import { renderEmail } from './template-renderer';
import { LeadSummary, TemplateData, TemplateName } from './templates/messages';

export interface OutboundMessage<T extends TemplateName = TemplateName> {
  template: T;
  /** Names the fact (e.g. `lead-offered:<assignment id>`); the recipient's address is appended per row. */
  dedupeKey: string;
  to: Recipient;
  data: TemplateData[T];
  /** The user_tokens row behind the message's set-password link: its secret is written in only when the email is sent. */
  oneTimeLinkId?: string;
}

/** Stands for a one-time link's secret in a queued email; the delivery replaces it (see EmailDeliveryService). */
export const ONE_TIME_SECRET_PLACEHOLDER = 'ONE-TIME-SECRET';

export interface StandingChangeNotice {
  /** The standing_changes row: the fact the email belongs to. */
  id: string;
  partnerId: string;
  from: Standing;
  to: Standing;
  reason: string;
}

/** What an email about one assignment says: its partner, lead and due times. */
export interface AssignmentFacts {
  assignment_id: string;
  partner_id: string;
  partner_name: string;
  lead_id: string;
  company: string;
  country: string;
  lead_type_name: string;
  accept_due_at: Date;
  contact_due_at: Date;
  feedback_due_at: Date;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: OutboundEmailsRepository,
    private readonly facts: NotificationFactsRepository,
    private readonly recipients: RecipientsRepository,
  ) {}

  /**
   * Renders each message and adds it to the outbox in the caller's transaction: if that rolls back,
   * nothing is sent. A message already queued under the same key is left alone. Returns rows added.
   */
  enqueue(manager: EntityManager, messages: OutboundMessage | OutboundMessage[]): Promise<number> {
    const list = Array.isArray(messages) ? messages : [messages];
    const publicUrl = this.config.publicUrl;
    const rows: OutboxRow[] = list.map((message) => ({
      dedupeKey: `${message.dedupeKey}:${message.to.address}`,
      template: message.template,
      toAddress: message.to.address,
      toUserId: message.to.userId,
      oneTimeLinkId: message.oneTimeLinkId ?? null,
      ...renderEmail(message.template, message.data as never, {
        publicUrl,
        recipientName: message.to.name,
        timeZone: message.to.timeZone,
        ...(message.oneTimeLinkId ? { resetUrl: `${publicUrl}/password/reset?token=${ONE_TIME_SECRET_PLACEHOLDER}` } : {}),
      }),
    }));
    return this.outbox.insertMany(manager, rows, this.clock.now());
  }

  /**
   * A lead was offered: its partner's admins and reps must accept or decline it in time. The offer
   * statement selected the recipients itself (the team's rows of partner_email_recipients), saving a round trip.
   */
  async leadOffered(manager: EntityManager, offer: AssignmentFacts, recipients: RecipientRow[], owned = false): Promise<number> {
    // A lead routed to a rep on offer is owned: its owner (and the admins' copies) instead of the team.
    const to = owned
      ? ((await this.recipients.forAssignments(manager, [offer.assignment_id])).get(offer.assignment_id) ?? [])
      : (recipientsByPartner(recipients).get(offer.partner_id) ?? []);
    return this.enqueue(
      manager,
      to.map((to) => ({
        template: 'lead-offered' as const,
        dedupeKey: `lead-offered:${offer.assignment_id}`,
        to,
        data: { partnerName: offer.partner_name, lead: leadOf(offer), acceptDueAt: offer.accept_due_at },
      })),
    );
  }

  /** Open offers past the reminder point of their accept window. */
  async acceptReminders(manager: EntityManager, assignmentIds: string[]): Promise<number> {
    return this.perAssignment(manager, assignmentIds, 'accept-reminder', (row, to) => ({
      template: 'accept-reminder',
      dedupeKey: `accept-reminder:${row.assignment_id}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), acceptDueAt: row.accept_due_at },
    }));
  }

  /** Offers taken back because they were not accepted in time. */
  async leadsRecalled(manager: EntityManager, assignmentIds: string[]): Promise<number> {
    return this.perAssignment(manager, assignmentIds, null, (row, to) => ({
      template: 'lead-recalled',
      dedupeKey: `lead-recalled:${row.assignment_id}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), acceptDueAt: row.accept_due_at },
    }));
  }

  /** Contact or feedback clocks just recorded as missed. */
  async slaBreached(manager: EntityManager, kind: 'contact' | 'feedback', assignmentIds: string[]): Promise<number> {
    return this.perAssignment(manager, assignmentIds, null, (row, to) => ({
      template: 'sla-breached',
      dedupeKey: `sla-breached:${row.assignment_id}:${kind}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), kind, dueAt: kind === 'contact' ? row.contact_due_at : row.feedback_due_at },
    }));
  }

  /** A partner's standing moved (not an override ending on the same standing): its admins and its channel manager hear why. */
  async standingChanged(manager: EntityManager, change: StandingChangeNotice): Promise<number> {
    if (change.from === change.to) return 0;
    const partnerName = await this.facts.partnerName(manager, change.partnerId);
    const recipients = (await this.recipients.forPartners(manager, [change.partnerId], 'admins', true)).get(change.partnerId) ?? [];
    return this.enqueue(
      manager,
      recipients.map((to) => ({
        template: 'standing-changed' as const,
        dedupeKey: `standing-changed:${change.id}`,
        to,
        data: {
          partnerId: change.partnerId,
          partnerName: partnerName!,
          from: change.from,
          to: change.to,
          reason: change.reason,
          forChannelManager: to.audience === 'channel_manager',
        },
      })),
    );
  }

  /** A partner admin gave leads to a user of the partner: the new owner hears which. */
  async leadsAssigned(
    manager: EntityManager,
    change: { partnerId: string; ownerId: string; assignedBy: string; leadIds: string[]; at: Date },
  ): Promise<number> {
    const to = await this.recipients.partnerUser(manager, change.partnerId, change.ownerId);
    if (!to) return 0;
    const leads = await this.facts.leadCompanies(manager, change.leadIds);
    return this.enqueue(manager, {
      template: 'leads-assigned',
      dedupeKey: `leads-assigned:${change.ownerId}:${change.at.toISOString()}:${createHash('sha256').update([...change.leadIds].sort().join(',')).digest('hex')}`,
      to,
      data: { assignedBy: change.assignedBy, leads },
    });
  }

  /** A deactivated user's leads lost their owner: the partner's admins hear which. */
  async leadsUnowned(manager: EntityManager, change: { partnerId: string; userId: string; userName: string; leads: { id: string; company: string }[] }): Promise<number> {
    if (change.leads.length === 0) return 0;
    const recipients = (await this.recipients.forPartners(manager, [change.partnerId], 'admins')).get(change.partnerId) ?? [];
    return this.enqueue(
      manager,
      recipients.map((to) => ({
        template: 'leads-unowned' as const,
        dedupeKey: `leads-unowned:${change.userId}`,
        to,
        data: { userName: change.userName, leads: change.leads },
      })),
    );
  }

  /** Two reads for the whole set (assignments with their leads, then recipients), then one insert. */
  private async perAssignment(
    manager: EntityManager,
    assignmentIds: string[],
    template: TemplateName | null,
    message: (row: AssignmentFacts, to: Recipient) => OutboundMessage,
  ): Promise<number> {
    if (assignmentIds.length === 0) return 0;
    const rows = await this.facts.assignmentFacts(manager, assignmentIds);
    return this.forAssignments(manager, rows, template, message);
  }

  private async forAssignments(
    manager: EntityManager,
    rows: AssignmentFacts[],
    /** The optional template whose opt-outs apply; null when every recipient must get it. */
    template: TemplateName | null,
    message: (row: AssignmentFacts, to: Recipient) => OutboundMessage,
  ): Promise<number> {
    const recipients = await this.recipients.forAssignments(manager, rows.map((row) => row.assignment_id), template);
    return this.enqueue(
      manager,
      rows.flatMap((row) => (recipients.get(row.assignment_id) ?? []).map((to) => message(row, to))),
    );
  }
}

function leadOf(row: AssignmentFacts): LeadSummary {
  return { id: row.lead_id, company: row.company, leadTypeName: row.lead_type_name, country: row.country };
}
