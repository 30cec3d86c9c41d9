import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tier } from '@leadgate/common';
import { columnValues, ColumnSpec } from './columns';

/** An agreed kind of lead with its SLA; durations are business minutes unless businessTime is false. */
export interface LeadType {
  id: string;
  key: string;
  name: string;
  definition: string;
  allowedTiers: Tier[];
  slaAcceptMinutes: number;
  slaContactMinutes: number;
  slaFeedbackMinutes: number;
  slaUpdateCadenceMinutes: number | null;
  businessTime: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type LeadTypeFields = Partial<Omit<LeadType, 'id' | 'createdAt' | 'updatedAt'>>;

const WRITABLE: Record<keyof LeadTypeFields, ColumnSpec> = {
  key: { column: 'key', cast: 'text' },
  name: { column: 'name', cast: 'text' },
  definition: { column: 'definition', cast: 'text' },
  allowedTiers: { column: 'allowed_tiers', cast: 'text[]' },
  slaAcceptMinutes: { column: 'sla_accept_minutes', cast: 'int' },
  slaContactMinutes: { column: 'sla_contact_minutes', cast: 'int' },
  slaFeedbackMinutes: { column: 'sla_feedback_minutes', cast: 'int' },
  slaUpdateCadenceMinutes: { column: 'sla_update_cadence_minutes', cast: 'int' },
  businessTime: { column: 'business_time', cast: 'boolean' },
  active: { column: 'active', cast: 'boolean' },
};

interface LeadTypeRow {
  id: string;
  key: string;
  name: string;
  definition: string;
  allowed_tiers: Tier[];
  sla_accept_minutes: number;
  sla_contact_minutes: number;
  sla_feedback_minutes: number;
  sla_update_cadence_minutes: number | null;
  business_time: boolean;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

function toLeadType(row: LeadTypeRow): LeadType {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    definition: row.definition,
    allowedTiers: row.allowed_tiers,
    slaAcceptMinutes: row.sla_accept_minutes,
    slaContactMinutes: row.sla_contact_minutes,
    slaFeedbackMinutes: row.sla_feedback_minutes,
    slaUpdateCadenceMinutes: row.sla_update_cadence_minutes,
    businessTime: row.business_time,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The only SQL on `lead_types`. */
@Injectable()
export class LeadTypesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { active?: boolean }, offset: number, limit: number): Promise<{ leadTypes: LeadType[]; total: number }> {
    const where = filter.active === undefined ? '' : 'WHERE active = $1';
    const params = filter.active === undefined ? [] : [filter.active];
    const [rows, [{ total }]]: [LeadTypeRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`SELECT * FROM lead_types ${where} ORDER BY key LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM lead_types ${where}`, params),
    ]);
    return { leadTypes: rows.map(toLeadType), total };
  }

  /** Row-locked for the caller's transaction when `lock`. */
  async findById(id: string, tx: EntityManager = this.dataSource.manager, lock = false): Promise<LeadType | null> {
    const [row]: LeadTypeRow[] = await tx.query(`SELECT * FROM lead_types WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`, [id]);
    return row ? toLeadType(row) : null;
  }

  async findByKey(tx: EntityManager, key: string): Promise<LeadType | null> {
    const [row]: LeadTypeRow[] = await tx.query(`SELECT * FROM lead_types WHERE key = $1`, [key]);
    return row ? toLeadType(row) : null;
  }

  /**
   * The lead type with this key, created with `fields` when missing (an admin may edit it afterwards, e.g.
   * the registered-deal type's SLAs). Concurrent callers get the same row.
   */
  async ensure(tx: EntityManager, key: string, fields: LeadTypeFields): Promise<LeadType> {
    const entries = columnValues(WRITABLE, { ...fields, key });
    await tx.query(
      `INSERT INTO lead_types (${entries.map(([spec]) => spec.column).join(', ')}) VALUES (${entries.map(([spec], i) => `$${i + 1}::${spec.cast}`).join(', ')})
       ON CONFLICT (key) DO NOTHING`,
      entries.map(([, value]) => value),
    );
    return (await this.findByKey(tx, key))!;
  }

  /** Inserts the given fields; the others take the column defaults. */
  async insert(tx: EntityManager, fields: LeadTypeFields): Promise<string> {
    const entries = columnValues(WRITABLE, fields);
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO lead_types (${entries.map(([spec]) => spec.column).join(', ')}) VALUES (${entries.map(([spec], i) => `$${i + 1}::${spec.cast}`).join(', ')}) RETURNING id`,
      entries.map(([, value]) => value),
    );
    return id;
  }

  async update(tx: EntityManager, id: string, fields: LeadTypeFields): Promise<void> {
    const entries = columnValues(WRITABLE, fields);
    if (entries.length === 0) return;
    await tx.query(`UPDATE lead_types SET ${entries.map(([spec], i) => `${spec.column} = $${i + 2}::${spec.cast}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...entries.map(([, value]) => value)]);
  }
}
