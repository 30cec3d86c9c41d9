import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { asNumber } from '@leadgate/database';
import type { LeadStatus } from './lead-status';

@Entity('leads')
export class Lead {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'lead_type_id' }) leadTypeId: string;
  @Column('uuid', { name: 'campaign_id', nullable: true }) campaignId: string | null;
  @Column('text') status: LeadStatus;
  @Column('text', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column('text') email: string;
  @Column('text', { name: 'email_normalized' }) emailNormalized: string;
  @Column('text', { name: 'first_name', nullable: true }) firstName: string | null;
  @Column('text', { name: 'last_name', nullable: true }) lastName: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { name: 'job_title', nullable: true }) jobTitle: string | null;
  @Column('text') company: string;
  @Column('char', { length: 2 }) country: string;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode: string | null;
  @Column('text', { name: 'product_interest', nullable: true }) productInterest: string | null;
  @Column('int', { nullable: true }) score: number | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'current_partner_id', nullable: true }) currentPartnerId: string | null;
  @Column('bigint', { name: 'opportunity_amount_minor', nullable: true, transformer: asNumber }) opportunityAmountMinor: number | null;
  @Column('bigint', { name: 'won_amount_minor', nullable: true, transformer: asNumber }) wonAmountMinor: number | null;
  @Column('char', { length: 3, nullable: true }) currency: string | null;
  @Column('text', { name: 'outcome_reason_code', nullable: true }) outcomeReasonCode: string | null;
  @Column('text', { name: 'outcome_reason_text', nullable: true }) outcomeReasonText: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}
