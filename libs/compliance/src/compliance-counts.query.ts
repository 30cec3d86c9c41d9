// The one set-based query behind every compliance score: per partner, the counts the pure scoring takes.
import { EntityManager } from 'typeorm';
import type { Standing } from '@leadgate/common';
import { ComplianceCounts, ComplianceConfig, StandingOverride } from './policy';

export interface PartnerComplianceRow {
  partnerId: string;
  name: string;
  standing: Standing;
  counts: ComplianceCounts;
  /** The partner's latest override not ended yet (it may have run out: endsAt in the past). */
  override: (StandingOverride & { id: string }) | null;
}

/*
 * What counts, kept in step with the policy's scoreCompliance:
 * - Clocks of assignments offered within the window. The accept clock of every offer; contact and
 *   feedback clocks only once the partner accepted (before that they are not the partner's to meet).
 * - Accept is met by accepting, or by declining (a decline is a response too) — in time if on or
 *   before the due time.
 * - A clock counts once met (in time: met; late: missed) or once its due time has passed unmet —
 *   unless the assignment ended before the due time (declined, reassigned or closed early): then the
 *   clock was never the partner's to miss.
 *
 * Open breaches are contact and feedback breaches not cured, on leads the partner still holds: those
 * are what the partner can and must fix. An accept breach is never cured (the offer was recalled) and
 * a breach on a lead the partner no longer holds cannot be fixed any more; both stay in the history
 * and weigh on the score as missed clocks, but do not hold a partner in suspension forever.
 */
const COUNTS_SQL = `
  WITH clocks AS (
    SELECT a.partner_id, c.kind, (c.met_at IS NOT NULL AND c.met_at <= c.due_at) AS met
      FROM assignments a
     CROSS JOIN LATERAL (VALUES
       ('accept', a.accept_due_at, COALESCE(a.accepted_at, CASE WHEN a.status = 'declined' THEN a.ended_at END)),
       ('contact', a.contact_due_at, a.first_contact_at),
       ('feedback', a.feedback_due_at, a.feedback_at)
     ) AS c(kind, due_at, met_at)
     WHERE a.offered_at >= $1::timestamptz - make_interval(days => $2::int)
       AND ($3::uuid[] IS NULL OR a.partner_id = ANY($3::uuid[]))
       AND (c.kind = 'accept' OR a.accepted_at IS NOT NULL)
       AND (c.met_at IS NOT NULL OR (c.due_at < $1 AND (a.ended_at IS NULL OR a.ended_at > c.due_at)))
  ), clock_counts AS (
    SELECT partner_id,
           count(*)::int AS clocks_due,
           count(*) FILTER (WHERE met)::int AS clocks_met,
           count(*) FILTER (WHERE NOT met AND kind = 'accept')::int AS missed_accept,
           count(*) FILTER (WHERE NOT met AND kind = 'contact')::int AS missed_contact,
           count(*) FILTER (WHERE NOT met AND kind = 'feedback')::int AS missed_feedback
      FROM clocks
     GROUP BY partner_id
  ), breach_counts AS (
    SELECT b.partner_id,
           count(*)::int AS open_breaches,
           count(*) FILTER (WHERE b.detected_at < $1::timestamptz - make_interval(hours => $4::int))::int AS old_breaches
      FROM breaches b
      JOIN assignments a ON a.id = b.assignment_id
     WHERE b.cured_at IS NULL AND b.kind IN ('contact', 'feedback') AND a.status = 'accepted'
       AND ($3::uuid[] IS NULL OR b.partner_id = ANY($3::uuid[]))
     GROUP BY b.partner_id
  )
  SELECT p.id, p.name, p.standing,
         COALESCE(c.clocks_due, 0) AS clocks_due, COALESCE(c.clocks_met, 0) AS clocks_met,
         COALESCE(c.missed_accept, 0) AS missed_accept, COALESCE(c.missed_contact, 0) AS missed_contact,
         COALESCE(c.missed_feedback, 0) AS missed_feedback,
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

interface Row {
  id: string;
  name: string;
  standing: Standing;
  clocks_due: number;
  clocks_met: number;
  missed_accept: number;
  missed_contact: number;
  missed_feedback: number;
  open_breaches: number;
  old_breaches: number;
  override_id: string | null;
  override_standing: Standing | null;
  override_ends_at: Date | null;
  override_reason: string | null;
}

/** Counts for the given partners (all partners when none are given), as of now. */
export async function loadComplianceCounts(
  manager: EntityManager,
  now: Date,
  config: Pick<ComplianceConfig, 'windowDays' | 'breachGraceHours'>,
  partnerIds?: string[],
): Promise<PartnerComplianceRow[]> {
  const rows: Row[] = await manager.query(COUNTS_SQL, [now, config.windowDays, partnerIds ?? null, config.breachGraceHours]);
  return rows.map((row) => ({
    partnerId: row.id,
    name: row.name,
    standing: row.standing,
    counts: {
      clocksDue: row.clocks_due,
      clocksMet: row.clocks_met,
      openBreaches: row.open_breaches,
      openBreachesOlderThanGrace: row.old_breaches,
      missedByKind: { accept: row.missed_accept, contact: row.missed_contact, feedback: row.missed_feedback },
    },
    override: row.override_id
      ? { id: row.override_id, standing: row.override_standing!, endsAt: row.override_ends_at!, reason: row.override_reason ?? undefined }
      : null,
  }));
}
