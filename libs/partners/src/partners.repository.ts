import type { LeadRouting } from './dto/lead-routing.dto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { numberOrNull } from '@leadgate/database';
import type { Standing, Tier } from '@leadgate/common';

/** One weekly business-hours window in the partner's timezone; day is ISO (1 = Monday … 7 = Sunday). */
export interface BusinessHoursWindow {
  day: number;
  start: string;
  end: string;
}

export interface Partner {
  id: string;
  name: string;
  tier: Tier;
  /** Country codes ("DE") or country + postal prefix ("DE-80"). */
  territories: string[];
  specialties: string[];
  /** Maximum number of open (offered or accepted) leads. */
  capacity: number;
  weight: number;
  timezone: string;
  businessHours: BusinessHoursWindow[];
  /** True: SLA clocks run in calendar time and businessHours are not used. */
  aroundTheClock: boolean;
  /** The shared holiday calendar whose days off its clocks skip; null: no holidays. */
  holidayCalendarId: string | null;
  active: boolean;
  standing: Standing;
  complianceScore: number | null;
  standingChangedAt: Date | null;
  openLeads: number;
  /** Fair-share state: allocations received recently (decays daily). */
  allocationsRecent: number;
  channelManagerId: string | null;
  contactEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns this library writes; standing, score, open leads and fair-share state belong to others. */
export type PartnerFields = Partial<Pick<Partner, 'name' | 'tier' | 'territories' | 'specialties' | 'capacity' | 'weight' | 'timezone' | 'businessHours' | 'aroundTheClock' | 'holidayCalendarId' | 'active' | 'channelManagerId' | 'contactEmail'>>;

/**
 * The business hours due times are counted in, for the partner row `partner` (an alias) in a statement that
 * reads partners: none for a partner working around the clock, so its calendar counts calendar time.
 */
export const businessHoursOf = (partner: string): string => `CASE WHEN ${partner}.around_the_clock THEN '[]'::jsonb ELSE ${partner}.business_hours END`;

const WRITABLE: Record<keyof PartnerFields, { column: string; cast: string }> = {
  name: { column: 'name', cast: 'text' },
  tier: { column: 'tier', cast: 'text' },
  territories: { column: 'territories', cast: 'text[]' },
  specialties: { column: 'specialties', cast: 'text[]' },
  capacity: { column: 'capacity', cast: 'int' },
  weight: { column: 'weight', cast: 'int' },
  timezone: { column: 'timezone', cast: 'text' },
  businessHours: { column: 'business_hours', cast: 'jsonb' },
  aroundTheClock: { column: 'around_the_clock', cast: 'boolean' },
  holidayCalendarId: { column: 'holiday_calendar_id', cast: 'uuid' },
  active: { column: 'active', cast: 'boolean' },
  channelManagerId: { column: 'channel_manager_id', cast: 'uuid' },
  contactEmail: { column: 'contact_email', cast: 'text' },
};

export interface PartnerFilter {
  /** Only this partner (a partner-scoped viewer); null matches nothing. */
  onlyId?: string | null;
  /** Only the partners this channel manager (user id) manages. */
  managedBy?: string;
  tier?: Tier;
  standing?: Standing;
  active?: boolean;
  /** Overlapping territories: "DE" finds "DE-80", and "DE-80" finds partners covering all of "DE". */
  territory?: string;
  /** Case-insensitive part of the name. */
  nameContains?: string;
}

export type PartnerOrder = { by: 'name' | 'createdAt'; descending: boolean };

interface PartnerRow {
  id: string;
  name: string;
  tier: Tier;
  territories: string[];
  specialties: string[];
  capacity: number;
  weight: number;
  timezone: string;
  business_hours: BusinessHoursWindow[];
  around_the_clock: boolean;
  holiday_calendar_id: string | null;
  active: boolean;
  standing: Standing;
  compliance_score: string | null;
  standing_changed_at: Date | null;
  open_leads: number;
  allocations_recent: string;
  channel_manager_id: string | null;
  contact_email: string | null;
  created_at: Date;
  updated_at: Date;
}

function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    territories: row.territories,
    specialties: row.specialties,
    capacity: row.capacity,
    weight: row.weight,
    timezone: row.timezone,
    businessHours: row.business_hours,
    aroundTheClock: row.around_the_clock,
    holidayCalendarId: row.holiday_calendar_id,
    active: row.active,
    standing: row.standing,
    complianceScore: numberOrNull(row.compliance_score),
    standingChangedAt: row.standing_changed_at,
    openLeads: row.open_leads,
    allocationsRecent: Number(row.allocations_recent),
    channelManagerId: row.channel_manager_id,
    contactEmail: row.contact_email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const ORDER_COLUMNS = { name: 'name', createdAt: 'created_at' } as const;

function whereOf(filter: PartnerFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.onlyId !== undefined) conditions.push(`id = ${param(filter.onlyId)}::uuid`);
  if (filter.managedBy !== undefined) conditions.push(`channel_manager_id = ${param(filter.managedBy)}::uuid`);
  if (filter.tier) conditions.push(`tier = ${param(filter.tier)}`);
  if (filter.standing) conditions.push(`standing = ${param(filter.standing)}`);
  if (filter.active !== undefined) conditions.push(`active = ${param(filter.active)}`);
  if (filter.territory) {
    const territory = param(filter.territory);
    conditions.push(`EXISTS (SELECT 1 FROM unnest(territories) AS t(code) WHERE starts_with(t.code, ${territory}) OR starts_with(${territory}, t.code))`);
  }
  if (filter.nameContains) conditions.push(`name ILIKE ${param(`%${filter.nameContains.replace(/[\\%_]/g, '\\$&')}%`)} ESCAPE '\\'`);
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** SQL on `partners` for the columns this library owns, and the reads other pages need. */
@Injectable()
export class PartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: PartnerFilter, order: PartnerOrder, offset: number, limit: number): Promise<{ partners: Partner[]; total: number }> {
    const where = whereOf(filter);
    const n = where.params.length;
    const [rows, [{ total }]]: [PartnerRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM partners ${where.sql} ORDER BY ${ORDER_COLUMNS[order.by]} ${order.descending ? 'DESC' : 'ASC'}, id ASC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM partners ${where.sql}`, where.params),
    ]);
    return { partners: rows.map(toPartner), total };
  }

  async findOne(filter: PartnerFilter & { id: string }, tx: EntityManager = this.dataSource.manager): Promise<Partner | null> {
    const { id, ...rest } = filter;
    const where = whereOf(rest);
    const n = where.params.length;
    const [row]: PartnerRow[] = await tx.query(
      `SELECT * FROM partners ${where.sql ? `${where.sql} AND` : 'WHERE'} id = $${n + 1}`,
      [...where.params, id],
    );
    return row ? toPartner(row) : null;
  }

  async findByName(name: string): Promise<Partner | null> {
    const [row]: PartnerRow[] = await this.dataSource.query(`SELECT * FROM partners WHERE name = $1`, [name]);
    return row ? toPartner(row) : null;
  }

  /** Inserts the given fields; the others take the column defaults. */
  async insert(tx: EntityManager, fields: PartnerFields): Promise<string> {
    const entries = writableEntries(fields);
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO partners (${entries.map(([spec]) => spec.column).join(', ')}) VALUES (${entries.map(([spec], i) => `$${i + 1}::${spec.cast}`).join(', ')}) RETURNING id`,
      entries.map(([, value]) => value),
    );
    return id;
  }

  /** Locks the partner row for the caller's transaction; false when there is no such partner. */
  async lock(tx: EntityManager, id: string): Promise<Partner | null> {
    const [row]: PartnerRow[] = await tx.query(`SELECT * FROM partners WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    return row ? toPartner(row) : null;
  }

  /** Writes only the given columns, so a concurrent standing or open-lead change is never overwritten. */
  async update(tx: EntityManager, id: string, fields: PartnerFields): Promise<void> {
    const entries = writableEntries(fields);
    if (entries.length === 0) return;
    await tx.query(
      `UPDATE partners SET ${entries.map(([spec], i) => `${spec.column} = $${i + 2}::${spec.cast}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...entries.map(([, value]) => value)],
    );
  }

  async leadRouting(id: string): Promise<LeadRouting | null> {
    const [row]: { lead_routing: LeadRouting }[] = await this.dataSource.query(`SELECT lead_routing FROM partners WHERE id = $1`, [id]);
    return row?.lead_routing ?? null;
  }

  async setLeadRouting(id: string, mode: LeadRouting): Promise<void> {
    await this.dataSource.query(`UPDATE partners SET lead_routing = $2, updated_at = now() WHERE id = $1`, [id, mode]);
  }

  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(`SELECT id, name FROM partners WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

function writableEntries(fields: PartnerFields): [{ column: string; cast: string }, unknown][] {
  return (Object.keys(WRITABLE) as (keyof PartnerFields)[])
    .filter((key) => fields[key] !== undefined)
    .map((key) => [WRITABLE[key], key === 'businessHours' ? JSON.stringify(fields[key]) : fields[key]]);
}
