import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { numberOrNull } from '@leadgate/database';
import type { Standing, Tier } from '@leadgate/common';
import { OPEN_BREACH } from './compliance.repository';

export const CHANNEL_PARTNER_SORTS = ['name', 'tier', 'standing', 'score', 'openBreaches', 'recentLeads'] as const;
export type ChannelPartnerSort = (typeof CHANNEL_PARTNER_SORTS)[number];

export interface ChannelPartnerRow {
  id: string;
  name: string;
  tier: Tier;
  standing: Standing;
  score: number | null;
  openBreaches: number;
  recentLeads: number;
}

const SORT_EXPRESSIONS: Record<ChannelPartnerSort, string> = {
  name: 'p.name',
  tier: 'p.tier',
  standing: 'p.standing',
  score: 'p.compliance_score',
  openBreaches: '"openBreaches"',
  recentLeads: '"recentLeads"',
};

const RECENT_DAYS = 30;

/** The channel manager's partner table: every count in one set-based query, sorted in the database. */
@Injectable()
export class ChannelPartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Open breaches are counted by the compliance rule (OPEN_BREACH); recent leads are the distinct leads offered to the partner in the last 30 days.
   * managerId null means every partner (an admin); otherwise only the partners that user manages.
   */
  async list(
    now: Date,
    managerId: string | null,
    sort: ChannelPartnerSort,
    descending: boolean,
    partnerId?: string,
  ): Promise<ChannelPartnerRow[]> {
    const direction = descending ? 'DESC' : 'ASC';
    const rows: (Omit<ChannelPartnerRow, 'score'> & { score: string | null })[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.tier, p.standing, p.compliance_score AS score,
              COALESCE(b.open_breaches, 0) AS "openBreaches", COALESCE(r.recent_leads, 0) AS "recentLeads"
         FROM partners p
         LEFT JOIN (
           SELECT b.partner_id, count(*)::int AS open_breaches
             FROM breaches b JOIN assignments a ON a.id = b.assignment_id
            WHERE ${OPEN_BREACH}
            GROUP BY b.partner_id
         ) b ON b.partner_id = p.id
         LEFT JOIN (
           SELECT partner_id, count(DISTINCT lead_id)::int AS recent_leads
             FROM assignments
            WHERE offered_at >= $1::timestamptz - make_interval(days => ${RECENT_DAYS})
            GROUP BY partner_id
         ) r ON r.partner_id = p.id
        WHERE ($2::uuid IS NULL OR p.channel_manager_id = $2)
          AND ($3::uuid IS NULL OR p.id = $3)
        ORDER BY ${SORT_EXPRESSIONS[sort]} ${direction} NULLS LAST, p.name, p.id`,
      [now, managerId, partnerId ?? null],
    );
    return rows.map((row) => ({ ...row, score: numberOrNull(row.score) }));
  }
}
