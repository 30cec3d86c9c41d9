// lead_events: the one way to write a lead's timeline (the offer writes its row inside its own statement, in assignments.repository.ts).
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface TimelineEntry {
  leadId: string;
  at: Date;
  /** A short machine-readable word: created, offered, accepted, declined, breach ... */
  kind: string;
  /** Who caused it, as actorOf() writes it, or "system". */
  actor: string;
  /** One sentence a person can read. */
  summary: string;
  partnerId?: string | null;
  data?: Record<string, unknown>;
}

export interface TimelineEvent {
  id: string;
  at: Date;
  kind: string;
  actor: string;
  summary: string;
  partnerId: string | null;
  data: Record<string, unknown>;
}

interface TimelineRow {
  id: string;
  at: Date;
  kind: string;
  actor: string;
  summary: string;
  partner_id: string | null;
  data: Record<string, unknown>;
}

const toEvent = (row: TimelineRow): TimelineEvent => ({
  id: row.id,
  at: row.at,
  kind: row.kind,
  actor: row.actor,
  summary: row.summary,
  partnerId: row.partner_id,
  data: row.data,
});

@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the caller's transaction so the row shares its fate. */
  async record(tx: EntityManager, entry: TimelineEntry): Promise<void> {
    await tx.query(
      `INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [entry.leadId, entry.at, entry.kind, entry.partnerId ?? null, entry.actor, entry.summary, JSON.stringify(entry.data ?? {})],
    );
  }

  /** Many rows in one statement, in the order given (so a breach reads before the recall it caused); one json parameter is the cheapest way in. */
  async recordMany(tx: EntityManager, entries: TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({ lead_id: e.leadId, at: e.at, kind: e.kind, partner_id: e.partnerId ?? null, actor: e.actor, summary: e.summary, data: e.data ?? {} }));
    await tx.query(
      `INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data)
       SELECT e.lead_id, e.at, e.kind, e.partner_id, e.actor, e.summary, e.data
         FROM ROWS FROM (json_to_recordset($1::json)
                AS (lead_id uuid, at timestamptz, kind text, partner_id uuid, actor text, summary text, data jsonb))
              WITH ORDINALITY AS e(lead_id, at, kind, partner_id, actor, summary, data, n)
        ORDER BY e.n`,
      [JSON.stringify(rows)],
    );
  }

  /** Oldest first; with a partner, only the lead's own events and that partner's. */
  async forLead(leadId: string, partnerId: string | null): Promise<TimelineEvent[]> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT id, at, kind, actor, summary, partner_id, data
         FROM lead_events
        WHERE lead_id = $1 AND ($2::uuid IS NULL OR partner_id IS NULL OR partner_id = $2::uuid)
        ORDER BY at, id`,
      [leadId, partnerId],
    );
    return rows.map(toEvent);
  }
}
