// Compliance's SQL: the counts behind every score (read through the sla_clocks view), and the writes compliance
// owns — partners.standing / compliance_score / standing_changed_at, standing_changes, standing_overrides.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { numberOrNull } from '@leadgate/database';
import type { Standing } from '@leadgate/common';
import { AssignmentStatus } from '@leadgate/lifecycle';
import { ClockKind, ComplianceConfig, ComplianceCounts, StandingOverride, StandingSource } from './policy';

type Tx = EntityManager;

export interface PartnerComplianceRow {
  partnerId: string;
  name: string;
  standing: Standing;
  counts: ComplianceCounts;
  /** The partner's latest override not ended yet (it may have run out: endsAt in the past). */
  override: (StandingOverride & { id: string }) | null;
}

export interface OverrideRecord {
  id: string;
  partnerId: string;
  standing: Standing;
  reason: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
}

export interface OpenBreach {
  id: string;
  partnerId: string;
  leadId: string;
  company: string;
  kind: 'contact' | 'feedback';
  dueAt: Date;
  detectedAt: Date;
  /** How many open breaches the partner has in all (the list may be cut short). */
  total: number;
}

/** One SLA clock counted in the partner's score, with its lead. */
export interface CountedClock {
  leadId: string;
  company: string;
  kind: ClockKind;
  dueAt: Date;
  metAt: Date | null;
  /** Met on or before its due time. */
  met: boolean;
  /** The partner still holds the lead (else its page is no longer the partner's to open). */
  held: boolean;
}

export interface StandingHistoryEntry {
  at: Date;
  from: Standing;
  to: Standing;
  score: number | null;
  source: StandingSource;
  reason: string;
  actor: string;
}

export interface StandingMove {
  partnerId: string;
  from: Standing;
  to: Standing;
  score: number | null;
  source: StandingSource;
  reason: string;
  actor: string;
  at: Date;
}

/*
 * Open breaches are contact and feedback breaches not cured, on leads the partner still holds: those
 * are what the partner can and must fix. An accept breach is never cured (the offer was recalled) and
 * a breach on a lead the partner no longer holds cannot be fixed any more; both stay in the history
 * and weigh on the score as missed clocks, but do not hold a partner in suspension forever.
 */
export const OPEN_BREACH = `b.cured_at IS NULL AND b.kind IN ('contact', 'feedback', 'update') AND a.status = '${AssignmentStatus.Accepted}'`;

/*
 * Which clocks count and which were met is sla_clocks + sla_clock_counts/sla_clock_met (the migration
 * 1763900010000-sla-clocks): the clocks of assignments offered within the window, as of $1.
 */
const COUNTS_SQL = `
  WITH clocks AS (
    SELECT c.partner_id, c.kind, sla_clock_met(c.due_at, c.met_at) AS met
      FROM sla_clocks c
     WHERE c.offered_at >= $1::timestamptz - make_interval(days => $2::int)
       AND ($3::uuid[] IS NULL OR c.partner_id = ANY($3::uuid[]))
       AND sla_clock_counts(c.kind, c.due_at, c.met_at, c.ended_at, c.accepted, $1::timestamptz)
  ), clock_counts AS (
    SELECT partner_id,
           count(*)::int AS clocks_due,
           count(*) FILTER (WHERE met)::int AS clocks_met,
           count(*) FILTER (WHERE NOT met AND kind = 'accept')::int AS missed_accept,
           count(*) FILTER (WHERE NOT met AND kind = 'contact')::int AS missed_contact,
           count(*) FILTER (WHERE NOT met AND kind = 'feedback')::int AS missed_feedback,
           count(*) FILTER (WHERE NOT met AND kind = 'update')::int AS missed_update,
           count(*) FILTER (WHERE kind = 'update')::int AS update_due
      FROM clocks
     GROUP BY partner_id
  ), breach_counts AS (
    SELECT b.partner_id,
           count(*)::int AS open_breaches,
           count(*) FILTER (WHERE b.detected_at < $1::timestamptz - make_interval(hours => $4::int))::int AS old_breaches
      FROM breaches b
      JOIN assignments a ON a.id = b.assignment_id
     WHERE ${OPEN_BREACH}
       AND ($3::uuid[] IS NULL OR b.partner_id = ANY($3::uuid[]))
     GROUP BY b.partner_id
  )
  SELECT p.id, p.name, p.standing,
         COALESCE(c.clocks_due, 0) AS clocks_due, COALESCE(c.clocks_met, 0) AS clocks_met,
         COALESCE(c.missed_accept, 0) AS missed_accept, COALESCE(c.missed_contact, 0) AS missed_contact,
         COALESCE(c.missed_feedback, 0) AS missed_feedback, COALESCE(c.missed_update, 0) AS missed_update,
         COALESCE(c.update_due, 0) AS update_due,
         COALESCE(b.open_breaches, 0) AS open_breaches, COALESCE(b.old_breaches, 0) AS old_breaches,
         o.id AS override_id, o.standing AS override_standing, o.ends_at AS override_ends_at, o.reason AS override_reason
    FROM partners p
    LEFT JOIN clock_counts c ON c.partner_id = p.id
    LEFT JOIN breach_counts b ON b.partner_id = p.id
    LEFT JOIN LATERAL (
      SELECT so.id, so.standing, so.ends_at, so.reason
        FROM standing_overrides so
       WHERE so.partner_id = p.id AND so.ended_at IS NULL
       ORDER BY so.created_at DESC, so.id
       LIMIT 1
    ) o ON true
   WHERE $3::uuid[] IS NULL OR p.id = ANY($3::uuid[])
   ORDER BY p.id`;

