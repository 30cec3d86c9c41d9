// A lead's owner inside the partner holding it: assignment, round-robin routing, unowning a deactivated
// user's leads — each change with its timeline line (kind owner_changed), in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TimelineKind } from './policy/transitions';
import { TimelineRepository } from './timeline.repository';

export interface OwnedLead {
  id: string;
  company: string;
  partnerId: string;
  ownerId: string | null;
}

/** A user who may own the partner's leads. */
export interface OwnerCandidate {
  id: string;
  name: string;
}

export interface OwnerChange {
  leadId: string;
  partnerId: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  actor: string;
  /** One sentence a person can read. */
  summary: string;
  routed?: boolean;
}

interface OwnedLeadRow {
  id: string;
  company: string;
  current_partner_id: string;
  owner_id: string | null;
}

const toOwnedLead = (row: OwnedLeadRow): OwnedLead => ({ id: row.id, company: row.company, partnerId: row.current_partner_id, ownerId: row.owner_id });

/*
 * Round robin among the partner's active reps (with a password set) not away on the partner's calendar
 * date: the one whose last turn is oldest, never-routed reps first. Runs after the offer's claim, which
 * holds the partner's row lock until commit, so concurrent offers to one partner take their turns in
 * order and each statement sees the turn before it.
 */
const ROUTE_SQL = `
  WITH partner AS (
    SELECT id, timezone FROM partners WHERE id = $2 AND lead_routing = 'round_robin'
  ), next AS (
    SELECT u.id, u.display_name
      FROM users u
      JOIN partner p ON p.id = u.partner_id
      LEFT JOIN lead_routing_turns t ON t.user_id = u.id
     WHERE u.active AND u.role = 'partner_rep' AND u.password_hash IS NOT NULL
       AND NOT COALESCE(($3::timestamptz AT TIME ZONE p.timezone)::date BETWEEN u.away_from AND u.away_until, false)
     ORDER BY t.last_turn NULLS FIRST, u.created_at, u.id
     LIMIT 1
  ), turn AS (
    INSERT INTO lead_routing_turns (user_id, last_turn)
    SELECT id, nextval('lead_routing_turn_seq') FROM next
    ON CONFLICT (user_id) DO UPDATE SET last_turn = EXCLUDED.last_turn
    RETURNING user_id
  ), owned AS (
    UPDATE leads SET owner_id = next.id, owner_since = $3 FROM next WHERE leads.id = $1 AND leads.current_partner_id = $2
    RETURNING leads.id
  )
  SELECT next.id, next.display_name AS name FROM next WHERE EXISTS (SELECT 1 FROM owned) AND EXISTS (SELECT 1 FROM turn)`;

@Injectable()
export class OwnersRepository {
  constructor(private readonly timeline: TimelineRepository) {}

  /** Locks the partner's own leads among `ids` (lead rows, in id order: the order every writer uses); others are left out. */
  async lockPartnerLeads(tx: EntityManager, ids: string[], partnerId: string): Promise<OwnedLead[]> {
    const rows: OwnedLeadRow[] = await tx.query(
      `SELECT l.id, l.company, l.current_partner_id, l.owner_id FROM leads l
        WHERE l.id = ANY($1::uuid[]) AND l.current_partner_id = $2
        ORDER BY l.id
          FOR NO KEY UPDATE OF l`,
      [ids, partnerId],
    );
    return rows.map(toOwnedLead);
  }

  /** An active user of the partner (any partner role), or null: another partner's user is not found. */
  async activeUserOf(tx: EntityManager, userId: string, partnerId: string): Promise<OwnerCandidate | null> {
    const [row]: { id: string; display_name: string }[] = await tx.query(
      `SELECT id, display_name FROM users WHERE id = $1 AND partner_id = $2 AND active`,
      [userId, partnerId],
    );
    return row ? { id: row.id, name: row.display_name } : null;
  }

  async partnerName(tx: EntityManager, partnerId: string): Promise<string> {
    const [row]: { name: string }[] = await tx.query(`SELECT name FROM partners WHERE id = $1`, [partnerId]);
    return row.name;
  }

  /** Sets the owner of locked leads (the foreign key refuses a user of another partner) and records each change. */
  async setOwner(tx: EntityManager, leadIds: string[], ownerId: string | null, at: Date, changes: OwnerChange[]): Promise<void> {
    if (leadIds.length === 0) return;
    await tx.query(`UPDATE leads SET owner_id = $2, owner_since = $3 WHERE id = ANY($1::uuid[])`, [leadIds, ownerId, ownerId === null ? null : at]);
    await this.record(tx, at, changes);
  }

  /** With round-robin routing, gives the newly offered lead to the next rep in turn; null when the partner routes by hand or has no rep free. */
  async routeOffer(tx: EntityManager, leadId: string, partnerId: string, at: Date): Promise<OwnerCandidate | null> {
    const [row]: OwnerCandidate[] = await tx.query(ROUTE_SQL, [leadId, partnerId, at]);
    return row ?? null;
  }

  /** A deactivated user's leads become unowned; returns them. */
  async unownLeadsOf(tx: EntityManager, userId: string): Promise<OwnedLead[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, count].
    const [rows]: [OwnedLeadRow[], number] = await tx.query(
      `UPDATE leads SET owner_id = NULL, owner_since = NULL WHERE owner_id = $1
       RETURNING id, company, current_partner_id, NULL::uuid AS owner_id`,
      [userId],
    );
    return rows.map(toOwnedLead);
  }

  /** The timeline lines of owner changes (kind owner_changed, the owner in its data). */
  async record(tx: EntityManager, at: Date, changes: OwnerChange[]): Promise<void> {
    await this.timeline.recordMany(
      tx,
      changes.map((change) => ({
        leadId: change.leadId,
        at,
        kind: TimelineKind.OwnerChanged,
        actor: change.actor,
        partnerId: change.partnerId,
        summary: change.summary,
        data: { ownerId: change.ownerId, previousOwnerId: change.previousOwnerId, ...(change.routed ? { routed: true } : {}) },
      })),
    );
  }
}
