// assignments: the offer (capacity claim, decision, assignment, lead status, timeline, in one statement),
// the partner's moves, reassignment, the sweeps' batches, and the open-clock predicate.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { formatInstant } from '@leadgate/common';
import { PreparedStatement, PreparedStatements } from '@leadgate/database';
import type { RecipientRow } from '@leadgate/notifications';
import type { RecordedCandidates } from './decisions.repository';
import { AssignmentStatus, LEFT_ASSIGNMENT_STATUSES, LeadStatus, OPEN_ASSIGNMENT_STATUSES } from './policy/statuses';
import { assignmentAfter, leadAfter, REASSIGNABLE_STATUSES, TimelineKind } from './policy/transitions';
import { MissedClockLine, TimelineRepository } from './timeline.repository';

export interface Assignment {
  id: string;
  partnerId: string;
  status: AssignmentStatus;
  offeredAt: Date;
  /** Null when the assignment has no accept clock: a registered deal, held from its start. */
  acceptDueAt: Date | null;
  contactDueAt: Date;
  feedbackDueAt: Date;
  acceptedAt: Date | null;
  firstContactAt: Date | null;
  feedbackAt: Date | null;
  endedAt: Date | null;
  endReasonCode: string | null;
  endReasonText: string | null;
}

/** The lead a partner holds, locked, with its partner and its latest assignment to that partner. */
/** A lead that left a partner, as that partner may see it afterwards: no buyer contact details. */
export interface LeftLead {
  leadId: string;
  company: string;
  country: string;
  leadTypeName: string;
  status: AssignmentStatus;
  offeredAt: Date;
  /** Null when the assignment has no accept clock: a registered deal, held from its start. */
  acceptDueAt: Date | null;
  endedAt: Date;
  reasonCode: string | null;
  reasonText: string | null;
}

export interface HeldLead {
  id: string;
  status: LeadStatus;
  /** Fixed by the lead's first amount; null until then. */
  currency: string | null;
  partnerId: string;
  partnerName: string;
  assignmentId: string;
  offeredAt: Date;
  /** Null when the assignment has no accept clock: a registered deal, held from its start. */
  acceptDueAt: Date | null;
  contactDueAt: Date;
  feedbackDueAt: Date;
  acceptedAt: Date | null;
  firstContactAt: Date | null;
  feedbackAt: Date | null;
}

export interface NewOffer {
  leadId: string;
  partnerId: string;
  at: Date;
  mode: 'automatic' | 'manual';
  policyVersion: string;
  actor: string;
  reason: string | null;
  /** The decision's summary. */
  summary: string;
  candidates: RecordedCandidates;
  due: { acceptDueAt: Date; contactDueAt: Date; feedbackDueAt: Date };
  /** The timeline line. */
  timelineSummary: string;
  /** The partner's standing as the decision read it: a change since then (a suspension, say) voids the claim. */
  standingAsRead: string;
  /** The fair-share memory the decision counted (lifted on fair re-entry); the claim stores at least this, plus one. */
  countedAllocations: number;
  /** The partner's fair-share memory (allocations_recent) as the decision read it: claimed only if still so. Unset: whatever it is. */
  allocationsAsRead?: number;
}

/**
 * Why nothing was claimed: `moved`, the partner got other leads since the decision read it (its memory now,
 * to decide again with); `changed`, it can no longer take the lead as read (full, suspended, paused,
 * inactive), or changed while the statement waited for its row: read everything again.
 */
export type OfferRefused = { refused: 'changed' } | { refused: 'moved'; allocations: number };

export interface Offered {
  assignmentId: string;
  decisionId: string;
  /** Who hears of the offer: the partner's team (partner_email_recipients). */
  recipients: RecipientRow[];
}

/** An offer the accept sweep took back. */
export interface RecalledOffer {
  assignmentId: string;
  leadId: string;
  partnerId: string;
  /** The lead went back to allocation (it was still offered to this partner). */
  leadRecalled: boolean;
}

export type MissedClock = 'contact' | 'feedback';

interface RecallRow {
  assignment_id: string;
  lead_id: string;
  partner_id: string;
  partner_name: string;
  accept_due_at: Date;
  lead_recalled: boolean;
  breached: boolean;
}

