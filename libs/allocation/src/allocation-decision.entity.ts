import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What the decision record keeps of each candidate: enough to answer "why them and not us?". */
export interface RecordedCandidates {
  eligible: { partnerId: string; name: string; score: number; effectiveWeight: number }[];
  /** Partners covering the lead's territory that could not have it; partners elsewhere are not listed. */
  excluded: { partnerId: string; name: string; reasons: string[] }[];
}

@Entity('allocation_decisions')
export class AllocationDecision {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt: Date;
  @Column('text') mode: 'automatic' | 'manual';
  @Column('text', { name: 'policy_version' }) policyVersion: string;
  @Column('uuid', { name: 'winner_partner_id', nullable: true }) winnerPartnerId: string | null;
  @Column('text') actor: string;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text') summary: string;
  @Column('jsonb') candidates: RecordedCandidates;
}
