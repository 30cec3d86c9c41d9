import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What an entry is about: the admin settings whose changes are audited. */
export type AuditEntity = 'lead_type' | 'partner' | 'holiday_calendar' | 'user' | 'setting';
export const AUDIT_ENTITIES: readonly AuditEntity[] = ['lead_type', 'partner', 'holiday_calendar', 'user', 'setting'];

export interface NewAuditEntry {
  entity: AuditEntity;
  entityId: string;
  /** What was done, in words: "created", "changed", "deactivated", "invited" … */
  action: string;
  /** Who, as written in audit columns (`user:<id>`, `token:<id>`), and named for people. */
  actor: string;
  actorName: string;
  at: Date;
  /** Only the fields that changed (null on create). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditEntry extends NewAuditEntry {
  id: string;
}

interface AuditRow {
  id: string;
  entity: AuditEntity;
  entity_id: string;
  action: string;
  actor: string;
  actor_name: string;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  entity: row.entity,
  entityId: row.entity_id,
  action: row.action,
  actor: row.actor,
  actorName: row.actor_name,
  at: row.at,
  before: row.before,
  after: row.after,
});

/** The only SQL on `audit_entries`: appended in the change's own transaction, read newest first. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, entry: NewAuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO audit_entries (entity, entity_id, action, actor, actor_name, at, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [entry.entity, entry.entityId, entry.action, entry.actor, entry.actorName, entry.at,
        entry.before === null ? null : JSON.stringify(entry.before), entry.after === null ? null : JSON.stringify(entry.after)],
    );
  }

  /** Newest first (audit_entries_entity_idx / audit_entries_at_idx). */
  async list(filter: { entity: AuditEntity; entityId?: string }, offset: number, limit: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const params: unknown[] = [filter.entity];
    let where = 'entity = $1';
    if (filter.entityId !== undefined) {
      params.push(filter.entityId);
      where += ' AND entity_id = $2';
    }
    const [rows, [{ total }]]: [AuditRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT id::text, entity, entity_id, action, actor, actor_name, at, before, after FROM audit_entries WHERE ${where}
          ORDER BY audit_entries.at DESC, audit_entries.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM audit_entries WHERE ${where}`, params),
    ]);
    return { entries: rows.map(toEntry), total };
  }
}
