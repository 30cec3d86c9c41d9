import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@leadgate/common';

/** A machine credential. Only a SHA-256 of the secret is stored; the secret is shown once. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') role: Role;
  @Column('uuid', { name: 'partner_id', nullable: true }) partnerId: string | null;
  @Column('text', { name: 'token_prefix' }) tokenPrefix: string;
  @Column('text', { name: 'token_hash', select: false }) tokenHash: string;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