/** A breach row as json_agg returns it: its due time is an ISO string. */
interface AssignmentRow {
  id: string;
  partner_id: string;
  status: AssignmentStatus;
  offered_at: Date;
  accept_due_at: Date | null;
  contact_due_at: Date;
  feedback_due_at: Date;
  accepted_at: Date | null;
  first_contact_at: Date | null;
  feedback_at: Date | null;
  ended_at: Date | null;
  end_reason_code: string | null;
  end_reason_text: string | null;
}

interface HeldLeadRow {
  id: string;
  status: LeadStatus;
  currency: string | null;
  partner_id: string;
  partner_name: string;
  assignment_id: string;
  offered_at: Date;
  accept_due_at: Date | null;
  contact_due_at: Date;
  feedback_due_at: Date;
  accepted_at: Date | null;
  first_contact_at: Date | null;
  feedback_at: Date | null;
}

const toAssignment = (row: AssignmentRow): Assignment => ({
  id: row.id,
  partnerId: row.partner_id,
  status: row.status,
  offeredAt: row.offered_at,
  acceptDueAt: row.accept_due_at,
  contactDueAt: row.contact_due_at,
  feedbackDueAt: row.feedback_due_at,
  acceptedAt: row.accepted_at,
  firstContactAt: row.first_contact_at,
  feedbackAt: row.feedback_at,
  endedAt: row.ended_at,
  endReasonCode: row.end_reason_code,
  endReasonText: row.end_reason_text,
});

const toHeldLead = (row: HeldLeadRow): HeldLead => ({
  id: row.id,
  status: row.status,
  currency: row.currency,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  assignmentId: row.assignment_id,
  offeredAt: row.offered_at,
  acceptDueAt: row.accept_due_at,
  contactDueAt: row.contact_due_at,
  feedbackDueAt: row.feedback_due_at,
  acceptedAt: row.accepted_at,
  firstContactAt: row.first_contact_at,
  feedbackAt: row.feedback_at,
});

/** Each clock's due and met columns on assignments. */
const CLOCKS = {
  accept: { due: 'accept_due_at', met: 'accepted_at' },
  contact: { due: 'contact_due_at', met: 'first_contact_at' },
  feedback: { due: 'feedback_due_at', met: 'feedback_at' },
} as const;

/*
 * A clock still running and due before `dueBefore`. Whether it runs is sla_clock_open (migration
 * 1763900010000, the one definition the sla_clocks view uses too), called on the locked row itself so
 * a concurrent accept is re-checked; with a constant kind it folds to the clock's partial index.
 */
const runningClock = (clock: keyof typeof CLOCKS, dueBefore: string): string => {
  const { due, met } = CLOCKS[clock];
  return `sla_clock_open('${clock}', a.status, a.${met}) AND a.${due} < ${dueBefore}`;
};

// Whether the partner can take the lead: active, the standing the decision read, a free slot, not paused
// (a pause saved since the candidates were read; partner_pauses_partner_idx).
const CLAIMABLE = `p.active AND p.standing = $15 AND p.open_leads < p.capacity
            AND NOT EXISTS (SELECT 1 FROM partner_pauses pp WHERE pp.partner_id = p.id AND pp.starts_at <= $3
                              AND pp.ends_at > $3 AND COALESCE(pp.ended_at, pp.ends_at) > $3)`;

