// webhook_endpoints: who registered which URL for which events; the only SQL on that table.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { WebhookEventType } from './policy';

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** The partner whose events it receives; null: program-wide, every partner's. */
  partnerId: string | null;
  createdBy: string;
  createdAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
}

interface EndpointRow {
  id: string;
  url: string;
  events: WebhookEventType[];
  partner_id: string | null;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
  disabled_reason: string | null;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  partnerId: row.partner_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
  disabledReason: row.disabled_reason,
});

const COLUMNS = 'id, url, events, partner_id, created_by, created_at, disabled_at, disabled_reason';

/** Whose endpoints a caller sees: all (admins) or one partner's. */
export type EndpointScope = { kind: 'all' } | { kind: 'partner'; partnerId: string };

@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(endpoint: { url: string; events: WebhookEventType[]; partnerId: string | null; createdBy: string; createdAt: Date }): Promise<WebhookEndpoint> {
    const [row]: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (url, events, partner_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [endpoint.url, endpoint.events, endpoint.partnerId, endpoint.createdBy, endpoint.createdAt],
    );
    return toEndpoint(row);
  }

  async list(scope: EndpointScope): Promise<WebhookEndpoint[]> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE $1::uuid IS NULL OR partner_id = $1::uuid ORDER BY created_at, id`,
      [scope.kind === 'partner' ? scope.partnerId : null],
    );
    return rows.map(toEndpoint);
  }

  /** Deletes the endpoint (and its deliveries) if the scope holds it; false otherwise. */
  async remove(id: string, scope: EndpointScope): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM webhook_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2::uuid) RETURNING id) SELECT id FROM gone`,
      [id, scope.kind === 'partner' ? scope.partnerId : null],
    );
    return rows.length > 0;
  }

  /** Stops sending to the endpoint; returns it with the email of the user who registered it (if a user did), or null when already disabled. */
  async disable(
    tx: EntityManager,
    id: string,
    at: Date,
    reason: string,
  ): Promise<(WebhookEndpoint & { ownerEmail: string | null; ownerName: string | null; ownerTimeZone: string }) | null> {
    const [row]: (EndpointRow & { owner_email: string | null; owner_name: string | null; owner_time_zone: string | null })[] = await tx.query(
      `WITH disabled AS (
         UPDATE webhook_endpoints SET disabled_at = $2, disabled_reason = $3 WHERE id = $1 AND disabled_at IS NULL RETURNING ${COLUMNS}
       )
       SELECT d.*, u.email AS owner_email, u.display_name AS owner_name, z.time_zone AS owner_time_zone
         FROM disabled d LEFT JOIN users u ON 'user:' || u.id = d.created_by AND u.active
         LEFT JOIN user_time_zones z ON z.user_id = u.id`,
      [id, at, reason],
    );
    return row ? { ...toEndpoint(row), ownerEmail: row.owner_email, ownerName: row.owner_name, ownerTimeZone: row.owner_time_zone ?? 'UTC' } : null;
  }

  /** The endpoint if the scope holds it; inside a transaction, `lock` holds it for a change (replay). */
  async findInScope(id: string, scope: EndpointScope, lock?: EntityManager): Promise<WebhookEndpoint | null> {
    const [row]: EndpointRow[] = await (lock ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2::uuid)${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [id, scope.kind === 'partner' ? scope.partnerId : null],
    );
    return row ? toEndpoint(row) : null;
  }

  /** Sends to the endpoint again. */
  async enable(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL WHERE id = $1`, [id]);
  }
}
