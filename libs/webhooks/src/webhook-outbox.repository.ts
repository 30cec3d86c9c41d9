// webhook_events and webhook_deliveries: the outbox written in each change's transaction, and its delivery.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatements } from '@leadgate/database';
import type { EventDraft, WebhookEventType } from './policy';

/** A delivery claimed for sending, with its endpoint and event. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  attempts: number;
  createdAt: Date;
  event: { id: string; type: WebhookEventType; occurredAt: Date; data: Record<string, unknown> };
}

export interface DeliveryOutcome {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One line of an endpoint's delivery log. */
export interface DeliveryLogEntry {
  id: string;
  eventId: string;
  type: WebhookEventType;
  occurredAt: Date;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
}

interface LogRow {
  id: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  response_excerpt: string | null;
  total: number;
}

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  url: string;
  attempts: number;
  created_at: Date;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/** NOTIFY channel: webhook deliveries were queued (heard once their transaction commits). */
export const WEBHOOK_QUEUED = 'leadgate_webhook_queued';

/*
 * One statement per batch of drafts: an event is stored only when an enabled endpoint subscribes to it (a
 * partner endpoint: only its own partner's events), with one delivery per such endpoint. The ordering key is
 * the lead (or, for partner events, the partner): delivery keeps each key's events in sequence per endpoint.
 */
const INSERT_EVENTS = {
  name: 'webhooks-insert-events',
  text: `
  WITH draft AS (
    SELECT d.* FROM ROWS FROM (json_to_recordset($1::json)
             AS (id uuid, type text, occurred_at timestamptz, lead_id uuid, partner_id uuid, data jsonb))
           WITH ORDINALITY AS d(id, type, occurred_at, lead_id, partner_id, data, n)
  ), subscribed AS (
    SELECT d.id AS event_id, e.id AS endpoint_id, COALESCE(d.lead_id::text, 'partner:' || d.partner_id) AS ordering_key
      FROM draft d
      JOIN webhook_endpoints e ON e.disabled_at IS NULL AND d.type = ANY (e.events) AND (e.partner_id IS NULL OR e.partner_id = d.partner_id)
  ), event AS (
    INSERT INTO webhook_events (id, type, occurred_at, lead_id, partner_id, data)
    SELECT d.id, d.type, d.occurred_at, d.lead_id, d.partner_id, d.data FROM draft d
     WHERE d.id IN (SELECT event_id FROM subscribed)
     ORDER BY d.n
    RETURNING id, seq
  ), delivery AS (
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event_seq, ordering_key, next_attempt_at, created_at)
    SELECT s.endpoint_id, s.event_id, event.seq, s.ordering_key, $2, $2 FROM subscribed s JOIN event ON event.id = s.event_id
    RETURNING 1
  )
  -- Wakes the delivery job once this commits (NOTIFY is held until then); the schedule stays the backstop.
  SELECT pg_notify('${WEBHOOK_QUEUED}', '') FROM delivery LIMIT 1`,
};

/*
 * Claims due deliveries whose endpoint is enabled and that are the first undelivered event of their key for
 * their endpoint (in order per lead), counting the attempt and leasing them until $3. SKIP LOCKED: a second
 * worker passes over rows being claimed; the lease keeps them from being claimed again until it runs out, so
 * a worker killed mid-delivery leaves its rows to the next run after the lease.
 */
const CLAIM_DUE = `
  WITH due AS (
    SELECT d.id FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
     WHERE d.status = 'pending' AND d.next_attempt_at <= $1
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                        WHERE earlier.endpoint_id = d.endpoint_id AND earlier.ordering_key = d.ordering_key
                          AND earlier.status = 'pending' AND earlier.event_seq < d.event_seq)
     ORDER BY d.event_seq
     LIMIT $2
       FOR UPDATE OF d SKIP LOCKED
  ), claimed AS (
    UPDATE webhook_deliveries w SET attempts = w.attempts + 1, next_attempt_at = $3 FROM due WHERE w.id = due.id
    RETURNING w.id, w.endpoint_id, w.event_id, w.attempts, w.created_at
  )
  SELECT c.id, c.endpoint_id, e.url, c.attempts, c.created_at, c.event_id, ev.type, ev.occurred_at, ev.data
    FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id JOIN webhook_events ev ON ev.id = c.event_id
   ORDER BY ev.seq`;

