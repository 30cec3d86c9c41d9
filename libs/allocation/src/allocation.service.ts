// Load → decide → persist, in one transaction: the shell around the pure allocation policy.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError } from '@leadgate/common';
import { computeDueTimes } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { inTransaction, PreparedStatement, PreparedStatements } from '@leadgate/database';
import { TimelineService } from '@leadgate/leads';
import { leadOfferedRecipientsSql, NotificationsService, RecipientRow } from '@leadgate/notifications';
import { RecordedCandidates } from './allocation-decision.entity';
import { policyConfigFrom } from './allocation.config';
import { allocate, Candidate, Decision, LeadFacts, PolicyConfig } from './policy';

/** Lead statuses from which a lead can be (re-)allocated automatically. */
import { ALLOCATABLE_STATUSES } from '@leadgate/lifecycle';
export { ALLOCATABLE_STATUSES };
/** Manual assignment also takes leads from the unallocated queue, or moves an open offer. */
const MANUALLY_ASSIGNABLE_STATUSES = ['new', 'declined', 'recalled', 'unallocated', 'offered'];

interface LockedLead {
  id: string;
  status: string;
  country: string;
  postal_code: string | null;
  product_interest: string | null;
  current_partner_id: string | null;
  company: string;
  lead_type_name: string;
  allowed_tiers: string[];
  sla_accept_minutes: number;
  sla_contact_minutes: number;
  sla_feedback_minutes: number;
  business_time: boolean;
  /** Partners that held this lead before (declined, recalled, reassigned): never offered it again. */
  previous_partner_ids: string[];
}

interface CandidateRow {
  id: string;
  name: string;
  active: boolean;
  standing: Candidate['standing'];
  tier: Candidate['tier'];
  territories: string[];
  specialties: string[];
  capacity: number;
  open_leads: number;
  weight: number;
  allocations_recent: string;
  timezone: string;
  business_hours: { day: number; start: string; end: string }[];
  holidays: string[];
}

export type AllocationOutcome =
  | { kind: 'offered'; leadId: string; partnerId: string; assignmentId: string; decisionId: string; summary: string }
  | { kind: 'unallocated'; leadId: string; decisionId: string; summary: string }
  | { kind: 'skipped'; leadId: string; reason: string };

const CANDIDATE_COLUMNS = `id, name, active, standing, tier, territories, specialties, capacity, open_leads, weight,
                           allocations_recent, timezone, business_hours, holidays`;

/** Locks the lead and reads its candidates in one round trip; see lockLeadWithCandidates(). */
const LOCK_LEAD_WITH_CANDIDATES: PreparedStatement = {
  name: 'allocation-lock-lead-with-candidates',
  text: `WITH lead AS (
         SELECT l.id, l.status, l.country, l.postal_code, l.product_interest, l.current_partner_id, l.company,
                t.name AS lead_type_name, t.allowed_tiers, t.sla_accept_minutes, t.sla_contact_minutes, t.sla_feedback_minutes,
                t.business_time, ARRAY(SELECT DISTINCT a.partner_id FROM assignments a WHERE a.lead_id = l.id) AS previous_partner_ids
           FROM leads l JOIN lead_types t ON t.id = l.lead_type_id
          WHERE l.id = $1
            FOR NO KEY UPDATE OF l
       ), territory AS (
         SELECT ARRAY[lead.country::text] || ARRAY(SELECT lead.country || '-' || left(postal.code, n) FROM generate_series(1, length(postal.code)) AS n) AS keys
           FROM lead, LATERAL (SELECT upper(regexp_replace(coalesce(lead.postal_code, ''), '\\s+', '', 'g')) AS code) AS postal
       )
       SELECT row_to_json(lead) AS lead,
              COALESCE((SELECT json_agg(c) FROM (
                SELECT ${CANDIDATE_COLUMNS} FROM partners p, territory WHERE p.territories && territory.keys
              ) c), '[]'::json) AS candidates
         FROM lead`,
};

