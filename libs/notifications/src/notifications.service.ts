// The emails each business fact causes, rendered and queued in the transaction that records the fact.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock, Standing } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { AlertedClock, ClockKind } from './clock-alerts.repository';
import { NotificationFactsRepository } from './notification-facts.repository';
import { OutboundEmailsRepository, OutboxRow } from './outbound-emails.repository';
import { Recipient, RecipientRow, recipientsByPartner, RecipientsRepository } from './recipients.repository';
import { renderEmail } from './template-renderer';
import type { DealEvent } from './templates/deal-messages';
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
  /** Partner users read the times of emails about its leads in its time zone. */
  lead_id: string;
  company: string;
  country: string;
  lead_type_name: string;
  accept_due_at: Date;
  contact_due_at: Date;
  feedback_due_at: Date;
}

/** An offer made, as its email needs it: the recipients the offer statement read, unless a rep owns the lead already. */
export interface OfferedLead {
  facts: AssignmentFacts;
  recipients: RecipientRow[];
  owned: boolean;
}

/** A deal registration's change, for its email. */
export interface DealNotice {
  event: DealEvent;
  dealId: string;
  partnerId: string;
  partnerName: string;
  company: string;
  conflicted: boolean;
  protectedUntil: Date | null;
  reason: string | null;
  at: Date;
}

