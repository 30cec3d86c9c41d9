// allocation_decisions: why each lead went where it went (the offer statement writes the winning ones, in assignments.repository.ts).
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What the decision record keeps of each candidate: enough to answer "why them and not us?". */
export interface RecordedCandidates {
  eligible: { partnerId: string; name: string; score: number; effectiveWeight: number }[];
  /** Partners covering the lead's territory that could not have it; partners elsewhere are not listed. */
  excluded: { partnerId: string; name: string; reasons: string[] }[];
}

export interface AllocationDecision {
  id: string;
  leadId: string;
  decidedAt: Date;
  mode: 'automatic' | 'manual';
  policyVersion: string;
  winnerPartnerId: string | null;
  actor: string;
  reason: string | null;
  summary: string;
  candidates: RecordedCandidates;
}

export type NewDecision = Omit<AllocationDecision, 'id'>;

interface DecisionRow {
  id: string;
  lead_id: string;
  decided_at: Date;
  mode: AllocationDecision['mode'];
  policy_version: string;
  winner_partner_id: string | null;
  actor: string;
  reason: string | null;
  summary: string;
  candidates: RecordedCandidates;
}

const toDecision = (row: DecisionRow): AllocationDecision => ({
  id: row.id,
  leadId: row.lead_id,
  decidedAt: row.decided_at,
  mode: row.mode,
  policyVersion: row.policy_version,
  winnerPartnerId: row.winner_partner_id,
  actor: row.actor,
  reason: row.reason,
  summary: row.summary,
  candidates: row.candidates,
});

@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a decision; returns its id. */
  async insert(tx: EntityManager, decision: NewDecision): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO allocation_decisions (lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        decision.leadId, decision.decidedAt, decision.mode, decision.policyVersion, decision.winnerPartnerId, decision.actor,
        decision.reason, decision.summary, JSON.stringify(decision.candidates),
      ],
    );
    return id;
  }

  /** The candidates of the lead's latest decision that found nobody (a waiting lead's last one); null when it has none. */
  async latestUnallocatedCandidates(tx: EntityManager, leadId: string): Promise<RecordedCandidates | null> {
    const [row]: { candidates: RecordedCandidates }[] = await tx.query(
      `SELECT candidates FROM allocation_decisions WHERE lead_id = $1 AND winner_partner_id IS NULL ORDER BY decided_at DESC LIMIT 1`,
      [leadId],
    );
    return row?.candidates ?? null;
  }

  /** Oldest first, so the list reads as the lead's story. */
  async forLead(leadId: string): Promise<AllocationDecision[]> {
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT id, lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates
         FROM allocation_decisions WHERE lead_id = $1 ORDER BY decided_at`,
      [leadId],
    );
    return rows.map(toDecision);
  }

  /** Each lead's latest decision (allocation_decisions_lead_idx), for lists that say why a lead is where it is. */
  async latestForLeads(leadIds: string[]): Promise<AllocationDecision[]> {
    if (leadIds.length === 0) return [];
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (lead_id) id, lead_id, decided_at, mode, policy_version, winner_partner_id, actor, reason, summary, candidates
         FROM allocation_decisions WHERE lead_id = ANY($1::uuid[]) ORDER BY lead_id, decided_at DESC, id DESC`,
      [leadIds],
    );
    return rows.map(toDecision);
  }
}
