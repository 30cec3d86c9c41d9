// Load → decide → persist, in one transaction: the shell around the pure allocation policy.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, formatInstant, PartnerScope } from '@leadgate/common';
import { computeDueTimes, DueTimeOutOfRangeError, InvalidCalendarError } from '@leadgate/compliance';
import type { DueTimes } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import type { Protection } from '@leadgate/deals';
import {
  ALLOCATABLE_STATUSES,
  AssignmentsRepository,
  CapacityRepository,
  DecisionsRepository,
  LeadsRepository,
  LeadStatus,
  MANUALLY_ASSIGNABLE_STATUSES,
  type OfferRefused,
  OwnersRepository,
  REASSIGNABLE_STATUSES,
  WaitingLeadsSignal,
  PartnerScopeRepository,
  RecordedCandidates,
  TimelineKind,
  TimelineRepository,
} from '@leadgate/lifecycle';
import { NotificationsService, type OfferedLead } from '@leadgate/notifications';
import { AllocationRepository, CandidatePartner, LockedLead, LockedLeadWithCandidates } from './allocation.repository';
import { policyConfigFrom } from './allocation.config';
import { allocate, Decision, LeadFacts, memoryAfterOffer, pausedAt, PolicyConfig, standingAt } from './policy';

/** Where a moved lead goes: to a named partner, or back to the policy. */
export type MoveTarget = { partnerId: string } | { toAllocation: true };

export interface MoveOptions {
  /** Who moves it, as people read it in the timeline ("Dana Channel"). */
  by?: string;
  /** Past a suspension or an earlier decline of this lead (an admin's call; the reason records it). */
  force?: boolean;
  /** Only a lead no partner holds (the queue's assignment): one offered meanwhile is not taken away unseen. */
  onlyWaiting?: boolean;
}

export interface MoveRequest extends Required<Omit<MoveOptions, 'onlyWaiting'>> {
  reason: string;
  /** As actorOf() writes it. */
  actor: string;
  scope: PartnerScope;
}

export type AllocationOutcome =
  | { kind: 'offered'; leadId: string; partnerId: string; assignmentId: string; decisionId: string; summary: string }
  | { kind: 'unallocated'; leadId: string; decisionId: string; summary: string }
  /** Still unallocated for the same reasons as last time: nothing recorded again. */
  | { kind: 'waiting'; leadId: string }
  | { kind: 'skipped'; leadId: string; reason: string };

// A claim that finds the partner changed since the read (a lost race for its last slot, a suspension) decides
// again with fresh state, this many times.
const CLAIM_ATTEMPTS = 3;