/** Claims a capacity slot and records decision, assignment, lead status and timeline row, and reads who to email. */
const OFFER: PreparedStatement = {
  name: 'lifecycle-offer',
  text: `WITH claimed AS (
         UPDATE partners p SET open_leads = open_leads + 1, allocations_recent = GREATEST(allocations_recent, $16::numeric) + 1
          WHERE id = $2 AND ${CLAIMABLE}
            -- The fair-share memory the decision weighed, when the caller asks: another lead given meanwhile voids it.
            AND ($17::numeric IS NULL OR allocations_recent = $17::numeric)
          RETURNING id
       ), decision AS (
         INSERT INTO allocation_decisions (lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates)
         SELECT $1, $3, $4, $5, claimed.id, $6, $7, $8, $9 FROM claimed
         RETURNING id
       ), assignment AS (
         INSERT INTO assignments (lead_id, partner_id, decision_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at)
         SELECT $1, $2, decision.id, '${assignmentAfter('offer')}', $3, $10, $11, $12 FROM decision
         RETURNING id, decision_id
       ), moved AS (
         UPDATE leads SET status = '${leadAfter('offer', LeadStatus.New)}', current_partner_id = $2, updated_at = $3
          WHERE id = $1 AND EXISTS (SELECT 1 FROM assignment)
       ), timeline AS (
         INSERT INTO lead_events (lead_id, at, kind, actor, partner_id, summary, data)
         SELECT $1, $3, '${TimelineKind.Offered}', $6, $2, $13, $14::jsonb || jsonb_build_object('assignmentId', id, 'decisionId', decision_id)
           FROM assignment
       )
       -- Each branch reads only what its outcome needs (a CASE runs the subquery of the branch taken).
       SELECT assignment.id AS assignment_id, assignment.decision_id,
              -- Not claimed: the partner's memory in this statement's snapshot, if it could take the lead at all.
              CASE WHEN assignment.id IS NULL THEN (SELECT p.allocations_recent FROM partners p WHERE p.id = $2 AND ${CLAIMABLE}) END AS claimable_memory,
              CASE WHEN assignment.id IS NOT NULL THEN COALESCE((SELECT json_agg(r ORDER BY r.address) FROM partner_email_recipients r
                         WHERE r.partner_id = $2::uuid AND r.recipients_of = 'team'), '[]'::json) END AS recipients,
              -- Whether the timeline's outbox (the webhooks) has anyone to tell: if no endpoint is enabled,
              -- the offer saves itself the outbox's statement, the only one it would add.
              CASE WHEN assignment.id IS NOT NULL THEN EXISTS (SELECT 1 FROM webhook_endpoints WHERE disabled_at IS NULL) END AS outbox_listened
         FROM (SELECT 1) AS one LEFT JOIN assignment ON true`,
};

/*
 * Why a clock due exactly now is not swept: the partner may still meet it (accepting at the due
 * instant is on time), so only `due_at < now` is missed.
 *
 * Locks: the accept sweep locks each lead before its assignment, the order every partner action and
 * allocation uses, and SKIP LOCKED means a sweeper never waits for a row another transaction holds:
 * two sweepers split the work, and a lead a partner is accepting right now is left for the next run.
 */
const RECALL_BATCH_SQL = `
  WITH due AS (
    SELECT a.id, a.lead_id, a.partner_id, a.accept_due_at,
           CASE WHEN l.current_partner_id = a.partner_id THEN l.owner_id END AS owner_id
      FROM assignments a
      JOIN leads l ON l.id = a.lead_id
     WHERE ${runningClock('accept', '$1')}
     ORDER BY a.accept_due_at
     LIMIT $2
       FOR NO KEY UPDATE OF l, a SKIP LOCKED
  ), recalled AS (
    -- The lead leaves unowned; owner_at_end keeps who owned it, so the recall email still goes to them.
    UPDATE assignments a
       SET status = '${assignmentAfter('recall')}', ended_at = $1, end_reason_code = 'accept_timeout', owner_at_end = due.owner_id
      FROM due
     WHERE a.id = due.id
    RETURNING a.id, a.lead_id, a.partner_id, a.accept_due_at
  ), breach AS (
    INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
    SELECT id, lead_id, partner_id, 'accept', accept_due_at, $1 FROM recalled
    ON CONFLICT (assignment_id, kind) DO NOTHING
    RETURNING assignment_id
  ), moved AS (
    UPDATE leads l
       SET status = '${leadAfter('recall', LeadStatus.Offered)}', current_partner_id = NULL, updated_at = $1
      FROM recalled r
     WHERE l.id = r.lead_id AND l.status = '${LeadStatus.Offered}' AND l.current_partner_id = r.partner_id
    RETURNING l.id
  )
  SELECT r.id AS assignment_id, r.lead_id, r.partner_id, p.name AS partner_name, r.accept_due_at,
         EXISTS (SELECT 1 FROM moved m WHERE m.id = r.lead_id) AS lead_recalled,
         EXISTS (SELECT 1 FROM breach b WHERE b.assignment_id = r.id) AS breached
    FROM recalled r
    JOIN partners p ON p.id = r.partner_id
   ORDER BY r.lead_id`;

const MISSED_SUMMARY: Record<MissedClock, (partner: string, due: Date) => string> = {
  contact: (partner, due) => `Not contacted by ${partner} within the agreed time (due ${formatInstant(due)})`,
  feedback: (partner, due) => `No feedback from ${partner} within the agreed time (due ${formatInstant(due)})`,
};

/*
 * A missed contact or feedback clock stays on an accepted assignment until the partner catches up, so
 * the NOT EXISTS skips clocks already recorded; ON CONFLICT still guarantees one breach per clock when
 * two sweepers race, and only a row actually inserted is returned for its timeline entry. The row lock keeps a
 * partner's contact logged in the same instant from leaving an uncured breach behind.
 */
