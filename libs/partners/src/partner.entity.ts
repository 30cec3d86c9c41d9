import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Standing, Tier } from '@leadgate/common';
import { asNumber } from '@leadgate/database';

/** One weekly business-hours window in the partner's timezone; day is ISO (1 = Monday … 7 = Sunday). */
export interface BusinessHoursWindow {
  day: number;
  start: string;
  end: string;
}

@Entity('partners')
export class Partner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') tier: Tier;
  /** Country codes ("DE") or country + postal prefix ("DE-80"). */
  @Column('text', { array: true }) territories: string[];
  @Column('text', { array: true }) specialties: string[];
  /** Maximum number of open (offered or accepted) leads. */
  @Column('int') capacity: number;
  @Column('int') weight: number;
  @Column('text') timezone: string;
  @Column('jsonb', { name: 'business_hours' }) businessHours: BusinessHoursWindow[];
  /** ISO dates (yyyy-mm-dd) in the partner's timezone. */
  @Column('date', { array: true }) holidays: string[];
  @Column('boolean') active: boolean;
  @Column('text') standing: Standing;
  @Column('numeric', { name: 'compliance_score', nullable: true, transformer: asNumber })
  complianceScore: number | null;
  @Column('timestamptz', { name: 'standing_changed_at', nullable: true }) standingChangedAt: Date | null;
  @Column('int', { name: 'open_leads' }) openLeads: number;
  /** Fair-share state: allocations received recently (decays daily). */
  @Column('numeric', { name: 'allocations_recent', transformer: asNumber }) allocationsRecent: number;
  @Column('uuid', { name: 'channel_manager_id', nullable: true }) channelManagerId: string | null;
  @Column('text', { name: 'contact_email', nullable: true }) contactEmail: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
