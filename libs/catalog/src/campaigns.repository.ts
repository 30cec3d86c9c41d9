import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { columnValues, ColumnSpec } from './columns';

/** A marketing source of leads, with its cost in minor units of its currency. */
export interface Campaign {
  id: string;
  key: string;
  name: string;
  channel: string;
  costMinor: number;
  currency: string;
  startsOn: string | null;
  endsOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CampaignFields = Partial<Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>>;

const WRITABLE: Record<keyof CampaignFields, ColumnSpec> = {
  key: { column: 'key', cast: 'text' },
  name: { column: 'name', cast: 'text' },
  channel: { column: 'channel', cast: 'text' },
  costMinor: { column: 'cost_minor', cast: 'bigint' },
  currency: { column: 'currency', cast: 'char(3)' },
  startsOn: { column: 'starts_on', cast: 'date' },
  endsOn: { column: 'ends_on', cast: 'date' },
};

interface CampaignRow {
  id: string;
  key: string;
  name: string;
  channel: string;
  cost_minor: string;
  currency: string;
  starts_on: string | null;
  ends_on: string | null;
  created_at: Date;
  updated_at: Date;
}

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    channel: row.channel,
    // pg returns bigint as a string; costs in minor units fit a JS number safely.
    costMinor: Number(row.cost_minor),
    currency: row.currency,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The only SQL on `campaigns`. */
@Injectable()
export class CampaignsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { channel?: string }, offset: number, limit: number): Promise<{ campaigns: Campaign[]; total: number }> {
    const where = filter.channel === undefined ? '' : 'WHERE channel = $1';
    const params = filter.channel === undefined ? [] : [filter.channel];
    const [rows, [{ total }]]: [CampaignRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`SELECT * FROM campaigns ${where} ORDER BY key LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM campaigns ${where}`, params),
    ]);
    return { campaigns: rows.map(toCampaign), total };
  }

  /** With `lock`, the row stays locked until `tx` ends. */
  async findById(id: string, tx: EntityManager = this.dataSource.manager, lock = false): Promise<Campaign | null> {
    const [row]: CampaignRow[] = await tx.query(`SELECT * FROM campaigns WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toCampaign(row) : null;
  }

  async findByKey(tx: EntityManager, key: string): Promise<Campaign | null> {
    const [row]: CampaignRow[] = await tx.query(`SELECT * FROM campaigns WHERE key = $1`, [key]);
    return row ? toCampaign(row) : null;
  }

  /** Inserts the given fields; the others take the column defaults. */
  async insert(fields: CampaignFields): Promise<string> {
    const entries = columnValues(WRITABLE, fields);
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO campaigns (${entries.map(([spec]) => spec.column).join(', ')}) VALUES (${entries.map(([spec], i) => `$${i + 1}::${spec.cast}`).join(', ')}) RETURNING id`,
      entries.map(([, value]) => value),
    );
    return id;
  }

  async update(tx: EntityManager, id: string, fields: CampaignFields): Promise<void> {
    const entries = columnValues(WRITABLE, fields);
    if (entries.length === 0) return;
    await tx.query(`UPDATE campaigns SET ${entries.map(([spec], i) => `${spec.column} = $${i + 2}::${spec.cast}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...entries.map(([, value]) => value)]);
  }
}
