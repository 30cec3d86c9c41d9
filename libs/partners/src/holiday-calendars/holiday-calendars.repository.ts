import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { holidaySetOf } from '@leadgate/common';

/**
 * The holiday calendar of the partner row `partner` (an alias), as json, in a statement that reads partners;
 * null when it has none. `holidaysOf` turns it into the days off due times skip.
 */
export const holidayCalendarOf = (partner: string): string =>
  `(SELECT json_build_object('country', hc.country, 'region', hc.region, 'custom_dates', hc.custom_dates)
      FROM holiday_calendars hc WHERE hc.id = ${partner}.holiday_calendar_id)`;

export interface HolidayCalendarJson {
  country: string | null;
  region: string | null;
  custom_dates: string[];
}

/** Days off generated per year as due times reach them; none without a calendar. */
export const holidaysOf = (calendar: HolidayCalendarJson | null): ReturnType<typeof holidaySetOf> | string[] =>
  calendar ? holidaySetOf({ country: calendar.country, region: calendar.region, customDates: calendar.custom_dates }) : [];

/** A named, shared set of days off: a country's (and region's) public holidays, generated per year, plus custom dates. */
export interface HolidayCalendar {
  id: string;
  name: string;
  /** ISO 3166 code whose public holidays date-holidays generates; null: custom dates only. */
  country: string | null;
  region: string | null;
  /** yyyy-mm-dd, sorted. */
  customDates: string[];
  /** Partners using it. */
  partnerCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type HolidayCalendarFields = Partial<Pick<HolidayCalendar, 'name' | 'country' | 'region' | 'customDates'>>;

interface HolidayCalendarRow {
  id: string;
  name: string;
  country: string | null;
  region: string | null;
  custom_dates: string[];
  partner_count: number;
  created_at: Date;
  updated_at: Date;
}

const toCalendar = (row: HolidayCalendarRow): HolidayCalendar => ({
  id: row.id,
  name: row.name,
  country: row.country,
  region: row.region,
  customDates: row.custom_dates,
  partnerCount: row.partner_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

// Dates as text: node-postgres would hand a `date` over as local midnight.
const COLUMNS = `c.id, c.name, c.country, c.region, c.custom_dates::text[] AS custom_dates, c.created_at, c.updated_at,
                 (SELECT count(*)::int FROM partners p WHERE p.holiday_calendar_id = c.id) AS partner_count`;

/** The only SQL on `holiday_calendars`. */
@Injectable()
export class HolidayCalendarsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(offset: number, limit: number): Promise<{ calendars: HolidayCalendar[]; total: number }> {
    const [rows, [{ total }]]: [HolidayCalendarRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM holiday_calendars c ORDER BY c.name, c.id LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM holiday_calendars`),
    ]);
    return { calendars: rows.map(toCalendar), total };
  }

  /** Locked for the caller's transaction when `lock`. */
  async findById(id: string, tx: EntityManager = this.dataSource.manager, lock = false): Promise<HolidayCalendar | null> {
    const [row]: HolidayCalendarRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM holiday_calendars c WHERE c.id = $1 ${lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
      [id],
    );
    return row ? toCalendar(row) : null;
  }

  async exists(tx: EntityManager, id: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM holiday_calendars WHERE id = $1 FOR KEY SHARE`, [id])).length > 0;
  }

  async insert(tx: EntityManager, fields: Required<HolidayCalendarFields>): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO holiday_calendars (name, country, region, custom_dates) VALUES ($1, $2, $3, $4::date[]) RETURNING id`,
      [fields.name, fields.country, fields.region, fields.customDates],
    );
    return id;
  }

  async update(tx: EntityManager, id: string, fields: Required<HolidayCalendarFields>): Promise<void> {
    await tx.query(
      `UPDATE holiday_calendars SET name = $2, country = $3, region = $4, custom_dates = $5::date[], updated_at = now() WHERE id = $1`,
      [id, fields.name, fields.country, fields.region, fields.customDates],
    );
  }
}