interface CountsRow {
  id: string;
  name: string;
  standing: Standing;
  clocks_due: number;
  clocks_met: number;
  missed_accept: number;
  missed_contact: number;
  missed_feedback: number;
  missed_update: number;
  update_due: number;
  open_breaches: number;
  old_breaches: number;
  override_id: string | null;
  override_standing: Standing | null;
  override_ends_at: Date | null;
  override_reason: string | null;
}

function toPartnerCompliance(row: CountsRow): PartnerComplianceRow {
  return {
    partnerId: row.id,
    name: row.name,
    standing: row.standing,
    counts: {
      clocksDue: row.clocks_due,
      clocksMet: row.clocks_met,
      openBreaches: row.open_breaches,
      openBreachesOlderThanGrace: row.old_breaches,
      missedByKind: { accept: row.missed_accept, contact: row.missed_contact, feedback: row.missed_feedback, update: row.missed_update },
      updateClocksDue: row.update_due,
    },
    override: row.override_id
      ? { id: row.override_id, standing: row.override_standing!, endsAt: row.override_ends_at!, reason: row.override_reason ?? undefined }
      : null,
  };
}

interface OverrideRow {
  id: string;
  partner_id: string;
  standing: Standing;
  reason: string;
  starts_at: Date;
  ends_at: Date;
  created_by: string;
}

function toOverride(row: OverrideRow): OverrideRecord {
  return {
    id: row.id,
    partnerId: row.partner_id,
    standing: row.standing,
    reason: row.reason,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    createdBy: row.created_by,
  };
}

interface OpenBreachRow {
  id: string;
  partner_id: string;
  lead_id: string;
  company: string;
  kind: 'contact' | 'feedback';
  due_at: Date;
  detected_at: Date;
  total: number;
}

function toOpenBreach(row: OpenBreachRow): OpenBreach {
  return {
    id: row.id,
    partnerId: row.partner_id,
    leadId: row.lead_id,
    company: row.company,
    kind: row.kind,
    dueAt: row.due_at,
    detectedAt: row.detected_at,
    total: row.total,
  };
}

// partners.compliance_score and standing_changes.score are numeric: they arrive as strings.

const OVERRIDE_COLUMNS = 'id, partner_id, standing, reason, starts_at, ends_at, created_by';

/** Stateless: every method runs on the manager it is given (a transaction, or the data source's manager). */
@Injectable()
export class ComplianceRepository {
  /** Per partner (all partners when none are given), the counts the pure scoring takes, as of `asOf`. */
  async loadCounts(
    tx: Tx,
    asOf: Date,
    config: Pick<ComplianceConfig, 'windowDays' | 'breachGraceHours'>,
    partnerIds?: string[],
  ): Promise<PartnerComplianceRow[]> {
    const rows: CountsRow[] = await tx.query(COUNTS_SQL, [asOf, config.windowDays, partnerIds ?? null, config.breachGraceHours]);
    return rows.map(toPartnerCompliance);
  }

