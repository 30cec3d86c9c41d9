import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a lead's timeline: what happened, when, by whom, in words a person can read. */
@Entity('lead_events')
export class LeadEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('timestamptz') at: Date;
  @Column('text') kind: string;
  @Column('uuid', { name: 'partner_id', nullable: true }) partnerId: string | null;
  @Column('text') actor: string;
  @Column('text') summary: string;
  @Column('jsonb') data: Record<string, unknown>;
}
