import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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

/** The one way any module writes a lead's timeline; takes the caller's manager so the row shares its transaction. */
@Injectable()
export class TimelineService {
  async record(manager: EntityManager, entry: TimelineEntry): Promise<void> {
    await manager.query(
      `INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [entry.leadId, entry.at, entry.kind, entry.partnerId ?? null, entry.actor, entry.summary, JSON.stringify(entry.data ?? {})],
    );
  }
}
