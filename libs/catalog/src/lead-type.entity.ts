import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Tier } from '@leadgate/common';

/** An agreed kind of lead with its SLA; durations are business minutes unless businessTime is false. */
@Entity('lead_types')
export class LeadType {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('text') name: string;
  @Column('text') definition: string;
  @Column('text', { name: 'allowed_tiers', array: true }) allowedTiers: Tier[];
  @Column('int', { name: 'sla_accept_minutes' }) slaAcceptMinutes: number;
  @Column('int', { name: 'sla_contact_minutes' }) slaContactMinutes: number;
  @Column('int', { name: 'sla_feedback_minutes' }) slaFeedbackMinutes: number;
  @Column('int', { name: 'sla_update_cadence_minutes', nullable: true }) slaUpdateCadenceMinutes: number | null;
  @Column('boolean', { name: 'business_time' }) businessTime: boolean;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