@Injectable()
export class AllocationService {
  private readonly logger = new Logger(AllocationService.name);
  private readonly policy: PolicyConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reads: AllocationRepository,
    private readonly leads: LeadsRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly decisions: DecisionsRepository,
    private readonly capacity: CapacityRepository,
    private readonly timeline: TimelineRepository,
    private readonly scopes: PartnerScopeRepository,
    private readonly owners: OwnersRepository,
    private readonly notifications: NotificationsService,
    private readonly waiting: WaitingLeadsSignal,
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
   * `releasing`: partners whose slot the caller frees in this transaction (a decline). They are
   * released here, locked together with the winner in id order just before its slot is claimed, so
   * two declines whose leads go to each other's partner lock the same rows in the same order.
   */
  async allocateInTransaction(manager: EntityManager, leadId: string, actor: string, releasing: string[] = []): Promise<AllocationOutcome> {
    let unreleased = releasing;
    const release = async (claiming: string[] = []): Promise<void> => {
      if (unreleased.length === 0) return;
      await this.capacity.lock(manager, [...unreleased, ...claiming]);
      await this.capacity.release(manager, unreleased);
      unreleased = [];
    };
    // Partners whose calendar cannot time this lead's SLAs: decided again without them, recorded as excluded.
    const unusable = new Set<string>();
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      // Each attempt reads fresh candidates; locking the lead again in the same transaction is free.
      const now = this.clock.now();
      const found = await this.reads.lockLeadWithCandidates(manager, leadId, now);
      if (!found || !ALLOCATABLE_STATUSES.includes(found.lead.status)) {
        await release();
        return { kind: 'skipped', leadId, reason: found ? `status is ${found.lead.status}` : 'not found' };
      }
      const { lead, protection } = found;
      // A registered deal's partner may sit outside the lead's territory: it is a candidate all the same.
      if (protection && !found.candidates.some((c) => c.id === protection.partnerId)) {
        const holder = await this.reads.candidate(manager, protection.partnerId, now);
        if (holder) found.candidates.push(holder);
      }
      if (attempt === 1) {
        // Leads of one country are decided one at a time, each seeing the offers made before it: decided at the
        // same moment they would all pick the same partner, the one furthest behind its share. The wait comes
        // after the candidates' read, so only the counters are read again, after it.
        const counters = await this.reads.gate(manager, [lead.country], found.candidates.map((c) => c.id));
        for (const c of found.candidates) Object.assign(c, counters.get(c.id));
      }
      for (;;) {
        // A slot this transaction frees counts as free already: the decision records the partner as it will be.
        const candidates = found.candidates.map((c) => ({
          ...c,
          openLeads: c.openLeads - unreleased.filter((id) => id === c.id).length,
          calendarUsable: c.calendarUsable && !unusable.has(c.id),
        }));
        const decision = allocate(factsOf(lead, now, protection), candidates, this.policy);
        if (!decision.winnerId) {
          await release();
          return this.park(manager, lead, decision, actor);
        }
        const winner = candidates.find((candidate) => candidate.id === decision.winnerId)!;
        const due = this.dueTimes(lead, winner, now);
        if (!due) {
          unusable.add(winner.id);
          continue;
        }
        // After a lost race the next winner may sort before a partner already released: rare, and the
        // transaction's deadlock retry (inTransaction) covers it.
        await release([winner.id]);
        // Claimed only with the memory the decision weighed (a lead of another country may have gone to the
        // partner meanwhile); the last attempt claims whatever it is, so that the lead is not left waiting.
        const last = attempt === CLAIM_ATTEMPTS;
        const offered = await this.offer(manager, lead, winner, now, due, {
          decision, mode: 'automatic', actor, reason: null, allocationsAsRead: last ? undefined : winner.allocatedInWindow,
        });
        if ('kind' in offered) return offered;
        if (offered.refused === 'changed') break;
        // It got other leads since the read: decide again with its memory as it is now.
        found.candidates.find((c) => c.id === winner.id)!.allocatedInWindow = offered.allocations;
      }
      this.logger.debug(`A partner changed while allocating lead ${leadId} (filled up, suspended, paused or given a lead); deciding again`);
    }
    await release();
    // Still contended: leave the lead pending; the worker's allocation job picks it up again.
    return { kind: 'skipped', leadId, reason: 'partners filled up concurrently' };
  }

  /**
   * Allocates many leads in one transaction (new leads from intake, NewLeadAllocator), as if they came one after another: one read locks
   * them and reads every candidate once, each country takes its turn once, and each decision counts the offers
   * before it. A lead the batch cannot settle (a partner changed meanwhile, a calendar that cannot time its
   * SLAs, a registered deal's partner outside its territory) is then allocated on its own, in the same transaction.
   */
  async allocateMany(leadIds: string[], actor = 'system:allocation'): Promise<AllocationOutcome[]> {
    // One lead alone: its own statement reads fewer rows than the batch's.
    if (leadIds.length === 1) return [await this.allocate(leadIds[0], actor)];
    return inTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const { leads, candidates } = await this.reads.lockLeadsWithCandidates(manager, leadIds, now);
      const outcomes = new Map<string, AllocationOutcome>();
      const alone: string[] = [];
      const batch: LockedLeadWithCandidates[] = [];
      const notices: OfferedLead[] = [];
      for (const found of leads) {
        const { lead, protection } = found;
        if (!ALLOCATABLE_STATUSES.includes(lead.status)) outcomes.set(lead.id, { kind: 'skipped', leadId: lead.id, reason: `status is ${lead.status}` });
        else if (protection && !found.candidateIds.includes(protection.partnerId)) alone.push(lead.id);
        else batch.push(found);
      }
      // Decided in the order given (the order they came in), not the lock order: a partner of several countries
      // weighs the leads of each in that order.
      const position = new Map(leadIds.map((id, i) => [id, i]));
      batch.sort((a, b) => position.get(a.lead.id)! - position.get(b.lead.id)!);
      if (batch.length > 0) {
        const counters = await this.reads.gate(manager, batch.map((found) => found.lead.country), [...new Set(batch.flatMap((found) => found.candidateIds))]);
        for (const [id, counted] of counters) Object.assign(candidates.get(id)!, counted);
      }
      for (const { lead, candidateIds, protection } of batch) {
        const decision = allocate(factsOf(lead, now, protection), candidateIds.map((id) => candidates.get(id)!), this.policy);
        if (!decision.winnerId) {
          outcomes.set(lead.id, await this.park(manager, lead, decision, actor));
          continue;
        }
        const winner = candidates.get(decision.winnerId)!;
        const due = this.dueTimes(lead, winner, now);
        const offered = due && (await this.offer(manager, lead, winner, now, due, {
          decision, mode: 'automatic', actor, reason: null, allocationsAsRead: winner.allocatedInWindow,
        }, notices));
        if (!offered || !('kind' in offered)) {
          alone.push(lead.id);
          continue;
        }
        outcomes.set(lead.id, offered);
        // As the offer statement stored them: the next decision weighs this partner with this lead counted.
        winner.openLeads += 1;
        winner.allocatedInWindow = memoryAfterOffer(decision.eligible[0]);
      }
      await this.notifications.leadsOffered(manager, notices);
      for (const leadId of alone) outcomes.set(leadId, await this.allocateInTransaction(manager, leadId, actor));
      return leadIds.map((leadId) => outcomes.get(leadId) ?? { kind: 'skipped', leadId, reason: 'not found' });
    });
  }

  /**
   * A channel manager's assignment of a lead to a named partner, recorded as a manual decision
   * next to the policy's own view of that partner. A lead a partner holds (offered or accepted) is
   * taken back from it first (see reassign). Within the caller's scope only: a lead another
   * manager's partner holds is a 404, and a partner outside it is "no such partner".
   */
  async assignManually(leadId: string, partnerId: string, reason: string, actor: string, scope: PartnerScope = { kind: 'all' }, options: MoveOptions = {}): Promise<AllocationOutcome> {
    return inTransaction(this.dataSource, (manager) =>
      this.moveLocked(
        manager, leadId, { partnerId }, { reason, actor, scope, by: options.by ?? 'a channel manager', force: options.force ?? false },
        options.onlyWaiting ? ALLOCATABLE_STATUSES : MANUALLY_ASSIGNABLE_STATUSES,
      ),
    );
  }

  /**
   * Takes a lead from the partner holding it (offered or accepted) and gives it to another partner, or
   * returns it to allocation (the policy picks again, without the partners that already had it). History is
   * kept: the old assignment ends as reassigned, the new holder's clocks start now, the old holder is emailed,
   * and the timeline says who moved it and why, all in one transaction.
   */
  async reassign(leadId: string, target: MoveTarget, move: MoveRequest): Promise<AllocationOutcome> {
    const outcome = await inTransaction(this.dataSource, (manager) => this.moveLocked(manager, leadId, target, move, REASSIGNABLE_STATUSES));
    // The previous holder's slot is free: a waiting lead may fit there now.
    this.waiting.changed();
    return outcome;
  }

  private async moveLocked(manager: EntityManager, leadId: string, target: MoveTarget, move: MoveRequest, allowed: readonly LeadStatus[]): Promise<AllocationOutcome> {
    const now = this.clock.now();
    const found = await this.reads.lockLeadWithCandidates(manager, leadId, now);
    // Checked with the lead locked, so it cannot move to another manager's partner meanwhile.
    if (!found || !(await this.leads.visible(manager, leadId, move.scope))) throw DomainError.notFound('Lead');
    const { lead, candidates } = found;
    if (!allowed.includes(lead.status)) {
      const hint = REASSIGNABLE_STATUSES.includes(lead.status) || !ALLOCATABLE_STATUSES.includes(lead.status) ? '' : ' Assign it from the unallocated queue instead.';
      throw DomainError.conflict(`A lead that is ${lead.status} cannot be moved; only ${naturalList(allowed)} leads can.${hint}`);
    }
    const held = REASSIGNABLE_STATUSES.includes(lead.status);
    if (!('partnerId' in target)) {
      const ended = await this.takeBack(manager, lead.id, now, move);
      return this.allocateInTransaction(manager, lead.id, move.actor, ended);
    }
    const { partnerId } = target;
    if (lead.currentPartnerId === partnerId) throw DomainError.conflict('The lead is already with this partner.');
    if (!candidates.some((candidate) => candidate.id === partnerId)) {
      const outside = await this.reads.candidate(manager, partnerId, now);
      if (outside) candidates.push(outside);
    }
    const chosen = candidates.find((candidate) => candidate.id === partnerId);
    if (!chosen || !(await this.scopes.contains(partnerId, move.scope, manager))) throw DomainError.invalid([{ field: 'partnerId', problems: ['no such partner'] }]);
    if (!chosen.active) throw DomainError.conflict(`${chosen.name} is inactive; reactivate it first.`);
    if (pausedAt(chosen, now)) {
      throw DomainError.conflict(`${chosen.name} is paused until ${formatInstant(chosen.pause!.endsAt)}; end its pause first.`);
    }
    // What a person may override, an admin only and with the reason on record.
    const declined = (await this.assignments.declinesOf([lead.id], manager)).find((d) => d.partnerId === partnerId);
    const objections = [
      ...(standingAt(chosen, now) === 'suspended' ? ['is suspended'] : []),
      ...(declined ? [`declined this lead${declined.reasonCode ? `: ${declined.reasonCode.replace(/_/g, ' ')}` : ''}`] : []),
    ];
    if (objections.length > 0 && !move.force) {
      throw DomainError.conflict(`${chosen.name} ${naturalList(objections, 'and')}; choose another partner${declined ? '' : ', or override its standing first'}.`);
    }
    let ended: string[] = [];
    if (held) {
      ended = await this.takeBack(manager, lead.id, now, move);
      // Freed and claimed partners in id order, as a decline locks them (see allocateInTransaction).
      await this.capacity.lock(manager, [...ended, chosen.id]);
      await this.capacity.release(manager, ended);
    }
    const due = this.dueTimes(lead, chosen, now);
    if (!due) throw DomainError.conflict(`${chosen.name}'s business calendar cannot time this lead type's SLAs; fix its business hours first.`);
    const decision = allocate(factsOf(lead, now), candidates, this.policy);
    const reason = objections.length > 0 ? `${move.reason} (forced although ${chosen.name} ${naturalList(objections, 'and')})` : move.reason;
    const offered = await this.offer(manager, lead, chosen, now, due, { decision, mode: 'manual', actor: move.actor, reason, by: move.by });
    if (!('kind' in offered)) throw DomainError.conflict(`${chosen.name} is at its capacity of ${chosen.capacity} open leads.`);
    return offered;
  }

  /** Ends the holder's assignment (the transition table's reassign) and tells the holder; returns the partners whose slot the caller frees. */
  private async takeBack(manager: EntityManager, leadId: string, now: Date, move: MoveRequest): Promise<string[]> {
    const ended = await this.assignments.reassignOpen(manager, leadId, now, { reason: move.reason, actor: move.actor, by: move.by });
    await this.notifications.leadsReassigned(manager, ended.map((e) => e.assignmentId), move.reason);
    return ended.map((e) => e.partnerId);
  }

  /**
   * Claims a capacity slot of the partner and, only if that worked, records the decision, the
   * assignment with its due times and the lead's new status. Returns why not when the partner filled
   * up, was suspended or paused, or got another lead since the read.
   */
  private async offer(
    manager: EntityManager,
    lead: LockedLead,
    partner: CandidatePartner,
    now: Date,
    due: DueTimes,
    record: {
      decision: Decision; mode: 'automatic' | 'manual'; actor: string; reason: string | null; by?: string;
      /** The partner's memory as read: the claim fails if it changed. */
      allocationsAsRead?: number;
    },
    /** A batch's offer emails, collected to be queued together; without it, queued here. */
    notices?: OfferedLead[],
  ): Promise<Extract<AllocationOutcome, { kind: 'offered' }> | OfferRefused> {
    const summary =
      record.mode === 'manual' ? `Assigned to ${partner.name} by ${record.by ?? 'a channel manager'}: ${record.reason}` : record.decision.summary;
    const offered = await this.assignments.offer(manager, {
      leadId: lead.id,
      partnerId: partner.id,
      at: now,
      mode: record.mode,
      policyVersion: record.decision.policyVersion,
      actor: record.actor,
      reason: record.reason,
      summary,
      candidates: recorded(record.decision),
      due,
      timelineSummary: `Offered to ${partner.name}`,
      standingAsRead: partner.standing,
      // A manual choice the policy would not pick may be outside the eligible list: its memory as stored.
      countedAllocations: record.decision.eligible.find((e) => e.partnerId === partner.id)?.countedAllocations ?? partner.allocatedInWindow,
      allocationsAsRead: record.allocationsAsRead,
    });
    if ('refused' in offered) return offered;
    // A partner that routes round robin gets the offer with its owner already set (the claim above holds the partner's lock);
    // the others (most) skip the step.
    const owner = partner.routesRoundRobin ? await this.owners.routeOffer(manager, lead.id, partner.id, now) : null;
    if (owner) {
      await this.owners.record(manager, now, [{
        leadId: lead.id, partnerId: partner.id, ownerId: owner.id, previousOwnerId: null, actor: 'system:routing', routed: true,
        summary: `Owner set to ${owner.name} by ${partner.name}'s round-robin routing`,
      }]);
    }
    const notice: OfferedLead = {
      facts: {
        assignment_id: offered.assignmentId,
        partner_id: partner.id,
        partner_name: partner.name,
        lead_id: lead.id,
        company: lead.company,
        country: lead.country,
        lead_type_name: lead.leadTypeName,
        accept_due_at: due.acceptDueAt,
        contact_due_at: due.contactDueAt,
        feedback_due_at: due.feedbackDueAt,
      },
      recipients: offered.recipients,
      owned: owner !== null,
    };
    if (notices) notices.push(notice);
    else await this.notifications.leadsOffered(manager, [notice]);
    return { kind: 'offered', leadId: lead.id, partnerId: partner.id, assignmentId: offered.assignmentId, decisionId: offered.decisionId, summary };
  }

  /**
   * The offer's three due times in the partner's calendar; null (logged) when its calendar cannot time
   * them — hours saved before calendars were bounded — so that one partner's settings fail nobody's lead.
   */
  private dueTimes(lead: LockedLead, partner: CandidatePartner, now: Date): DueTimes | null {
    try {
      return computeDueTimes(
        {
          offeredAt: now,
          accept: lead.slaAcceptMinutes,
          contact: lead.slaContactMinutes,
          feedback: lead.slaFeedbackMinutes,
          businessTime: lead.businessTime,
        },
        { timezone: partner.timezone, hours: partner.businessHours, holidays: partner.holidays },
      );
    } catch (error) {
      if (!(error instanceof DueTimeOutOfRangeError || error instanceof InvalidCalendarError)) throw error;
      this.logger.error(`${partner.name} (${partner.id}) cannot be offered lead ${lead.id}: ${error.message}`);
      return null;
    }
  }

  /**
   * No partner can have the lead: it waits, unallocated. A waiting lead looked at again for the same
   * reasons as last time (the same partners excluded for the same reasons) records nothing but the time
   * of the check, so retries never fill its timeline.
   */
  private async park(manager: EntityManager, lead: LockedLead, decision: Decision, actor: string): Promise<AllocationOutcome> {
    const now = this.clock.now();
    if (lead.status === LeadStatus.Unallocated) {
      const last = await this.decisions.latestUnallocatedCandidates(manager, lead.id);
      if (last && exclusionsKey(last) === exclusionsKey(recorded(decision))) {
        await this.leads.markChecked(manager, lead.id, now);
        return { kind: 'waiting', leadId: lead.id };
      }
    }
    const summary = decision.summary;
    const decisionId = await this.decisions.insert(manager, {
      leadId: lead.id,
      decidedAt: now,
      mode: 'automatic',
      policyVersion: decision.policyVersion,
      winnerPartnerId: null,
      actor,
      reason: null,
      summary,
      candidates: recorded(decision),
    });
    await this.leads.park(manager, lead.id, now);
    await this.timeline.record(manager, { leadId: lead.id, at: now, kind: TimelineKind.Unallocated, actor, summary, data: { decisionId } });
    return { kind: 'unallocated', leadId: lead.id, decisionId, summary };
  }
}

/** The policy's view of the lead. */
function factsOf(lead: LockedLead, decidedAt: Date, protection: Protection | null = null): LeadFacts {
  return {
    decidedAt,
    registeredDeal: protection && { partnerId: protection.partnerId, protectedUntil: protection.protectedUntil },
    country: lead.country,
    postalCode: lead.postalCode,
    productInterest: lead.productInterest,
    leadTypeAllowedTiers: lead.allowedTiers as LeadFacts['leadTypeAllowedTiers'],
    excludedPartnerIds: lead.previousPartnerIds,
  };
}

const recorded = (decision: Decision): RecordedCandidates => ({ eligible: decision.eligible, excluded: decision.excluded });

/** Who was excluded and why, comparable across decisions (stored jsonb does not keep key order). */
const exclusionsKey = (candidates: RecordedCandidates): string =>
  candidates.excluded.map((partner) => `${partner.partnerId}:${partner.reasons.join('+')}`).join('|');

/** "a, b or c". */
const naturalList = (items: readonly string[], last = 'or'): string =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
