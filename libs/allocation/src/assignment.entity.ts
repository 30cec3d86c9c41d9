import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ASSIGNMENT_STATUSES = ['offered', 'accepted', 'declined', 'recalled', 'reassigned', 'closed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** One partner's hold on a lead, with the SLA due times fixed at offer time. A lead keeps every earlier assignment. */
@Entity('assignments')
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'lead_id' }) leadId: string;
  @Column('uuid', { name: 'partner_id' }) partnerId: string;
  @Column('uuid', { name: 'decision_id', nullable: true }) decisionId: string | null;
  @Column('text') status: AssignmentStatus;
  @Column('timestamptz', { name: 'offered_at' }) offeredAt: Date;
  @Column('timestamptz', { name: 'accept_due_at' }) acceptDueAt: Date;
  @Column('timestamptz', { name: 'contact_due_at' }) contactDueAt: Date;
  @Column('timestamptz', { name: 'feedback_due_at' }) feedbackDueAt: Date;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column('timestamptz', { name: 'first_contact_at', nullable: true }) firstContactAt: Date | null;
  @Column('timestamptz', { name: 'feedback_at', nullable: true }) feedbackAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('text', { name: 'end_reason_code', nullable: true }) endReasonCode: string | null;
  @Column('text', { name: 'end_reason_text', nullable: true }) endReasonText: string | null;
}
