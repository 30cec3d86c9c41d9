// Reads only: the leads an intake caller sent, as marketing may see them (owns no table).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { numberOrNull } from '@leadgate/database';
import { TimelineKind } from '@leadgate/lifecycle';

/** A partner's verdict on the lead: its code and amount, never its free text. */
export interface SentLeadVerdict {
  status: string;
  at: Date;
  reasonCode: string | null;
  amountMinor: number | null;
  currency: string | null;
}

/** What became of a lead, for the system that sent it: no buyer details beyond its ids, no partner, no notes. */
export interface SentLead {
  id: string;
  externalId: string | null;
  leadType: string;
  campaign: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  opportunityAmountMinor: number | null;
  wonAmountMinor: number | null;
  currency: string | null;
  outcomeReasonCode: string | null;
  verdicts: SentLeadVerdict[];
}

interface SentLeadRow {
  id: string;
  external_id: string | null;
  lead_type: string;
  campaign: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  opportunity_amount_minor: string | null;
  won_amount_minor: string | null;
  currency: string | null;
  outcome_reason_code: string | null;
  verdicts: { status: string; at: string; reasonCode: string | null; amountMinor: number | null; currency: string | null }[];
  total: number;
}

const toSentLead = (row: SentLeadRow): SentLead => ({
  id: row.id,
  externalId: row.external_id,
  leadType: row.lead_type,
  campaign: row.campaign,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  closedAt: row.closed_at,
  opportunityAmountMinor: numberOrNull(row.opportunity_amount_minor),
  wonAmountMinor: numberOrNull(row.won_amount_minor),
  currency: row.currency,
  outcomeReasonCode: row.outcome_reason_code,
  verdicts: row.verdicts.map((v) => ({ ...v, at: new Date(v.at) })),
});

/*
 * The sender is the actor of the lead's "created" timeline row (lead_events_created_by_idx): a duplicate sent
 * by another source stays the first sender's lead.
 */
const SELECT_SENT = `
  SELECT l.id, l.external_id, t.key AS lead_type, c.key AS campaign, l.status, l.created_at, l.updated_at, l.closed_at,
         l.opportunity_amount_minor, l.won_amount_minor, l.currency, l.outcome_reason_code,
         COALESCE((SELECT json_agg(json_build_object('status', f.data->>'verdict', 'at', f.at, 'reasonCode', f.data->>'reasonCode',
                                                     'amountMinor', (f.data->>'amountMinor')::bigint, 'currency', f.data->>'currency') ORDER BY f.at, f.id)
                     FROM lead_events f WHERE f.lead_id = l.id AND f.kind = '${TimelineKind.Feedback}'), '[]'::json) AS verdicts,
         count(*) OVER ()::int AS total
    FROM lead_events sent
    JOIN leads l ON l.id = sent.lead_id
    JOIN lead_types t ON t.id = l.lead_type_id
    LEFT JOIN campaigns c ON c.id = l.campaign_id
   WHERE sent.kind = '${TimelineKind.Created}' AND sent.actor = $1`;

@Injectable()
export class SentLeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The sender's leads, newest first, optionally only those with one external id; one page, and how many in all. */
  async list(actor: string, externalId: string | null, page: { offset: number; limit: number }): Promise<{ items: SentLead[]; total: number }> {
    const rows: SentLeadRow[] = await this.dataSource.query(
      `${SELECT_SENT} AND ($2::text IS NULL OR l.external_id = $2::text) ORDER BY l.created_at DESC, l.id OFFSET $3 LIMIT $4`,
      [actor, externalId, page.offset, page.limit],
    );
    const total = rows[0]?.total ?? (page.offset > 0 ? await this.count(actor, externalId) : 0);
    return { items: rows.map(toSentLead), total };
  }

  /** One lead if this sender sent it. */
  async find(actor: string, id: string): Promise<SentLead | null> {
    const [row]: SentLeadRow[] = await this.dataSource.query(`${SELECT_SENT} AND l.id = $2::uuid`, [actor, id]);
    return row ? toSentLead(row) : null;
  }

  private async count(actor: string, externalId: string | null): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM lead_events sent JOIN leads l ON l.id = sent.lead_id
        WHERE sent.kind = '${TimelineKind.Created}' AND sent.actor = $1 AND ($2::text IS NULL OR l.external_id = $2::text)`,
      [actor, externalId],
    );
    return n;
  }
}