const missedBatchSql = (kind: MissedClock): string => {
  const { due } = CLOCKS[kind];
  return `
  WITH due AS (
    SELECT a.id, a.lead_id, a.partner_id, a.${due} AS due_at
      FROM assignments a
     WHERE ${runningClock(kind, '$1')}
       AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.assignment_id = a.id AND b.kind = $3)
     ORDER BY a.${due}
     LIMIT $2
       FOR NO KEY UPDATE OF a SKIP LOCKED
  ), breach AS (
    INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
    SELECT id, lead_id, partner_id, $3, due_at, $1 FROM due
    ON CONFLICT (assignment_id, kind) DO NOTHING
    RETURNING assignment_id, lead_id, partner_id, due_at
  )
  SELECT (SELECT count(*) FROM due)::int AS candidates,
         COALESCE((SELECT json_agg(json_build_object('assignment_id', b.assignment_id, 'lead_id', b.lead_id, 'partner_id', b.partner_id,
                                                     'partner_name', p.name, 'due_at', b.due_at) ORDER BY b.lead_id)
                     FROM breach b JOIN partners p ON p.id = b.partner_id), '[]'::json) AS breaches`;
};
const MISSED_BATCH_SQL: Record<MissedClock, string> = { contact: missedBatchSql('contact'), feedback: missedBatchSql('feedback') };

