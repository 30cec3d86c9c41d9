// Partner actions on their leads: accept, decline, log activity, give feedback. Each is one transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationOutcome, AllocationService } from '@leadgate/allocation';
import { actorOf, Principal } from '@leadgate/auth';
import { Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { LeadStatus, TimelineService } from '@leadgate/leads';
import { DeclineLeadDto } from './dto/decline-lead.dto';
import { FeedbackDto } from './dto/feedback.dto';
import { LogActivityDto } from './dto/log-activity.dto';
import { checkAction, CLOSING_VERDICTS, isContact, PartnerAction } from './policy/lead-actions';

interface OwnLead {
  id: string;
  status: LeadStatus;
  partner_id: string;
  partner_name: string;
  assignment_id: string;
  offered_at: Date;
  accept_due_at: Date;
  contact_due_at: Date;
  feedback_due_at: Date;
  first_contact_at: Date | null;
  feedback_at: Date | null;
}

export interface ActionResult {
  leadId: string;
  status: LeadStatus;
  /** After a decline: where the lead went next. */
  reallocation?: AllocationOutcome;
}

@Injectable()
export class FollowUpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly timeline: TimelineService,
    private readonly allocation: AllocationService,
    private readonly config: AppConfig,
  ) {}

  accept(leadId: string, principal: Principal): Promise<ActionResult> {
    return this.act(leadId, principal, { kind: 'accept' }, async (m, lead, now) => {
      await m.query(`UPDATE assignments SET status = 'accepted', accepted_at = $2 WHERE id = $1`, [lead.assignment_id, now]);
      const late = now > lead.accept_due_at ? ' (after the accept deadline)' : '';
      return { summary: `Accepted by ${lead.partner_name}${late}`, data: {} };
    });
  }

  decline(leadId: string, principal: Principal, dto: DeclineLeadDto): Promise<ActionResult> {
    this.requireReason('reasonCode', dto.reasonCode, this.config.env.DECLINE_REASONS);
    return this.act(leadId, principal, { kind: 'decline' }, async (m, lead, now) => {
      await m.query(
        `UPDATE assignments SET status = 'declined', ended_at = $2, end_reason_code = $3, end_reason_text = $4 WHERE id = $1`,
        [lead.assignment_id, now, dto.reasonCode, dto.reasonText ?? null],
      );
      await this.releaseCapacity(m, lead.partner_id);
      await m.query(`UPDATE leads SET current_partner_id = NULL WHERE id = $1`, [lead.id]);
      return {
        summary: `Declined by ${lead.partner_name}: ${dto.reasonCode.replace(/_/g, ' ')}${dto.reasonText ? ` (${dto.reasonText})` : ''}`,
        data: { reasonCode: dto.reasonCode, reasonText: dto.reasonText ?? null },
        // Back to allocation at once, in the same transaction; the decliner is excluded as a previous holder.
        after: (manager) => this.allocation.allocateInTransaction(manager, lead.id, actorOf(principal)),
      };
    });
  }

  logActivity(leadId: string, principal: Principal, dto: LogActivityDto): Promise<ActionResult> {
    return this.act(leadId, principal, { kind: 'activity', type: dto.type }, async (m, lead, now) => {
      const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : now;
      if (occurredAt > now) throw DomainError.invalid([{ field: 'occurredAt', problems: ['occurredAt cannot be in the future'] }]);
      const firstContact = isContact(dto.type) && !lead.first_contact_at;
      if (firstContact) {
        // The clock stops when the contact happened, but never before the lead was offered.
        const contactAt = occurredAt < lead.offered_at ? lead.offered_at : occurredAt;
        await m.query(`UPDATE assignments SET first_contact_at = $2 WHERE id = $1`, [lead.assignment_id, contactAt]);
        await this.cureBreach(m, lead.assignment_id, 'contact', now);
      }
      return {
        summary: `${dto.type[0].toUpperCase()}${dto.type.slice(1)} logged by ${lead.partner_name}${firstContact ? ' (first contact)' : ''}`,
        data: { type: dto.type, occurredAt, notes: dto.notes ?? null, firstContact },
      };
    });
  }

  feedback(leadId: string, principal: Principal, dto: FeedbackDto): Promise<ActionResult> {
    if (dto.verdict === 'lost') this.requireReason('reasonCode', dto.reasonCode, this.config.env.LOST_REASONS);
    if (dto.verdict === 'disqualified') this.requireReason('reasonCode', dto.reasonCode, this.config.env.DISQUALIFY_REASONS);
    return this.act(leadId, principal, { kind: 'feedback', verdict: dto.verdict }, async (m, lead, now) => {
      if (!lead.feedback_at) {
        await m.query(`UPDATE assignments SET feedback_at = $2 WHERE id = $1`, [lead.assignment_id, now]);
        await this.cureBreach(m, lead.assignment_id, 'feedback', now);
      }
      const closing = CLOSING_VERDICTS.includes(dto.verdict);
      await m.query(
        `UPDATE leads SET
           opportunity_amount_minor = CASE WHEN $2 = 'opportunity' THEN $3::bigint ELSE opportunity_amount_minor END,
           won_amount_minor = CASE WHEN $2 = 'won' THEN $3::bigint ELSE won_amount_minor END,
           currency = COALESCE($4, currency),
           outcome_reason_code = COALESCE($5, outcome_reason_code),
           outcome_reason_text = COALESCE($6, outcome_reason_text),
           closed_at = CASE WHEN $7 THEN $8::timestamptz ELSE closed_at END
         WHERE id = $1`,
        [lead.id, dto.verdict, dto.amountMinor ?? null, dto.currency ?? null, dto.reasonCode ?? null, dto.reasonText ?? null, closing, now],
      );
      if (closing) {
        await m.query(`UPDATE assignments SET status = 'closed', ended_at = $2, end_reason_code = $3 WHERE id = $1`, [lead.assignment_id, now, dto.verdict]);
        await this.releaseCapacity(m, lead.partner_id);
      }
      const amount = dto.amountMinor !== undefined ? ` (${(dto.amountMinor / 100).toFixed(2)} ${dto.currency})` : '';
      const reason = dto.reasonCode ? `: ${dto.reasonCode.replace(/_/g, ' ')}` : '';
      return {
        summary: `Marked ${dto.verdict} by ${lead.partner_name}${amount}${reason}`,
        data: { verdict: dto.verdict, amountMinor: dto.amountMinor ?? null, currency: dto.currency ?? null, reasonCode: dto.reasonCode ?? null, reasonText: dto.reasonText ?? null },
      };
    });
  }

  /**
   * The shared shape of every action: lock the partner's own lead (another partner's is a 404),
   * check the status allows it (409 otherwise), apply it, move the status, write the timeline.
   */
  private act(
    leadId: string,
    principal: Principal,
    action: PartnerAction,
    apply: (
      m: EntityManager,
      lead: OwnLead,
      now: Date,
    ) => Promise<{ summary: string; data: Record<string, unknown>; after?: (m: EntityManager) => Promise<AllocationOutcome> }>,
  ): Promise<ActionResult> {
    if (!principal.partnerId) throw DomainError.notFound('Lead');
    return inTransaction(this.dataSource, async (m) => {
      const lead = await this.lockOwnLead(m, leadId, principal.partnerId!);
      const check = checkAction(lead.status, action);
      if (!check.allowed) throw DomainError.conflict(check.message);
      const now = this.clock.now();
      const { summary, data, after } = await apply(m, lead, now);
      await m.query(`UPDATE leads SET status = $2, updated_at = $3 WHERE id = $1`, [lead.id, check.next, now]);
      await this.timeline.record(m, {
        leadId: lead.id,
        at: now,
        kind: action.kind === 'feedback' ? 'feedback' : action.kind === 'activity' ? 'activity' : action.kind === 'accept' ? 'accepted' : 'declined',
        actor: actorOf(principal),
        partnerId: lead.partner_id,
        summary,
        data: { assignmentId: lead.assignment_id, ...data },
      });
      if (!after) return { leadId: lead.id, status: check.next };
      const reallocation = await after(m);
      const status = reallocation.kind === 'offered' ? 'offered' : reallocation.kind === 'unallocated' ? 'unallocated' : check.next;
      return { leadId: lead.id, status, reallocation };
    });
  }

  private async lockOwnLead(m: EntityManager, leadId: string, partnerId: string): Promise<OwnLead> {
    const [lead] = await m.query(
      `SELECT l.id, l.status, p.id AS partner_id, p.name AS partner_name,
              a.id AS assignment_id, a.offered_at, a.accept_due_at, a.contact_due_at, a.feedback_due_at, a.first_contact_at, a.feedback_at
         FROM leads l
         JOIN partners p ON p.id = l.current_partner_id
         JOIN LATERAL (
           SELECT * FROM assignments
            WHERE lead_id = l.id AND partner_id = p.id
            ORDER BY offered_at DESC LIMIT 1
         ) a ON true
        WHERE l.id = $1 AND l.current_partner_id = $2
          FOR NO KEY UPDATE OF l`,
      [leadId, partnerId],
    );
    if (!lead) throw DomainError.notFound('Lead');
    return lead;
  }

  private async cureBreach(m: EntityManager, assignmentId: string, kind: 'contact' | 'feedback', now: Date): Promise<void> {
    await m.query(`UPDATE breaches SET cured_at = $3 WHERE assignment_id = $1 AND kind = $2 AND cured_at IS NULL`, [assignmentId, kind, now]);
  }

  private async releaseCapacity(m: EntityManager, partnerId: string): Promise<void> {
    await m.query(`UPDATE partners SET open_leads = open_leads - 1 WHERE id = $1 AND open_leads > 0`, [partnerId]);
  }

  private requireReason(field: string, code: string | undefined, allowed: string[]): void {
    if (code && !allowed.includes(code)) {
      throw DomainError.invalid([{ field, problems: [`${field} must be one of: ${allowed.join(', ')}`] }]);
    }
  }
}