/** Claims capacity and records decision, assignment, lead status and timeline row, and reads who to email; see offer(). */
const OFFER: PreparedStatement = {
  name: 'allocation-offer',
  text: `WITH claimed AS (
         UPDATE partners SET open_leads = open_leads + 1, allocations_recent = allocations_recent + 1
          WHERE id = $2 AND active AND standing <> 'suspended' AND open_leads < capacity
          RETURNING id
       ), decision AS (
         INSERT INTO allocation_decisions (lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates)
         SELECT $1, $3, $4, $5, claimed.id, $6, $7, $8, $9 FROM claimed
         RETURNING id
       ), assignment AS (
         INSERT INTO assignments (lead_id, partner_id, decision_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at)
         SELECT $1, $2, decision.id, 'offered', $3, $10, $11, $12 FROM decision
         RETURNING id, decision_id
       ), moved AS (
         UPDATE leads SET status = 'offered', current_partner_id = $2, updated_at = $3
          WHERE id = $1 AND EXISTS (SELECT 1 FROM assignment)
       ), timeline AS (
         -- The offer's timeline row, written here rather than through TimelineService to save a round trip
         -- on the hottest path; same columns.
         INSERT INTO lead_events (lead_id, at, kind, actor, partner_id, summary, data)
         SELECT $1, $3, 'offered', $6, $2, $13, $14::jsonb || jsonb_build_object('assignmentId', id, 'decisionId', decision_id)
           FROM assignment
       ), recipients AS (
         ${leadOfferedRecipientsSql('$2::uuid')}
       )
       SELECT id AS assignment_id, decision_id,
              COALESCE((SELECT json_agg(r ORDER BY r.address) FROM recipients r), '[]'::json) AS recipients
         FROM assignment`,
};

// A lost race for a partner's last capacity slot is retried with fresh state this many times.
const CLAIM_ATTEMPTS = 3;