@Injectable()
export class AssignmentsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
    private readonly timeline: TimelineRepository,
  ) {}

  /**
   * Claims a capacity slot of the partner and, only if that worked, records the decision, the
   * assignment with its due times, the lead's new status and its timeline line, all in one statement.
   * Says why not when the partner changed since its candidates were read.
   */
  async offer(tx: EntityManager, offer: NewOffer): Promise<Offered | OfferRefused> {
    const [row] = await this.prepared.query<{
      assignment_id: string | null; decision_id: string; claimable_memory: string | null; recipients: RecipientRow[]; outbox_listened: boolean;
    }>(tx, OFFER, [
      offer.leadId, offer.partnerId, offer.at, offer.mode, offer.policyVersion, offer.actor, offer.reason, offer.summary,
      JSON.stringify(offer.candidates), offer.due.acceptDueAt, offer.due.contactDueAt, offer.due.feedbackDueAt,
      offer.timelineSummary, JSON.stringify({ mode: offer.mode, ...offer.due }), offer.standingAsRead, offer.countedAllocations,
      offer.allocationsAsRead ?? null,
    ]);
    if (!row.assignment_id) {
      const memory = row.claimable_memory === null ? null : Number(row.claimable_memory);
      // Claimable as read yet not claimed: it changed after this statement began (while its row lock was awaited).
      return memory === null || memory === offer.allocationsAsRead ? { refused: 'changed' } : { refused: 'moved', allocations: memory };
    }
    if (row.outbox_listened) await this.timeline.recordedElsewhere(tx, {
      leadId: offer.leadId, at: offer.at, kind: TimelineKind.Offered, actor: offer.actor, partnerId: offer.partnerId, summary: offer.timelineSummary,
      data: { mode: offer.mode, ...offer.due, assignmentId: row.assignment_id, decisionId: row.decision_id },
    });
    return { assignmentId: row.assignment_id, decisionId: row.decision_id, recipients: row.recipients };
  }

  /** Locks the lead the partner holds (lead row first, the order every writer uses); null when it holds no such lead. */
  async lockHeldLead(tx: EntityManager, leadId: string, partnerId: string): Promise<HeldLead | null> {
    const [row]: HeldLeadRow[] = await tx.query(
      `SELECT l.id, l.status, l.currency, p.id AS partner_id, p.name AS partner_name,
              a.id AS assignment_id, a.offered_at, a.accept_due_at, a.contact_due_at, a.feedback_due_at, a.accepted_at, a.first_contact_at, a.feedback_at
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
    return row ? toHeldLead(row) : null;
  }

  /** The partner accepted the offer. */
  async accept(tx: EntityManager, assignmentId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE assignments SET status = $2, accepted_at = $3 WHERE id = $1`, [assignmentId, assignmentAfter('accept'), at]);
  }

  /** The open assignment ends (declined, closed by a verdict) as `status`, with its reason. */
  async end(tx: EntityManager, assignmentId: string, status: AssignmentStatus, at: Date, reasonCode: string, reasonText: string | null): Promise<void> {
    await tx.query(
      `UPDATE assignments SET status = $2, ended_at = $3, end_reason_code = $4, end_reason_text = $5 WHERE id = $1`,
      [assignmentId, status, at, reasonCode, reasonText],
    );
  }

  /**
   * A hand-back that counts as a missed contact clock: the clock is due at `dueAt` (before the hand-back,
   * so sla_clocks counts it, unmet) and its breach is recorded once. False when the breach existed already.
   */
  async missContactOnHandBack(tx: EntityManager, assignmentId: string, dueAt: Date, at: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH due AS (
         UPDATE assignments SET contact_due_at = $2 WHERE id = $1
         RETURNING id, lead_id, partner_id, contact_due_at
       )
       INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
       SELECT id, lead_id, partner_id, 'contact', contact_due_at, $3 FROM due
       ON CONFLICT (assignment_id, kind) DO NOTHING
       RETURNING id`,
      [assignmentId, dueAt, at],
    );
    return rows.length > 0;
  }

  /**
   * A channel manager takes the lead back from the partner holding it (offered or accepted): the assignment ends as
   * reassigned, the lead returns to allocation, and the timeline says who did it and why. The caller releases the
   * capacity and offers the lead again in the same transaction. Returns the assignments that ended.
   */
  async reassignOpen(tx: EntityManager, leadId: string, at: Date, move: { reason: string; actor: string; by: string }): Promise<{ assignmentId: string; partnerId: string }[]> {
    const rows: { id: string; partner_id: string; partner_name: string }[] = await tx.query(
      `WITH ended AS (
         UPDATE assignments SET status = $2, ended_at = $3, end_reason_code = 'reassigned', end_reason_text = $4
          WHERE lead_id = $1 AND status = ANY($5::text[])
          RETURNING id, partner_id
       ), moved AS (
         -- The previous holder's planned next step is its own (its owner goes too: leads_unown_on_partner_change).
         UPDATE leads l SET status = $6, current_partner_id = NULL, next_step_on = NULL, next_step = NULL, updated_at = $3
          WHERE l.id = $1 AND l.status = ANY($7::text[]) AND EXISTS (SELECT 1 FROM ended)
       )
       SELECT ended.id, ended.partner_id, p.name AS partner_name FROM ended JOIN partners p ON p.id = ended.partner_id`,
      [leadId, assignmentAfter('reassign'), at, move.reason, OPEN_ASSIGNMENT_STATUSES, leadAfter('reassign', LeadStatus.Offered), REASSIGNABLE_STATUSES],
    );
    await this.timeline.recordMany(
      tx,
      rows.map((row) => ({
        leadId, at, kind: TimelineKind.Reassigned, actor: move.actor, partnerId: row.partner_id,
        summary: `Taken back from ${row.partner_name} by ${move.by}: ${move.reason}`,
        data: { assignmentId: row.id, reasonCode: 'reassigned' },
      })),
    );
    return rows.map((row) => ({ assignmentId: row.id, partnerId: row.partner_id }));
  }

  /** Which partners declined each of these leads, and the reason code they gave (assignments_lead_idx). */
  async declinesOf(leadIds: string[], tx: EntityManager = this.dataSource.manager): Promise<{ leadId: string; partnerId: string; reasonCode: string | null }[]> {
    if (leadIds.length === 0) return [];
    const rows: { lead_id: string; partner_id: string; end_reason_code: string | null }[] = await tx.query(
      `SELECT DISTINCT ON (lead_id, partner_id) lead_id, partner_id, end_reason_code FROM assignments
        WHERE lead_id = ANY($1::uuid[]) AND status = $2 ORDER BY lead_id, partner_id, ended_at DESC`,
      [leadIds, AssignmentStatus.Declined],
    );
    return rows.map((row) => ({ leadId: row.lead_id, partnerId: row.partner_id, reasonCode: row.end_reason_code }));
  }

  async recordFirstContact(tx: EntityManager, assignmentId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE assignments SET first_contact_at = $2 WHERE id = $1`, [assignmentId, at]);
  }

  async recordFeedback(tx: EntityManager, assignmentId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE assignments SET feedback_at = $2 WHERE id = $1`, [assignmentId, at]);
  }

  /** The leads that left the partner (declined, recalled, moved away), the latest first, one page, and how many in all. */
  async leftBy(partnerId: string, page: { offset: number; limit: number }): Promise<{ items: LeftLead[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT a.lead_id, l.company, l.country, t.name AS lead_type_name, a.status, a.offered_at, a.accept_due_at, a.ended_at,
                a.end_reason_code, a.end_reason_text
           FROM assignments a JOIN leads l ON l.id = a.lead_id JOIN lead_types t ON t.id = l.lead_type_id
          WHERE a.partner_id = $1 AND a.status = ANY($2::text[])
          ORDER BY a.ended_at DESC, a.id OFFSET $3 LIMIT $4`,
        [partnerId, LEFT_ASSIGNMENT_STATUSES, page.offset, page.limit],
      ) as Promise<
        { lead_id: string; company: string; country: string; lead_type_name: string; status: AssignmentStatus; offered_at: Date; accept_due_at: Date | null; ended_at: Date; end_reason_code: string | null; end_reason_text: string | null }[]
      >,
      this.dataSource.query(`SELECT count(*)::int AS total FROM assignments WHERE partner_id = $1 AND status = ANY($2::text[])`, [partnerId, LEFT_ASSIGNMENT_STATUSES]) as Promise<{ total: number }[]>,
    ]);
    return {
      items: rows.map((row) => ({
        leadId: row.lead_id,
        company: row.company,
        country: row.country,
        leadTypeName: row.lead_type_name,
        status: row.status,
        offeredAt: row.offered_at,
        acceptDueAt: row.accept_due_at,
        endedAt: row.ended_at,
        reasonCode: row.end_reason_code,
        reasonText: row.end_reason_text,
      })),
      total,
    };
  }

  /** Every offer of the lead, oldest first; with a partner, only that partner's. */
  async forLead(leadId: string, partnerId: string | null): Promise<Assignment[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(
      `SELECT id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at,
              first_contact_at, feedback_at, ended_at, end_reason_code, end_reason_text
         FROM assignments
        WHERE lead_id = $1 AND ($2::uuid IS NULL OR partner_id = $2::uuid)
        ORDER BY offered_at, id`,
      [leadId, partnerId],
    );
    return rows.map(toAssignment);
  }

  /**
   * One batch of offers not accepted in time: records each accept breach, recalls the offer and puts
   * the lead back to allocation, with their timeline lines. The caller releases the capacity.
   */
  async recallOverdue(tx: EntityManager, asOf: Date, limit: number, actor: string): Promise<{ recalled: RecalledOffer[]; breaches: number }> {
    const rows: RecallRow[] = await tx.query(RECALL_BATCH_SQL, [asOf, limit]);
    await this.timeline.recordMany(
      tx,
      rows.flatMap((row) => {
        const event = { leadId: row.lead_id, at: asOf, actor, partnerId: row.partner_id };
        const recalled = {
          ...event,
          kind: TimelineKind.Recalled,
          summary: `Not accepted within the agreed time: offer recalled from ${row.partner_name}`,
          data: { assignmentId: row.assignment_id, reasonCode: 'accept_timeout' },
        };
        if (!row.breached) return [recalled];
        const breach = {
          ...event,
          kind: TimelineKind.Breach,
          summary: `Not accepted by ${row.partner_name} within the agreed time (due ${formatInstant(row.accept_due_at)})`,
          data: { assignmentId: row.assignment_id, breach: 'accept', dueAt: row.accept_due_at },
        };
        return [breach, recalled];
      }),
    );
    return {
      recalled: rows.map((row) => ({ assignmentId: row.assignment_id, leadId: row.lead_id, partnerId: row.partner_id, leadRecalled: row.lead_recalled })),
      breaches: rows.filter((row) => row.breached).length,
    };
  }

  /** One batch of accepted assignments whose contact or feedback clock ran out: each miss recorded once, with its timeline line. */
  async recordMissedClocks(
    tx: EntityManager,
    kind: MissedClock,
    asOf: Date,
    limit: number,
    actor: string,
  ): Promise<{ candidates: number; breaches: MissedClockLine[] }> {
    const [row]: { candidates: number; breaches: MissedClockLine[] }[] = await tx.query(MISSED_BATCH_SQL[kind], [asOf, limit, kind]);
    await this.timeline.recordMissed(tx, asOf, actor, kind, row.breaches, (breach) => MISSED_SUMMARY[kind](breach.partner_name, new Date(breach.due_at)));
    return { candidates: row.candidates, breaches: row.breaches };
  }
}
