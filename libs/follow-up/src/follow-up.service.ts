// Partner actions on their leads: accept, decline, log activity, give feedback. Each is one transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationOutcome, AllocationService } from '@leadgate/allocation';
import { actorOf, describePrincipal, Principal } from '@leadgate/auth';
import { Clock, DomainError, formatInstant, formatMoney } from '@leadgate/common';
import { handBackContactDue } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import {
  assignmentAfter,
  AssignmentsRepository,
  BreachesRepository,
  CapacityRepository,
  checkAction,
  CLOSING_VERDICTS,
  eventOf,
  HeldLead,
  isContact,
  LeadsRepository,
  LeadStatus,
  PARTNER_TIMELINE_KIND,
  PartnerAction,
  TimelineKind,
  TimelineRepository,
  TRANSITIONS,
  UPDATE_CADENCE_STATUSES,
  UpdateClocksRepository,
  WaitingLeadsSignal,
} from '@leadgate/lifecycle';
import { DeclineLeadDto } from './dto/decline-lead.dto';
import { FeedbackDto } from './dto/feedback.dto';
import { NextStepDto } from './dto/next-step.dto';
import { LogActivityDto } from './dto/log-activity.dto';

export interface ActionResult {
  leadId: string;
  /** The status the partner's action moved the lead to (a declined lead may since have moved on). */
  status: LeadStatus;
  /** After a decline: where the lead went next. For in-process callers only: it names the next holder. */
  reallocation?: AllocationOutcome;
}

/** The person (or token) who acted, with their partner: "Rita Rep (Alpha Networks)". */
const actedBy = (principal: Principal, lead: HeldLead): string => `${describePrincipal(principal)} (${lead.partnerName})`;

