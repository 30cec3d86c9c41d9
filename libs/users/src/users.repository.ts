import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from '@leadgate/common';

type Tx = EntityManager;

export interface User {
  id: string;
  /** Stored lower-case. */
  email: string;
  displayName: string;
  role: UserRole;
  partnerId: string | null;
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The zone the user's pages and emails use: their own choice, else their partner's zone, else UTC. */
  timeZone: string;
}

/** A user as their partner admin sees them: whether a password is set, never the hash. */
export interface PartnerUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  active: boolean;
  passwordSet: boolean;
  lastLoginAt: Date | null;
  timeZone: string;
}

/** Every user with their partner's name, for the admin users page. */
export interface UserListing {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  partnerName: string | null;
  active: boolean;
  /** False while an invited user has not set a password yet (they can be invited again). */
  passwordSet: boolean;
}

/** ISO dates (YYYY-MM-DD), both set or both null. */
export interface AwayDates {
  from: string | null;
  until: string | null;
}

export interface UserInsert {
  email: string;
  displayName: string;
  role: UserRole;
  partnerId: string | null;
  /** argon2id; null until an invited user sets a password. */
  passwordHash: string | null;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
  partner_id: string | null;
  active: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  password_set: boolean;
  password_hash: string | null;
  effective_time_zone: string;
}

/**
 * Who may sign in (with a password, a session or a reset link): an active user whose partner, if any,
 * is active too. A deactivated partner's users are refused without touching their own flag, so
 * reactivating the partner lets them back in. `u` is the users table's alias.
 */
export const signInAllowed = (u: string): string =>
  `(${u}.active AND (${u}.partner_id IS NULL OR EXISTS (SELECT 1 FROM partners p WHERE p.id = ${u}.partner_id AND p.active)))`;

/**
 * The zone in effect: their own, else their partner's, else UTC (as the user_time_zones view says). Written out on
 * the row itself: an INSERT's RETURNING cannot see the new row through the view.
 */
const EFFECTIVE_TIME_ZONE = `COALESCE(users.time_zone, (SELECT p.timezone FROM partners p WHERE p.id = users.partner_id), 'UTC') AS effective_time_zone`;

const USER_COLUMNS = `id, email, display_name, role, partner_id, active, last_login_at, created_at, updated_at, password_hash IS NOT NULL AS password_set, ${EFFECTIVE_TIME_ZONE}`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    partnerId: row.partner_id,
    active: row.active,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timeZone: row.effective_time_zone,
  };
}

function toPartnerUser(row: UserRow): PartnerUser {
  const { id, email, displayName, role, active, lastLoginAt, timeZone } = toUser(row);
  return { id, email, displayName, role, active, passwordSet: row.password_set, lastLoginAt, timeZone };
}