@Injectable()
export class AllocationService {
  private readonly logger = new Logger(AllocationService.name);
  private readonly policy: PolicyConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly timeline: TimelineService,
    private readonly notifications: NotificationsService,
    private readonly prepared: PreparedStatements,
    config: AppConfig,
  ) {
    this.policy = policyConfigFrom(config);
  }

  /** Allocates one lead in its own transaction. */
  allocate(leadId: string, actor = 'system:allocation'): Promise<AllocationOutcome> {
    return inTransaction(this.dataSource, (manager) => this.allocateInTransaction(manager, leadId, actor));
  }

  /**
   * Offers the lead to the best eligible partner, or parks it as unallocated, inside the caller's
   * transaction. The lead row is locked first, so concurrent allocators of one lead serialise.
   */
  async allocateInTransaction(manager: EntityManager, leadId: string, actor: string): Promise<AllocationOutcome> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      // Each attempt reads fresh candidates; locking the lead again in the same transaction is free.
      const found = await this.lockLeadWithCandidates(manager, leadId);
      if (!found) return { kind: 'skipped', leadId, reason: 'not found' };
      const { lead, rows } = found;
      if (!(ALLOCATABLE_STATUSES as readonly string[]).includes(lead.status)) {
        return { kind: 'skipped', leadId, reason: `status is ${lead.status}` };
      }
      const { facts, candidates } = this.factsFrom(lead, rows);
      const decision = allocate(facts, candidates, this.policy);
      if (!decision.winnerId) return this.park(manager, lead, decision, actor);
      const winner = rows.find((row) => row.id === decision.winnerId)!;
      const offered = await this.offer(manager, lead, winner, { decision, mode: 'automatic', actor, reason: null });
      if (offered) return offered;
      this.logger.debug(`Partner ${winner.id} filled up while allocating lead ${leadId}; deciding again`);
    }
    // Still contended: leave the lead pending; the worker's allocation job picks it up again.
    return { kind: 'skipped', leadId, reason: 'partners filled up concurrently' };
  }

  /**
   * A channel manager's assignment of a lead to a named partner, recorded as a manual decision
   * next to the policy's own view of that partner.
   */
  async assignManually(leadId: string, partnerId: string, reason: string, actor: string): Promise<AllocationOutcome> {
    return inTransaction(this.dataSource, async (manager) => {
      const found = await this.lockLeadWithCandidates(manager, leadId);
      if (!found) throw DomainError.notFound('Lead');
      const { lead, rows } = found;
      if (!MANUALLY_ASSIGNABLE_STATUSES.includes(lead.status)) {
        throw DomainError.conflict(`A lead that is ${lead.status} cannot be assigned; only new, declined, recalled, unallocated or offered leads can.`);
      }
      if (lead.current_partner_id === partnerId) throw DomainError.conflict('The lead is already offered to this partner.');
      if (!rows.some((row) => row.id === partnerId)) {
        rows.push(...(await manager.query(`SELECT ${CANDIDATE_COLUMNS} FROM partners WHERE id = $1`, [partnerId])));
      }
      const { facts, candidates } = this.factsFrom(lead, rows);
      const chosen = rows.find((row) => row.id === partnerId);
      if (!chosen) throw DomainError.invalid([{ field: 'partnerId', problems: ['no such partner'] }]);
      if (!chosen.active || chosen.standing === 'suspended') {
        throw DomainError.conflict(`${chosen.name} is ${chosen.active ? 'suspended' : 'inactive'}; override its standing or reactivate it first.`);
      }
      if (lead.status === 'offered' && lead.current_partner_id) {
        await this.endOpenAssignment(manager, lead.id, 'reassigned', 'reassigned', reason);
        await this.releaseCapacity(manager, lead.current_partner_id);
      }
      const decision = allocate(facts, candidates, this.policy);
      const offered = await this.offer(manager, lead, chosen, { decision, mode: 'manual', actor, reason });
      if (!offered) throw DomainError.conflict(`${chosen.name} is at its capacity of ${chosen.capacity} open leads.`);
      return offered;
    });
  }

  /**
   * Locks the lead and reads its candidates in one round trip: the partners whose territories cover
   * it (through a GIN index). Partners elsewhere are never listed, which keeps each decision record
   * small at thousands of partners. The keys are built in SQL exactly as territoryKeys() builds them
   * ("DE", "DE-8", "DE-80", …); the policy checks coverage again, so a difference could only ever
   * leave a partner out, never let a wrong one in.
   */
  private async lockLeadWithCandidates(manager: EntityManager, leadId: string): Promise<{ lead: LockedLead; rows: CandidateRow[] } | undefined> {
    const [found] = await this.prepared.query<{ lead: LockedLead; candidates: CandidateRow[] }>(manager, LOCK_LEAD_WITH_CANDIDATES, [leadId]);
    return found && { lead: found.lead, rows: found.candidates };
  }

  /** The policy's view of the lead and its candidates. */
  private factsFrom(lead: LockedLead, rows: CandidateRow[]): { facts: LeadFacts; candidates: Candidate[] } {
    const facts: LeadFacts = {
      country: lead.country,
      postalCode: lead.postal_code,
      productInterest: lead.product_interest,
      leadTypeAllowedTiers: lead.allowed_tiers as LeadFacts['leadTypeAllowedTiers'],
      excludedPartnerIds: lead.previous_partner_ids,
    };
    const candidates: Candidate[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      active: row.active,
      standing: row.standing,
      tier: row.tier,
      territories: row.territories,
      specialties: row.specialties,
      capacity: row.capacity,
      openLeads: row.open_leads,
      weight: row.weight,
      allocatedInWindow: Number(row.allocations_recent),
    }));
    return { facts, candidates };
  }

  private async releaseCapacity(manager: EntityManager, partnerId: string): Promise<void> {
    await manager.query(`UPDATE partners SET open_leads = open_leads - 1 WHERE id = $1 AND open_leads > 0`, [partnerId]);
  }

  private async endOpenAssignment(manager: EntityManager, leadId: string, status: string, code: string, text: string | null): Promise<void> {
    await manager.query(
      `UPDATE assignments SET status = $2, ended_at = $3, end_reason_code = $4, end_reason_text = $5
        WHERE lead_id = $1 AND status IN ('offered', 'accepted')`,
      [leadId, status, this.clock.now(), code, text],
    );
  }

  /**
   * Claims a capacity slot of the partner and, only if that worked, records the decision, the
   * assignment with its due times and the lead's new status, all in one statement. Returns null
   * when the partner filled up (or was suspended) since the candidates were read.
   */
  private async offer(
    manager: EntityManager,
    lead: LockedLead,
    partner: CandidateRow,
    record: { decision: Decision; mode: 'automatic' | 'manual'; actor: string; reason: string | null },
  ): Promise<Extract<AllocationOutcome, { kind: 'offered' }> | null> {
    const now = this.clock.now();
    const summary =
      record.mode === 'manual' ? `Assigned to ${partner.name} by a channel manager: ${record.reason}` : record.decision.summary;
    const due = computeDueTimes(
      {
        offeredAt: now,
        accept: lead.sla_accept_minutes,
        contact: lead.sla_contact_minutes,
        feedback: lead.sla_feedback_minutes,
        businessTime: lead.business_time,
      },
      { timezone: partner.timezone, hours: partner.business_hours, holidays: partner.holidays ?? [] },
    );
    const candidates: RecordedCandidates = { eligible: record.decision.eligible, excluded: record.decision.excluded };
    const [offered] = await this.prepared.query<{ assignment_id: string; decision_id: string; recipients: RecipientRow[] }>(
      manager,
      OFFER,
      [
        lead.id, partner.id, now, record.mode, record.decision.policyVersion, record.actor, record.reason, summary,
        JSON.stringify(candidates), due.acceptDueAt, due.contactDueAt, due.feedbackDueAt,
        `Offered to ${partner.name}`, JSON.stringify({ mode: record.mode, ...due }),
      ],
    );
    if (!offered) return null;
    await this.notifications.leadOffered(manager, {
      assignment_id: offered.assignment_id,
      partner_id: partner.id,
      partner_name: partner.name,
      lead_id: lead.id,
      company: lead.company,
      country: lead.country,
      lead_type_name: lead.lead_type_name,
      accept_due_at: due.acceptDueAt,
      contact_due_at: due.contactDueAt,
      feedback_due_at: due.feedbackDueAt,
    }, offered.recipients);
    return { kind: 'offered', leadId: lead.id, partnerId: partner.id, assignmentId: offered.assignment_id, decisionId: offered.decision_id, summary };
  }

  private async park(manager: EntityManager, lead: LockedLead, decision: Decision, actor: string): Promise<AllocationOutcome> {
    const now = this.clock.now();
    const summary = decision.summary;
    const decisionId = await this.insertDecision(manager, lead.id, null, { decision, mode: 'automatic', actor, reason: null, summary });
    await manager.query(`UPDATE leads SET status = 'unallocated', current_partner_id = NULL, updated_at = $2 WHERE id = $1`, [lead.id, now]);
    await this.timeline.record(manager, { leadId: lead.id, at: now, kind: 'unallocated', actor, summary, data: { decisionId } });
    return { kind: 'unallocated', leadId: lead.id, decisionId, summary };
  }

  private async insertDecision(
    manager: EntityManager,
    leadId: string,
    winnerId: string | null,
    record: { decision: Decision; mode: 'automatic' | 'manual'; actor: string; reason: string | null; summary: string },
  ): Promise<string> {
    const candidates: RecordedCandidates = { eligible: record.decision.eligible, excluded: record.decision.excluded };
    const [{ id }] = await manager.query(
      `INSERT INTO allocation_decisions (lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [leadId, this.clock.now(), record.mode, record.decision.policyVersion, winnerId, record.actor, record.reason, record.summary, JSON.stringify(candidates)],
    );
    return id;
  }
}