@Injectable()
export class FollowUpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly leads: LeadsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly breaches: BreachesRepository,
    private readonly capacity: CapacityRepository,
    private readonly timeline: TimelineRepository,
    private readonly allocation: AllocationService,
    private readonly config: AppConfig,
    private readonly waiting: WaitingLeadsSignal,
    private readonly updateClocks: UpdateClocksRepository,
  ) {}

  accept(leadId: string, principal: Principal): Promise<ActionResult> {
    return this.act(leadId, principal, { kind: 'accept' }, async (m, lead, now) => {
      await this.assignments.accept(m, lead.assignmentId, now);
      const late = lead.acceptDueAt !== null && now > lead.acceptDueAt ? ' (after the accept deadline)' : '';
      return { summary: `Accepted by ${actedBy(principal, lead)}${late}`, data: {} };
    });
  }

  decline(leadId: string, principal: Principal, dto: DeclineLeadDto): Promise<ActionResult> {
    this.requireReason('reasonCode', dto.reasonCode, this.config.env.DECLINE_REASONS);
    return this.act(leadId, principal, { kind: 'decline' }, async (m, lead, now) => {
      await this.assignments.end(m, lead.assignmentId, assignmentAfter('decline'), now, dto.reasonCode, dto.reasonText ?? null);
      await this.leads.detachPartner(m, lead.id);
      const handBack = await this.countHandBack(m, lead, now, actorOf(principal));
      return {
        summary: `Declined by ${actedBy(principal, lead)}: ${dto.reasonCode.replace(/_/g, ' ')}${dto.reasonText ? ` (${dto.reasonText})` : ''}`,
        data: { reasonCode: dto.reasonCode, reasonText: dto.reasonText ?? null, contactMissed: handBack !== null },
        // Back to allocation at once, in the same transaction; the decliner is excluded as a previous holder.
        // Its slot is freed there, in one lock order with the next holder's claim.
        after: (manager, releasing) => this.allocation.allocateInTransaction(manager, lead.id, actorOf(principal), releasing),
      };
    });
  }

  /**
   * An accepted lead handed back without a logged contact after HAND_BACK_GRACE_MINUTES counts as a
   * missed contact clock (breach of kind contact, in the score); within the grace it is a plain decline.
   * Returns the due time it was counted against, or null.
   */
  private async countHandBack(m: EntityManager, lead: HeldLead, now: Date, actor: string): Promise<Date | null> {
    const dueAt = handBackContactDue({
      acceptedAt: lead.acceptedAt,
      firstContactAt: lead.firstContactAt,
      contactDueAt: lead.contactDueAt,
      at: now,
      graceMinutes: this.config.env.HAND_BACK_GRACE_MINUTES,
    });
    if (dueAt === null) return null;
    if (await this.assignments.missContactOnHandBack(m, lead.assignmentId, dueAt, now)) {
      await this.timeline.record(m, {
        leadId: lead.id,
        at: now,
        kind: TimelineKind.Breach,
        actor,
        partnerId: lead.partnerId,
        summary: `Handed back by ${lead.partnerName} without a logged contact: counted as a missed contact clock (due ${formatInstant(dueAt)})`,
        data: { assignmentId: lead.assignmentId, breach: 'contact', dueAt, handBack: true },
      });
    }
    return dueAt;
  }

  logActivity(leadId: string, principal: Principal, dto: LogActivityDto): Promise<ActionResult> {
    return this.act(leadId, principal, { kind: 'activity', type: dto.type }, async (m, lead, now) => {
      const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : now;
      if (occurredAt > now) throw DomainError.invalid([{ field: 'occurredAt', problems: ['occurredAt cannot be in the future'] }]);
      const firstContact = isContact(dto.type) && !lead.firstContactAt;
      if (firstContact) {
        // The clock stops when the contact happened, but never before the lead was offered.
        const contactAt = occurredAt < lead.offeredAt ? lead.offeredAt : occurredAt;
        await this.assignments.recordFirstContact(m, lead.assignmentId, contactAt);
        await this.breaches.cure(m, lead.assignmentId, 'contact', now);
      }
      return {
        summary: `${dto.type[0].toUpperCase()}${dto.type.slice(1)} logged by ${actedBy(principal, lead)}${firstContact ? ' (first contact)' : ''}`,
        data: { type: dto.type, occurredAt, notes: dto.notes ?? null, firstContact },
      };
    });
  }

  feedback(leadId: string, principal: Principal, dto: FeedbackDto): Promise<ActionResult> {
    if (dto.verdict === LeadStatus.Lost) this.requireReason('reasonCode', dto.reasonCode, this.config.env.LOST_REASONS);
    if (dto.verdict === LeadStatus.Disqualified) this.requireReason('reasonCode', dto.reasonCode, this.config.env.DISQUALIFY_REASONS);
    if (dto.verdict === LeadStatus.Recycled) this.requireReason('reasonCode', dto.reasonCode, this.config.env.RECYCLE_REASONS);
    return this.act(leadId, principal, { kind: 'feedback', verdict: dto.verdict }, async (m, lead, now) => {
      // One currency per lead, fixed by its first amount, so its figures never mix currencies.
      if (dto.currency && lead.currency && dto.currency !== lead.currency) {
        throw DomainError.invalid([{ field: 'currency', problems: [`This lead's amounts are in ${lead.currency}: give this amount in ${lead.currency} too`] }]);
      }
      if (!lead.feedbackAt) {
        await this.assignments.recordFeedback(m, lead.assignmentId, now);
        await this.breaches.cure(m, lead.assignmentId, 'feedback', now);
      }
      const closing = CLOSING_VERDICTS.includes(dto.verdict);
      await this.leads.recordVerdict(m, lead.id, {
        verdict: dto.verdict,
        amountMinor: dto.amountMinor ?? null,
        currency: dto.currency ?? null,
        reasonCode: dto.reasonCode ?? null,
        reasonText: dto.reasonText ?? null,
        closedAt: closing ? now : null,
      });
      if (closing) await this.assignments.end(m, lead.assignmentId, assignmentAfter(dto.verdict), now, dto.verdict, null);
      const amount = dto.amountMinor !== undefined ? ` (${formatMoney(dto.amountMinor, dto.currency!)})` : '';
      const reason = dto.reasonCode ? `: ${dto.reasonCode.replace(/_/g, ' ')}` : '';
      const marked = dto.verdict === LeadStatus.Recycled ? 'Returned to marketing as not sales-ready' : `Marked ${dto.verdict}`;
      return {
        summary: `${marked} by ${actedBy(principal, lead)}${amount}${reason}`,
        data: { verdict: dto.verdict, amountMinor: dto.amountMinor ?? null, currency: dto.currency ?? null, reasonCode: dto.reasonCode ?? null, reasonText: dto.reasonText ?? null },
      };
    });
  }

  /** The rep's planned next step on a lead its partner holds (another partner's lead is a 404). No clock depends on it. */
  async setNextStep(leadId: string, principal: Principal, dto: NextStepDto): Promise<{ leadId: string; nextStepOn: string | null; nextStep: string | null }> {
    if (!principal.partnerId) throw DomainError.notFound('Lead');
    const note = dto.on === null ? null : dto.note?.trim() || null;
    const held = await inTransaction(this.dataSource, (m) => this.leads.setNextStep(m, leadId, principal.partnerId!, dto.on, note));
    if (!held) throw DomainError.notFound('Lead');
    return { leadId, nextStepOn: dto.on, nextStep: note };
  }

  /**
   * The shared shape of every action: lock the partner's own lead (another partner's is a 404),
   * check the status allows it (409 otherwise), apply it, move the status, write the timeline.
   */
  private async act(
    leadId: string,
    principal: Principal,
    action: PartnerAction,
    apply: (
      m: EntityManager,
      lead: HeldLead,
      now: Date,
    ) => Promise<{
      summary: string;
      data: Record<string, unknown>;
      /** Runs last, and frees the slot of `releasing` itself. */
      after?: (m: EntityManager, releasing: string[]) => Promise<AllocationOutcome>;
    }>,
  ): Promise<ActionResult> {
    if (!principal.partnerId) throw DomainError.notFound('Lead');
    const result = await inTransaction(this.dataSource, async (m) => {
      const lead = await this.assignments.lockHeldLead(m, leadId, principal.partnerId!);
      if (!lead) throw DomainError.notFound('Lead');
      const check = checkAction(lead.status, action);
      if (!check.allowed) throw DomainError.conflict(check.message);
      const now = this.clock.now();
      const { summary, data, after } = await apply(m, lead, now);
      // An activity or a verdict is an update: it meets the update cadence's running cycle, and while the
      // lead stays qualified or an opportunity the next cycle starts.
      if (action.kind === 'activity' || action.kind === 'feedback') {
        await this.updateClocks.renew(m, lead.assignmentId, now, UPDATE_CADENCE_STATUSES.includes(check.next));
      }
      // The transition table says when the partner's slot is freed (the open assignment ended).
      const releasing = TRANSITIONS[eventOf(action)].capacity === 'release' ? [lead.partnerId] : [];
      if (!after) await this.capacity.release(m, releasing);
      await this.leads.setStatus(m, lead.id, check.next, now);
      await this.timeline.record(m, {
        leadId: lead.id,
        at: now,
        kind: PARTNER_TIMELINE_KIND[action.kind],
        actor: actorOf(principal),
        partnerId: lead.partnerId,
        summary,
        data: { assignmentId: lead.assignmentId, ...data },
      });
      if (!after) return { leadId: lead.id, status: check.next };
      return { leadId: lead.id, status: check.next, reallocation: await after(m, releasing) };
    });
    // A freed slot (a decline, a closing verdict) may let a waiting lead be offered; committed by now.
    if (TRANSITIONS[eventOf(action)].capacity === 'release') this.waiting.changed();
    return result;
  }

  private requireReason(field: string, code: string | undefined, allowed: string[]): void {
    if (code && !allowed.includes(code)) {
      throw DomainError.invalid([{ field, problems: [`${field} must be one of: ${allowed.join(', ')}`] }]);
    }
  }
}
