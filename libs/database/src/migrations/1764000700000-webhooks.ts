import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: the endpoints (program-wide, or one partner's), the event outbox written in the transaction of
 * each change, and one delivery row per event and subscribed endpoint, claimed by the worker.
 */
export class Webhooks1764000700000 implements MigrationInterface {
  name = 'Webhooks1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        partner_id uuid REFERENCES partners (id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz,
        disabled_reason text
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_enabled_idx ON webhook_endpoints (partner_id) WHERE disabled_at IS NULL`);
    await q.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        lead_id uuid,
        partner_id uuid,
        data jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
        event_seq bigint NOT NULL,
        ordering_key text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz,
        last_status_code int,
        last_error text,
        last_latency_ms int,
        response_excerpt text,
        UNIQUE (endpoint_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    // "Is an earlier event of this lead still undelivered to this endpoint?", asked for every claim.
    await q.query(`CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, ordering_key, event_seq) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries, webhook_events, webhook_endpoints`);
  }
}
