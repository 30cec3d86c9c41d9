// lead_events: the one way to write a lead's timeline (the offer writes its row inside its own statement, in assignments.repository.ts).
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TimelineKind } from './policy/transitions';
import { TimelineOutbox } from './timeline-outbox';

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

/** The actor a partner sees for an event caused by someone outside its own partner. */
export const HIDDEN_ACTOR = 'hidden';

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

/** A missed clock as the sweep's batch statements return it. */
export interface MissedClockLine {
  lead_id: string;
  partner_id: string;
  partner_name: string;
  assignment_id: string;
  due_at: string;
}

@Injectable()
export class TimelineRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: TimelineOutbox,
  ) {}

  /** Takes the caller's transaction so the row (and the events the outbox derives from it) shares its fate. */
  async record(tx: EntityManager, entry: TimelineEntry): Promise<void> {
    await tx.query(
      `INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [entry.leadId, entry.at, entry.kind, entry.partnerId ?? null, entry.actor, entry.summary, JSON.stringify(entry.data ?? {})],
    );
    await this.outbox.recorded(tx, [entry]);
  }

  /** For a row a statement of this library wrote itself (the offer): hands it to the outbox in the same transaction. */
  recordedElsewhere(tx: EntityManager, entry: TimelineEntry): Promise<void> {
    return this.outbox.recorded(tx, [entry]);
  }

  /** The line of each clock a sweep batch found missed (kind breach), in one statement. */
  recordMissed(tx: EntityManager, at: Date, actor: string, clock: string, missed: MissedClockLine[], summary: (line: MissedClockLine) => string): Promise<void> {
    return this.recordMany(
      tx,
      missed.map((line) => ({
        leadId: line.lead_id,
        at,
        kind: TimelineKind.Breach,
        actor,
        partnerId: line.partner_id,
        summary: summary(line),
        data: { assignmentId: line.assignment_id, breach: clock, dueAt: line.due_at },
      })),
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
    await this.outbox.recorded(tx, entries);
  }

  /**
   * Oldest first; with a partner, only the lead's own events and that partner's, and an actor that is
   * not the partner's own user or token (another partner's, vendor staff's) reads HIDDEN_ACTOR: a
   * lead declined by one partner must not tell the next who declined it.
   */
  async forLead(leadId: string, partnerId: string | null): Promise<TimelineEvent[]> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT e.id, e.at, e.kind, e.summary, e.partner_id, e.data,
              CASE WHEN $2::uuid IS NULL OR e.actor LIKE 'system:%'
                     OR e.actor IN (SELECT 'user:' || u.id FROM users u WHERE u.partner_id = $2::uuid
                                    UNION ALL SELECT 'token:' || t.id FROM api_tokens t WHERE t.partner_id = $2::uuid)
                   THEN e.actor ELSE '${HIDDEN_ACTOR}' END AS actor
         FROM lead_events e
        WHERE e.lead_id = $1 AND ($2::uuid IS NULL OR e.partner_id IS NULL OR e.partner_id = $2::uuid)
        ORDER BY e.at, e.id`,
      [leadId, partnerId],
    );
    return rows.map(toEvent);
  }
}