/** The only SQL on `users`. The password hash leaves it only through `findWithPasswordHash`. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async existsByEmail(tx: Tx, email: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM users WHERE email = $1`, [email])).length > 0;
  }

  /** Whose the address is: null when no user has it, else the user's partner (null for vendor staff). */
  async ownerOfEmail(tx: Tx, email: string): Promise<{ partnerId: string | null } | null> {
    const [row]: { partner_id: string | null }[] = await tx.query(`SELECT partner_id FROM users WHERE email = $1`, [email]);
    return row ? { partnerId: row.partner_id } : null;
  }

  async insert(tx: Tx, user: UserInsert): Promise<User> {
    return toUser(await this.insertRow(tx, user, null));
  }

  async insertPartnerUser(tx: Tx, user: UserInsert, now: Date): Promise<PartnerUser> {
    return toPartnerUser(await this.insertRow(tx, user, now));
  }

  /** An active user; created and updated at `now`, or the database's time when null. */
  private async insertRow(tx: Tx, user: UserInsert, now: Date | null): Promise<UserRow> {
    const [row]: UserRow[] = await tx.query(
      `INSERT INTO users (email, display_name, role, partner_id, password_hash, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, true, COALESCE($6::timestamptz, now()), COALESCE($6::timestamptz, now())) RETURNING ${USER_COLUMNS}`,
      [user.email, user.displayName, user.role, user.partnerId, user.passwordHash, now],
    );
    return row;
  }

  async findByEmail(email: string): Promise<User | null> {
    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
    return row ? toUser(row) : null;
  }

  /** Which of these (lower-case) addresses belong to active users. */
  async activeEmailsAmong(emails: string[]): Promise<Set<string>> {
    const rows: { email: string }[] = await this.dataSource.query(`SELECT email FROM users WHERE email = ANY($1::text[]) AND active`, [emails]);
    return new Set(rows.map((row) => row.email));
  }

  /** A user who may sign in (see signInAllowed), by email. */
  async findActiveByEmail(tx: Tx, email: string): Promise<User | null> {
    const [row]: UserRow[] = await tx.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1 AND ${signInAllowed('users')}`, [email]);
    return row ? toUser(row) : null;
  }

  /** A user who may sign in (see signInAllowed), by id. */
  async findActiveById(id: string): Promise<User | null> {
    const [row]: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND ${signInAllowed('users')}`, [id]);
    return row ? toUser(row) : null;
  }

  /** For sign-in only. */
  async findWithPasswordHash(email: string): Promise<{ user: User; passwordHash: string | null; signInAllowed: boolean } | null> {
    const [row]: (UserRow & { sign_in_allowed: boolean })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS}, password_hash, ${signInAllowed('users')} AS sign_in_allowed FROM users WHERE email = $1`,
      [email],
    );
    return row ? { user: toUser(row), passwordHash: row.password_hash, signInAllowed: row.sign_in_allowed } : null;
  }

  async isActiveWithRole(id: string, role: UserRole): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1 AND role = $2 AND active`, [id, role])).length > 0;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  async setPasswordHash(tx: Tx, id: string, passwordHash: string, now: Date): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1`, [id, passwordHash, now]);
  }

  async listByPartner(partnerId: string): Promise<PartnerUser[]> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT ${USER_COLUMNS} FROM users WHERE partner_id = $1 ORDER BY email`, [partnerId]);
    return rows.map(toPartnerUser);
  }

  /** Null when the user does not belong to the partner. */
  async deactivate(tx: Tx, id: string, partnerId: string, now: Date): Promise<PartnerUser | null> {
    const [rows]: [UserRow[], number] = await tx.query(
      `UPDATE users SET active = false, updated_at = $3 WHERE id = $1 AND partner_id = $2 RETURNING ${USER_COLUMNS}`,
      [id, partnerId, now],
    );
    return rows.length > 0 ? toPartnerUser(rows[0]) : null;
  }

  /** Vendor staff only (admins and channel managers); null when the id is not one of theirs. */
  async deactivateStaff(tx: Tx, id: string, now: Date): Promise<User | null> {
    const [rows]: [UserRow[], number] = await tx.query(
      `UPDATE users SET active = false, updated_at = $2 WHERE id = $1 AND partner_id IS NULL RETURNING ${USER_COLUMNS}`,
      [id, now],
    );
    return rows.length > 0 ? toUser(rows[0]) : null;
  }

  async listWithPartners(): Promise<UserListing[]> {
    const rows: { id: string; email: string; display_name: string; role: UserRole; partner_name: string | null; active: boolean; password_set: boolean }[] =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.display_name, u.role, p.name AS partner_name, u.active, u.password_hash IS NOT NULL AS password_set
           FROM users u LEFT JOIN partners p ON p.id = u.partner_id
          ORDER BY p.name NULLS FIRST, u.email`,
      );
    return rows.map((row) => ({
      id: row.id, email: row.email, displayName: row.display_name, role: row.role, partnerName: row.partner_name, active: row.active, passwordSet: row.password_set,
    }));
  }

  /** An admin or channel manager, row-locked for the caller's transaction; null for anyone else. */
  async lockStaff(tx: Tx, id: string): Promise<PartnerUser | null> {
    const [row]: UserRow[] = await tx.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND partner_id IS NULL FOR NO KEY UPDATE`, [id]);
    return row ? toPartnerUser(row) : null;
  }

  async setStaffRole(tx: Tx, id: string, role: UserRole, now: Date): Promise<void> {
    await tx.query(`UPDATE users SET role = $2, updated_at = $3 WHERE id = $1 AND partner_id IS NULL`, [id, role, now]);
  }

  /** How many partners the user manages (a channel manager cannot stop being one while they have partners). */
  async managedPartnerCount(tx: Tx, id: string): Promise<number> {
    const [{ count }]: { count: number }[] = await tx.query(`SELECT count(*)::int AS count FROM partners WHERE channel_manager_id = $1`, [id]);
    return count;
  }

  /** The partner's name; null when there is no such partner (read here so an invitation needs no partners service). */
  async partnerName(tx: Tx, partnerId: string): Promise<string | null> {
    const [partner]: { name: string }[] = await tx.query(`SELECT name FROM partners WHERE id = $1`, [partnerId]);
    return partner?.name ?? null;
  }

  /** The dates (inclusive, the partner's calendar days) the user is away; both null when not. */
  async awayDates(id: string): Promise<AwayDates> {
    const [row]: { away_from: string | null; away_until: string | null }[] = await this.dataSource.query(
      `SELECT to_char(away_from, 'YYYY-MM-DD') AS away_from, to_char(away_until, 'YYYY-MM-DD') AS away_until FROM users WHERE id = $1`,
      [id],
    );
    return { from: row?.away_from ?? null, until: row?.away_until ?? null };
  }

  async setAwayDates(id: string, away: AwayDates): Promise<void> {
    await this.dataSource.query(`UPDATE users SET away_from = $2::date, away_until = $3::date, updated_at = now() WHERE id = $1`, [id, away.from, away.until]);
  }

  /** The zone the user chose; null when they use the default. */
  async chosenTimeZone(id: string): Promise<string | null> {
    const [row]: { time_zone: string | null }[] = await this.dataSource.query(`SELECT time_zone FROM users WHERE id = $1`, [id]);
    return row?.time_zone ?? null;
  }

  /** Null goes back to the default zone. */
  async setTimeZone(id: string, timeZone: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE users SET time_zone = $2, updated_at = now() WHERE id = $1`, [id, timeZone]);
  }

  async emailOptOuts(id: string): Promise<string[]> {
    const [row]: { email_opt_outs: string[] }[] = await this.dataSource.query(`SELECT email_opt_outs FROM users WHERE id = $1`, [id]);
    return row?.email_opt_outs ?? [];
  }

  /** Adds `optOut`, removes `optIn`; opt-outs of other templates are kept. */
  async updateEmailOptOuts(id: string, optOut: string[], optIn: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET email_opt_outs = ARRAY(SELECT DISTINCT x FROM unnest(email_opt_outs || $2::text[]) x WHERE NOT x = ANY($3::text[]) ORDER BY x) WHERE id = $1`,
      [id, optOut, optIn],
    );
  }
}