const CHANNEL_MANAGER_DEAL_EVENTS: readonly DealEvent[] = ['submitted', 'extension_requested', 'expired'];

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
   * Leads were offered: each partner's admins and reps must accept or decline in time. The offer
   * statement selected the recipients itself (the team's rows of partner_email_recipients), saving a round trip;
   * a lead routed to a rep on offer is owned, so its owner (and the admins' copies) hear instead of the team.
   * One statement for them all.
   */
  async leadsOffered(manager: EntityManager, offers: OfferedLead[]): Promise<number> {
    const owned = offers.filter((o) => o.owned).map((o) => o.facts.assignment_id);
    const ownersOf = owned.length > 0 ? await this.recipients.forAssignments(manager, owned) : new Map<string, Recipient[]>();
    return this.enqueue(
      manager,
      offers.flatMap(({ facts, recipients, owned }) =>
        (owned ? (ownersOf.get(facts.assignment_id) ?? []) : (recipientsByPartner(recipients).get(facts.partner_id) ?? [])).map((to) => ({
          template: 'lead-offered' as const,
          dedupeKey: `lead-offered:${facts.assignment_id}`,
          to,
          data: { partnerName: facts.partner_name, lead: leadOf(facts), acceptDueAt: facts.accept_due_at },
        })),
      ),
    );
  }

  /** Open clocks past the warning point of their window: the lead's owner (or its team) hears when each is due. */
  async clockWarnings(manager: EntityManager, clocks: AlertedClock[]): Promise<number> {
    return this.perClock(manager, clocks, (rows) => this.recipientsOf(manager, rows, 'clock-warning', false), (row, clock, to) => ({
      template: 'clock-warning',
      dedupeKey: `clock-warning:${row.assignment_id}:${clock.kind}:${clock.dueAt.toISOString()}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), kind: clock.kind, dueAt: clock.dueAt },
    }));
  }

  /** Breaches still open after the grace: the partner's channel manager hears of each. */
  async clockEscalations(manager: EntityManager, clocks: AlertedClock[]): Promise<number> {
    const graceMinutes = this.config.env.CLOCK_ESCALATION_GRACE_MINUTES;
    const channelManagersOf = async (rows: AssignmentFacts[]): Promise<Map<string, Recipient[]>> => {
      const managers = await this.recipients.forPartners(manager, [...new Set(rows.map((row) => row.partner_id))], 'channel_manager', false, 'clock-escalated');
      return new Map(rows.map((row) => [row.assignment_id, managers.get(row.partner_id) ?? []]));
    };
    return this.perClock(manager, clocks, channelManagersOf, (row, clock, to) => ({
      template: 'clock-escalated',
      dedupeKey: `clock-escalated:${row.assignment_id}:${clock.kind}:${clock.dueAt.toISOString()}`,
      to,
      data: { partnerId: row.partner_id, partnerName: row.partner_name, lead: leadOf(row), kind: clock.kind, dueAt: clock.dueAt, graceMinutes },
    }));
  }

  /** Offers taken back because they were not accepted in time: the missed accept clock, told to the partner's admins too. */
  async leadsRecalled(manager: EntityManager, assignmentIds: string[]): Promise<number> {
    return this.perAssignment(manager, assignmentIds, null, (row, to) => ({
      template: 'lead-recalled',
      dedupeKey: `lead-recalled:${row.assignment_id}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), acceptDueAt: row.accept_due_at },
    }), true);
  }

  /** Leads a channel manager took back from their partner (given to another or returned to allocation). */
  async leadsReassigned(manager: EntityManager, assignmentIds: string[], reason: string): Promise<number> {
    return this.perAssignment(manager, assignmentIds, null, (row, to) => ({
      template: 'lead-reassigned',
      dedupeKey: `lead-reassigned:${row.assignment_id}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), reason },
    }));
  }

  /** Contact, feedback or update clocks just recorded as missed: the lead's owner (or team) and the partner's admins hear of each. */
  async slaBreached(manager: EntityManager, kind: Exclude<ClockKind, 'accept'>, breaches: { assignmentId: string; dueAt: Date }[]): Promise<number> {
    return this.perClock(manager, breaches, (rows) => this.recipientsOf(manager, rows, null, true), (row, breach, to) => ({
      template: 'sla-breached',
      // An update clock misses once per cycle; the others once per assignment.
      dedupeKey: `sla-breached:${row.assignment_id}:${kind}${kind === 'update' ? `:${breach.dueAt.toISOString()}` : ''}`,
      to,
      data: { partnerName: row.partner_name, lead: leadOf(row), kind, dueAt: breach.dueAt },
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

  /**
   * A deal registration changed: the partner's team hears, and its channel manager too when it has
   * something to decide (a submission, an extension request) or should know (the window ended).
   */
  async dealChanged(manager: EntityManager, events: DealNotice[]): Promise<number> {
    if (events.length === 0) return 0;
    const partnerIds = [...new Set(events.map((e) => e.partnerId))];
    const recipients = await this.recipients.forPartners(manager, partnerIds, 'team', true);
    return this.enqueue(
      manager,
      events.flatMap((notice) =>
        (recipients.get(notice.partnerId) ?? [])
          .filter((to) => (to.audience === 'channel_manager' ? CHANNEL_MANAGER_DEAL_EVENTS.includes(notice.event) : notice.event !== 'extension_requested'))
          .map((to) => ({
            template: 'deal-update' as const,
            dedupeKey: `deal-${notice.event}:${notice.dealId}:${notice.at.toISOString()}`,
            to,
            data: {
              event: notice.event, dealId: notice.dealId, partnerName: notice.partnerName, company: notice.company,
              forChannelManager: to.audience === 'channel_manager', conflicted: notice.conflicted,
              protectedUntil: notice.protectedUntil, reason: notice.reason,
            },
          })),
      ),
    );
  }

  /** Two reads for the whole set (assignments with their leads, then recipients), then one insert. */
  private async perAssignment(
    manager: EntityManager,
    assignmentIds: string[],
    template: TemplateName | null,
    message: (row: AssignmentFacts, to: Recipient) => OutboundMessage,
    withAdmins = false,
  ): Promise<number> {
    if (assignmentIds.length === 0) return 0;
    const rows = await this.facts.assignmentFacts(manager, assignmentIds);
    return this.forAssignments(manager, rows, template, message, withAdmins);
  }

  /**
   * Messages about clocks (several may share an assignment), one per clock and recipient: the facts and the
   * recipients (`recipientsOf`: who hears about each assignment) read for the whole set, then one insert.
   */
  private async perClock<C extends { assignmentId: string }>(
    manager: EntityManager,
    clocks: C[],
    recipientsOf: (rows: AssignmentFacts[]) => Promise<Map<string, Recipient[]>>,
    message: (row: AssignmentFacts, clock: C, to: Recipient) => OutboundMessage,
  ): Promise<number> {
    if (clocks.length === 0) return 0;
    const rows = await this.facts.assignmentFacts(manager, [...new Set(clocks.map((clock) => clock.assignmentId))]);
    const byId = new Map(rows.map((row) => [row.assignment_id, row]));
    const recipients = await recipientsOf(rows);
    return this.enqueue(
      manager,
      clocks.flatMap((clock) => (recipients.get(clock.assignmentId) ?? []).map((to) => message(byId.get(clock.assignmentId)!, clock, to))),
    );
  }

  private async forAssignments(
    manager: EntityManager,
    rows: AssignmentFacts[],
    /** The optional template whose opt-outs apply; null when every recipient must get it. */
    template: TemplateName | null,
    message: (row: AssignmentFacts, to: Recipient) => OutboundMessage,
    withAdmins = false,
  ): Promise<number> {
    const recipients = await this.recipientsOf(manager, rows, template, withAdmins);
    return this.enqueue(
      manager,
      rows.flatMap((row) => (recipients.get(row.assignment_id) ?? []).map((to) => message(row, to))),
    );
  }

  /** Who hears about each assignment's lead; `withAdmins` (a miss): the partner's admins too, whoever owns it, once each. */
  private async recipientsOf(
    manager: EntityManager,
    rows: AssignmentFacts[],
    template: TemplateName | null,
    withAdmins: boolean,
  ): Promise<Map<string, Recipient[]>> {
    const recipients = await this.recipients.forAssignments(manager, rows.map((row) => row.assignment_id), template);
    if (!withAdmins) return recipients;
    const admins = await this.recipients.forPartners(manager, [...new Set(rows.map((row) => row.partner_id))], 'admins', false, template);
    for (const row of rows) {
      const to = recipients.get(row.assignment_id) ?? [];
      const known = new Set(to.map((recipient) => recipient.address));
      recipients.set(row.assignment_id, [...to, ...(admins.get(row.partner_id) ?? []).filter((admin) => !known.has(admin.address))]);
    }
    return recipients;
  }
}

function leadOf(row: AssignmentFacts): LeadSummary {
  return { id: row.lead_id, company: row.company, leadTypeName: row.lead_type_name, country: row.country };
}