/** The last attempt's outcome, as $2–$5 of each statement that ends an attempt. */
const RECORD_OUTCOME = 'last_status_code = $2, last_error = $3, last_latency_ms = $4, response_excerpt = $5';
const outcomeParams = (id: string, o: DeliveryOutcome) => [id, o.statusCode, o.error, o.latencyMs, o.responseExcerpt];

@Injectable()
export class WebhookOutboxRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prepared: PreparedStatements,
  ) {}

  /** Stores the events that have subscribers, with their deliveries, in the caller's transaction. */
  async insertEvents(tx: EntityManager, events: (EventDraft & { id: string })[], now: Date): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) => ({ id: e.id, type: e.type, occurred_at: e.occurredAt, lead_id: e.leadId, partner_id: e.partnerId, data: e.data }));
    // On every lead change: prepared, so PostgreSQL plans it once per connection.
    await this.prepared.query(tx, INSERT_EVENTS, [JSON.stringify(rows), now]);
  }

  async claimDue(tx: EntityManager, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const rows: ClaimedRow[] = await tx.query(CLAIM_DUE, [now, limit, leaseUntil]);
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      attempts: row.attempts,
      createdAt: row.created_at,
      event: { id: row.event_id, type: row.type, occurredAt: row.occurred_at, data: row.data },
    }));
  }

  async markDelivered(id: string, at: Date, outcome: DeliveryOutcome): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $6, ${RECORD_OUTCOME} WHERE id = $1`, [...outcomeParams(id, outcome), at]);
  }

  async scheduleRetry(id: string, retryAt: Date, outcome: DeliveryOutcome): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET next_attempt_at = $6, ${RECORD_OUTCOME} WHERE id = $1`, [...outcomeParams(id, outcome), retryAt]);
  }

  /** The delivery is given up, in the transaction that disables its endpoint. */
  async markFailed(tx: EntityManager, id: string, outcome: DeliveryOutcome): Promise<void> {
    await tx.query(`UPDATE webhook_deliveries SET status = 'failed', ${RECORD_OUTCOME} WHERE id = $1`, outcomeParams(id, outcome));
  }

  /** The endpoint's deliveries, the latest event first, one page, and how many in all (optionally of one status). */
  async log(endpointId: string, status: DeliveryStatus | null, page: { offset: number; limit: number }): Promise<{ items: DeliveryLogEntry[]; total: number }> {
    const where = `d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2::text)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id, d.event_id, ev.type, ev.occurred_at, d.status, d.attempts, d.next_attempt_at, d.delivered_at,
                d.last_status_code, d.last_latency_ms, d.last_error, d.response_excerpt
           FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
          WHERE ${where}
          ORDER BY d.event_seq DESC OFFSET $3 LIMIT $4`,
        [endpointId, status, page.offset, page.limit],
      ) as Promise<LogRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries d WHERE ${where}`, [endpointId, status]) as Promise<{ total: number }[]>,
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        eventId: row.event_id,
        type: row.type,
        occurredAt: row.occurred_at,
        status: row.status,
        attempts: row.attempts,
        nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
        deliveredAt: row.delivered_at,
        lastStatusCode: row.last_status_code,
        lastLatencyMs: row.last_latency_ms,
        lastError: row.last_error,
        responseExcerpt: row.response_excerpt,
      })),
      total,
    };
  }

  /**
   * Failed deliveries of the endpoint (one, or all) back in the queue as if new: due now, a fresh set of
   * attempts and a fresh give-up window. They keep their place in each lead's order. Returns how many.
   */
  async requeueFailed(tx: EntityManager, endpointId: string, deliveryId: string | null, at: Date): Promise<number> {
    const rows: unknown[] = await tx.query(
      `WITH requeued AS (
         UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3, created_at = $3
          WHERE endpoint_id = $1 AND status = 'failed' AND ($2::bigint IS NULL OR id = $2::bigint)
          RETURNING id
       ) SELECT id FROM requeued`,
      [endpointId, deliveryId, at],
    );
    return rows.length;
  }
}
