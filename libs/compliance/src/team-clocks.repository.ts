// Per user of a partner: the leads they own and how those leads' clocks went — for the partner admin's team page.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPEN_PARTNER_STATUSES } from '@leadgate/lifecycle';

export interface TeamMemberFigures {
  userId: string;
  name: string;
  role: string;
  active: boolean;
  /** Open leads they own now. */
  leadsHeld: number;
  /** Clocks of the leads they own that count (sla_clocks + sla_clock_counts), met in time or missed. */
  deadlinesMet: number;
  deadlinesMissed: number;
  /** Median time from offer to first contact over the leads they own; null while none was contacted. */
  medianFirstContactMinutes: number | null;
}

/*
 * One statement for the whole team. Which clocks count and which were met is sla_clocks with
 * sla_clock_counts / sla_clock_met (migration 1763900010000), as for the partner's score: the clocks
 * of the owner's leads at this partner, offered within the compliance window.
 */
const TEAM_SQL = `
  WITH owned AS (
    SELECT l.id, l.owner_id, l.status FROM leads l WHERE l.current_partner_id = $1 AND l.owner_id IS NOT NULL
  ), held AS (
    SELECT owner_id, count(*)::int AS n FROM owned WHERE status = ANY($4::text[]) GROUP BY owner_id
  ), clocks AS (
    SELECT o.owner_id,
           count(*) FILTER (WHERE sla_clock_met(c.due_at, c.met_at))::int AS met,
           count(*) FILTER (WHERE NOT sla_clock_met(c.due_at, c.met_at))::int AS missed
      FROM owned o
      JOIN sla_clocks c ON c.lead_id = o.id AND c.partner_id = $1
     WHERE c.offered_at >= $2::timestamptz - make_interval(days => $3::int)
       AND sla_clock_counts(c.kind, c.due_at, c.met_at, c.ended_at, c.accepted, $2::timestamptz)
     GROUP BY o.owner_id
  ), contact AS (
    SELECT o.owner_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.first_contact_at - a.offered_at)) AS seconds
      FROM owned o
      JOIN assignments a ON a.lead_id = o.id AND a.partner_id = $1
     WHERE a.first_contact_at IS NOT NULL
     GROUP BY o.owner_id
  )
  SELECT u.id, u.display_name, u.role, u.active, COALESCE(h.n, 0) AS held, COALESCE(c.met, 0) AS met, COALESCE(c.missed, 0) AS missed,
         ct.seconds
    FROM users u
    LEFT JOIN held h ON h.owner_id = u.id
    LEFT JOIN clocks c ON c.owner_id = u.id
    LEFT JOIN contact ct ON ct.owner_id = u.id
   WHERE u.partner_id = $1
   ORDER BY u.active DESC, u.display_name, u.id`;

@Injectable()
export class TeamClocksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forPartner(partnerId: string, asOf: Date, windowDays: number): Promise<TeamMemberFigures[]> {
    const rows: { id: string; display_name: string; role: string; active: boolean; held: number; met: number; missed: number; seconds: number | null }[] =
      await this.dataSource.query(TEAM_SQL, [partnerId, asOf, windowDays, OPEN_PARTNER_STATUSES]);
    return rows.map((row) => ({
      userId: row.id,
      name: row.display_name,
      role: row.role,
      active: row.active,
      leadsHeld: row.held,
      deadlinesMet: row.met,
      deadlinesMissed: row.missed,
      medianFirstContactMinutes: row.seconds === null ? null : Math.round(Number(row.seconds) / 60),
    }));
  }
}
