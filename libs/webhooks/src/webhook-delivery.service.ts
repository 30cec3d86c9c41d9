// Sends due webhook deliveries, signed, in order per lead; retries with capped backoff; disables endpoints that stay down.
import { lookup } from 'node:dns/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterFailure, Clock, RetrySettings } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';
import { isPrivateHost } from './policy';
import { endpointSecret, signatureHeader } from './signature';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { ClaimedDelivery, DeliveryOutcome, WebhookOutboxRepository } from './webhook-outbox.repository';

export interface WebhookDeliveryResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/*
 * At least once: a claim is a short transaction that leases the row (and counts the attempt); the request
 * is made after it commits. A worker killed mid-request leaves the row to be claimed again once the lease
 * runs out, so the receiver may see an event twice, always with the same event id.
 */
const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 50;
// Bounds one run; the job runs every minute. Each batch takes at most one event per lead and endpoint.
const MAX_BATCHES_PER_RUN = 20;
const EXCERPT_LENGTH = 500;

@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');
  private readonly retry: RetrySettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: WebhookOutboxRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly notifications: NotificationsService,
  ) {
    const env = config.env;
    this.retry = { baseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS, maxSeconds: env.WEBHOOK_RETRY_MAX_SECONDS, giveUpHours: env.WEBHOOK_GIVE_UP_HOURS };
  }

  async deliverDue(): Promise<WebhookDeliveryResult> {
    const result: WebhookDeliveryResult = { delivered: 0, retrying: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const now = this.clock.now();
      const claimed = await inTransaction(this.dataSource, (tx) => this.outbox.claimDue(tx, now, BATCH_SIZE, new Date(now.getTime() + LEASE_MS)));
      // Different endpoints and leads in parallel; one batch never holds two events of a lead for one endpoint.
      const outcomes = await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      for (const outcome of outcomes) result[outcome]++;
      if (claimed.length === 0) break;
    }
    if (result.delivered + result.retrying + result.failed > 0) this.logger.log(`Webhook delivery: ${JSON.stringify(result)}`);
    return result;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<keyof WebhookDeliveryResult> {
    const { event } = delivery;
    const body = JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.data });
    const outcome = await this.post(delivery, body);
    const now = this.clock.now();
    if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
      await this.outbox.markDelivered(delivery.id, now, outcome);
      return 'delivered';
    }
    // 410 Gone: the receiver says it will never take events again.
    const next = outcome.statusCode === 410 ? ({ kind: 'give_up' } as const) : afterFailure(delivery, now, this.retry);
    if (next.kind === 'retry') {
      await this.outbox.scheduleRetry(delivery.id, next.at, outcome);
      return 'retrying';
    }
    await this.giveUp(delivery, outcome, now);
    return 'failed';
  }

  private async post(delivery: ClaimedDelivery, body: string): Promise<DeliveryOutcome> {
    const signature = signatureHeader(endpointSecret(this.config.serverSecret, delivery.endpointId), Math.floor(this.clock.now().getTime() / 1000), body);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      await this.refusePrivateAddress(delivery.url);
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'LeadGate-Webhooks', 'X-LeadGate-Signature': signature, 'X-LeadGate-Event-Id': delivery.event.id },
        body,
        // A redirect is not followed (it could lead anywhere, the portal's own network included): it counts as a failure.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.env.WEBHOOK_TIMEOUT_SECONDS * 1000),
      });
      const excerpt = await readExcerpt(response);
      return { statusCode: response.status, latencyMs: latency(), error: null, responseExcerpt: excerpt };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
      return { statusCode: null, latencyMs: latency(), error: message.slice(0, EXCERPT_LENGTH), responseExcerpt: null };
    }
  }

  /**
   * Registration refuses private hosts by name; this also refuses a public name that resolves to a private
   * address (unless WEBHOOK_ALLOW_PRIVATE_URLS). A sanity check, not a firewall: egress rules are the real guard.
   */
  private async refusePrivateAddress(url: string): Promise<void> {
    if (this.config.webhookAllowPrivateUrls) return;
    const addresses = await lookup(new URL(url).hostname, { all: true });
    const blocked = addresses.find((a) => isPrivateHost(a.address));
    if (blocked) throw new Error(`refused: ${new URL(url).hostname} resolves to the private address ${blocked.address}`);
  }

  /** The delivery fails for good and its endpoint is disabled; whoever registered it (a user) is told by email. */
  private async giveUp(delivery: ClaimedDelivery, outcome: DeliveryOutcome, now: Date): Promise<void> {
    const reason = outcome.statusCode === 410 ? 'the receiver answered 410 Gone' : `event ${delivery.event.id} could not be delivered for ${this.retry.giveUpHours} hours`;
    await inTransaction(this.dataSource, async (tx) => {
      await this.outbox.markFailed(tx, delivery.id, outcome);
      const endpoint = await this.endpoints.disable(tx, delivery.endpointId, now, reason);
      if (endpoint?.ownerEmail) {
        await this.notifications.enqueue(tx, {
          template: 'webhook-disabled',
          dedupeKey: `webhook-disabled:${endpoint.id}:${now.toISOString()}`,
          to: { address: endpoint.ownerEmail, userId: endpoint.createdBy.slice('user:'.length), name: endpoint.ownerName ?? endpoint.ownerEmail, audience: endpoint.partnerId ? 'partner' : 'channel_manager', timeZone: endpoint.ownerTimeZone },
          data: { url: endpoint.url, reason, lastError: outcome.error ?? (outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : 'no answer') },
        });
      }
    });
    this.logger.warn(`Webhook endpoint ${delivery.endpointId} disabled: ${reason}`);
  }
}

/** The first characters of the answer, without reading a large one whole. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_LENGTH) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_LENGTH);
}
