import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntity, AuditEntry, AuditRepository } from './audit.repository';

/** Who made a change: as written in audit columns (`user:<id>`) and as named to people. */
export interface AuditActor {
  ref: string;
  name: string;
}

export interface AuditChange {
  entity: AuditEntity;
  entityId: string;
  action: string;
  actor: AuditActor;
  at: Date;
  /** The whole record before (null when created) and after; only the fields that differ are kept. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Records who changed an admin setting, when, before → after — always inside the change's own transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Writes the entry unless nothing changed (an update that set every field to what it was). */
  async record(tx: EntityManager, change: AuditChange): Promise<void> {
    const { before, after } = changedFields(change.before, change.after);
    if (change.before !== null && change.after !== null && Object.keys(after ?? {}).length === 0) return;
    await this.audit.insert(tx, {
      entity: change.entity, entityId: change.entityId, action: change.action,
      actor: change.actor.ref, actorName: change.actor.name, at: change.at, before, after,
    });
  }

  list(filter: { entity: AuditEntity; entityId?: string }, offset: number, limit: number): Promise<{ entries: AuditEntry[]; total: number }> {
    return this.audit.list(filter, offset, limit);
  }
}

/** Both sides cut down to the fields whose values differ (compared as JSON, so dates and arrays compare by value). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (before === null || after === null) return { before: plain(before), after: plain(after) };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => json(before[key]) !== json(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(keys.map((key) => [key, after[key] ?? null])),
  };
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const plain = (record: Record<string, unknown> | null) => (record === null ? null : (JSON.parse(JSON.stringify(record)) as Record<string, unknown>));