  async activePartnerIds(tx: Tx): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM partners WHERE active ORDER BY id`);
    return rows.map((row) => row.id);
  }

  /** Unchanged standings: only the score moves, for many partners in one statement. */
  async saveScores(tx: Tx, scores: { id: string; score: number | null }[]): Promise<void> {
    if (scores.length === 0) return;
    await tx.query(
      `UPDATE partners p SET compliance_score = v.score
         FROM unnest($1::uuid[], $2::numeric[]) AS v(id, score)
        WHERE p.id = v.id AND p.compliance_score IS DISTINCT FROM v.score`,
      [scores.map((s) => s.id), scores.map((s) => s.score)],
    );
  }

  /**
   * Locks the partner row for a standing change; null when there is no such partner. `standingBeforeOverride`
   * is the standing the partner had before its open override (its own standing when it has none).
   */
  async lockStanding(
    tx: Tx,
    partnerId: string,
  ): Promise<{ standing: Standing; score: number | null; overrideId: string | null; standingBeforeOverride: Standing } | null> {
    const [row]: { standing: Standing; compliance_score: string | null; override_id: string | null; standing_before: Standing | null }[] =
      await tx.query(
        `SELECT p.standing, p.compliance_score, o.id AS override_id, o.standing_before
           FROM partners p
           LEFT JOIN LATERAL (SELECT so.id, so.standing_before FROM standing_overrides so
                               WHERE so.partner_id = p.id AND so.ended_at IS NULL
                               ORDER BY so.created_at DESC, so.id LIMIT 1) o ON true
          WHERE p.id = $1 FOR NO KEY UPDATE OF p`,
        [partnerId],
      );
    return row
      ? {
          standing: row.standing,
          score: numberOrNull(row.compliance_score),
          overrideId: row.override_id,
          standingBeforeOverride: row.standing_before ?? row.standing,
        }
      : null;
  }

  async standingOf(tx: Tx, partnerId: string): Promise<{ standing: Standing; standingChangedAt: Date | null } | null> {
    const [row]: { standing: Standing; standing_changed_at: Date | null }[] = await tx.query(
      `SELECT standing, standing_changed_at FROM partners WHERE id = $1`,
      [partnerId],
    );
    return row ? { standing: row.standing, standingChangedAt: row.standing_changed_at } : null;
  }

  /** The partner's standing and its history row, together; returns the history row's id. */
  async moveStanding(tx: Tx, change: StandingMove): Promise<string> {
    await tx.query(
      `UPDATE partners
          SET standing = $2, compliance_score = $3,
              standing_changed_at = CASE WHEN standing <> $2 THEN $4::timestamptz ELSE standing_changed_at END
        WHERE id = $1`,
      [change.partnerId, change.to, change.score, change.at],
    );
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO standing_changes (partner_id, at, from_standing, to_standing, score, source, reason, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [change.partnerId, change.at, change.from, change.to, change.score, change.source, change.reason, change.actor],
    );
    return id;
  }

  async standingHistory(tx: Tx, partnerId: string, limit: number, offset = 0): Promise<StandingHistoryEntry[]> {
    const rows: (Omit<StandingHistoryEntry, 'score'> & { score: string | null })[] = await tx.query(
      `SELECT at, from_standing AS "from", to_standing AS "to", score, source, reason, actor
         FROM standing_changes
        WHERE partner_id = $1
        ORDER BY at DESC, id DESC
        LIMIT $2 OFFSET $3`,
      [partnerId, limit, offset],
    );
    return rows.map((row) => ({ ...row, score: numberOrNull(row.score) }));
  }

  async countStandingChanges(tx: Tx, partnerId: string): Promise<number> {
    const [{ total }]: { total: number }[] = await tx.query(`SELECT count(*)::int AS total FROM standing_changes WHERE partner_id = $1`, [partnerId]);
    return total;
  }

  /** One override in force per partner: ends every open one (a new one replaces the last). */
  async endOpenOverrides(tx: Tx, partnerId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE standing_overrides SET ended_at = $2 WHERE partner_id = $1 AND ended_at IS NULL`, [partnerId, at]);
  }

  /** Ends one override; false when it had ended meanwhile. */
  async endOverride(tx: Tx, overrideId: string, at: Date): Promise<boolean> {
    const ended = await tx.query(`UPDATE standing_overrides SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING id`, [overrideId, at]);
    return ended.length > 0;
  }

  async insertOverride(
    tx: Tx,
    override: { partnerId: string; standing: Standing; standingBefore: Standing; reason: string; startsAt: Date; endsAt: Date; createdBy: string },
  ): Promise<OverrideRecord> {
    const [row]: OverrideRow[] = await tx.query(
      `INSERT INTO standing_overrides (partner_id, standing, standing_before, reason, starts_at, ends_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $5)
       RETURNING ${OVERRIDE_COLUMNS}`,
      [override.partnerId, override.standing, override.standingBefore, override.reason, override.startsAt, override.endsAt, override.createdBy],
    );
    return toOverride(row);
  }

  /** The override in force at `at`, if any. */
  async overrideInForce(tx: Tx, partnerId: string, at: Date): Promise<OverrideRecord | null> {
    const [row]: OverrideRow[] = await tx.query(
      `SELECT ${OVERRIDE_COLUMNS}
         FROM standing_overrides
        WHERE partner_id = $1 AND ended_at IS NULL AND ends_at > $2
        ORDER BY created_at DESC, id LIMIT 1`,
      [partnerId, at],
    );
    return row ? toOverride(row) : null;
  }

  /**
   * The clocks the partner's score counts as of `asOf` (the same sla_clocks + sla_clock_counts as
   * loadCounts), newest due first, with their leads; `met` filters to met or missed ones.
   */
  async countedClocks(
    tx: Tx,
    partnerId: string,
    asOf: Date,
    windowDays: number,
    met: boolean | null,
    page: { offset: number; limit: number },
  ): Promise<{ clocks: CountedClock[]; total: number }> {
    const where = `c.partner_id = $1 AND c.offered_at >= $2::timestamptz - make_interval(days => $3::int)
       AND sla_clock_counts(c.kind, c.due_at, c.met_at, c.ended_at, c.accepted, $2::timestamptz)
       AND ($4::boolean IS NULL OR sla_clock_met(c.due_at, c.met_at) = $4::boolean)`;
    const params = [partnerId, asOf, windowDays, met];
    const [rows, [{ total }]]: [
      { lead_id: string; company: string; kind: CountedClock['kind']; due_at: Date; met_at: Date | null; met: boolean; held: boolean }[],
      { total: number }[],
    ] = await Promise.all([
      tx.query(
        `SELECT c.lead_id, l.company, c.kind, c.due_at, c.met_at, sla_clock_met(c.due_at, c.met_at) AS met,
                l.current_partner_id IS NOT DISTINCT FROM c.partner_id AS held
           FROM sla_clocks c JOIN leads l ON l.id = c.lead_id
          WHERE ${where}
          ORDER BY c.due_at DESC, c.assignment_id, c.kind
          LIMIT $5 OFFSET $6`,
        [...params, page.limit, page.offset],
      ),
      tx.query(`SELECT count(*)::int AS total FROM sla_clocks c WHERE ${where}`, params),
    ]);
    return {
      clocks: rows.map((row) => ({ leadId: row.lead_id, company: row.company, kind: row.kind, dueAt: row.due_at, metAt: row.met_at, met: row.met, held: row.held })),
      total,
    };
  }

  /** Per partner, its oldest open breaches (by due time) up to `perPartner`, each carrying the partner's total. */
  async openBreaches(tx: Tx, partnerIds: string[], perPartner: number): Promise<OpenBreach[]> {
    const rows: OpenBreachRow[] = await tx.query(
      `SELECT id, partner_id, lead_id, company, kind, due_at, detected_at, total
         FROM (SELECT b.id, b.partner_id, b.lead_id, l.company, b.kind, b.due_at, b.detected_at,
                      row_number() OVER (PARTITION BY b.partner_id ORDER BY b.due_at, b.id) AS rn,
                      count(*) OVER (PARTITION BY b.partner_id)::int AS total
                 FROM breaches b
                 JOIN assignments a ON a.id = b.assignment_id
                 JOIN leads l ON l.id = b.lead_id
                WHERE ${OPEN_BREACH} AND b.partner_id = ANY($1::uuid[])) ranked
        WHERE rn <= $2
        ORDER BY partner_id, due_at, id`,
      [partnerIds, perPartner],
    );
    return rows.map(toOpenBreach);
  }
}
