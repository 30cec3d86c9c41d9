// Drains the outbox: claims due messages, sends them, records the outcome; safe with any number of workers.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterFailure, Clock, DomainError } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { oneTimeLinkSecret } from '@leadgate/users';
import { MailTransport } from './mail-transport';
import { ONE_TIME_SECRET_PLACEHOLDER } from './notifications.service';
import { ClaimedEmail, FailedEmail, OutboundEmailsRepository } from './outbound-emails.repository';

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/*
 * Exactly-once, as far as SMTP allows. A claim is a short transaction that pushes the row's
 * next_attempt_at forward by a lease (and counts the attempt); the sending happens after it commits,
 * so no transaction (and no pooled connection) stays held across the network.
 * A second worker skips rows another is claiming (SKIP LOCKED) and rows under lease (not due), so
 * it never sends the same row. A worker that dies after claiming leaves the row to be picked up when
 * the lease runs out: nothing is lost. The one window for a repeat is a crash after the SMTP server
 * accepted a message and before it was marked sent; the resend then carries the same Message-ID
 * (derived from the dedupe key), so mail systems and people can recognise it.
 */
const LEASE_MS = 10 * 60_000;
// Bounds one run; the job runs every minute, so a backlog drains steadily without one run hogging a worker.
const MAX_BATCHES_PER_RUN = 50;
const MAX_ERROR_LENGTH = 2_000;

/** nodemailer puts the SMTP reply code on its errors; 5xx means the server will never take this message. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

@Injectable()
export class EmailDeliveryService {
  private readonly logger = new Logger('Email');
  private readonly from: string;
  private readonly messageIdDomain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly outbox: OutboundEmailsRepository,
  ) {
    this.from = config.env.MAIL_FROM;
    this.messageIdDomain = new URL(config.publicUrl).hostname;
  }

  /** Sends everything due now, batch by batch. */
  async deliverDue(): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
    const batchSize = this.config.env.EMAIL_BATCH_SIZE;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const claimed = await this.claim(batchSize);
      // Each row is claimed by this run alone, so sending them side by side changes nothing about once-only.
      const queue = [...claimed];
      const sender = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) result[await this.deliver(row)]++;
      };
      await Promise.all(Array.from({ length: Math.min(this.transport.parallelSends, claimed.length) }, sender));
      if (claimed.length < batchSize) break;
    }
    if (result.sent + result.retrying + result.failed > 0) this.logger.log(`Email delivery: ${JSON.stringify(result)}`);
    return result;
  }

  /** Messages the worker gave up on, newest first. */
  failed(limit: number, offset: number): Promise<{ emails: FailedEmail[]; total: number }> {
    return this.outbox.listFailed(limit, offset);
  }

  /** Puts a failed message back in the queue as if new: sent on the next run with a fresh set of attempts. */
  async resend(id: string, by: string): Promise<void> {
    if (!(await this.outbox.requeueFailed(id, this.clock.now(), by))) throw DomainError.notFound('Failed email');
  }

  private claim(batchSize: number): Promise<ClaimedEmail[]> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, (tx) => this.outbox.claimDue(tx, now, batchSize, new Date(now.getTime() + LEASE_MS)));
  }

  private async deliver(row: ClaimedEmail): Promise<keyof DeliveryResult> {
    const safeKey = row.dedupeKey.replace(/[^A-Za-z0-9._-]/g, '_');
    // A one-time link's secret exists only in the message on its way out, never in the outbox row.
    const secret = row.oneTimeLinkId ? oneTimeLinkSecret(this.config.serverSecret, row.oneTimeLinkId) : null;
    const withSecret = (body: string) => (secret ? body.replaceAll(ONE_TIME_SECRET_PLACEHOLDER, secret) : body);
    try {
      await this.transport.send({
        from: this.from,
        to: row.toAddress,
        subject: row.subject,
        html: withSecret(row.html),
        text: withSecret(row.text),
        messageId: `<${safeKey}@${this.messageIdDomain}>`,
        headers: { 'X-LeadGate-Dedupe-Key': row.dedupeKey },
        fileName: safeKey,
      });
    } catch (error) {
      return this.recordFailure(row, error);
    }
    await this.outbox.markSent(row.id, this.clock.now());
    return 'sent';
  }

  /**
   * Backoff doubles from EMAIL_RETRY_BASE_SECONDS up to EMAIL_RETRY_MAX_SECONDS, so a long SMTP outage is
   * retried steadily rather than ever more rarely. The message fails for good on a 5xx refusal, or once
   * it has waited EMAIL_GIVE_UP_HOURS since it was queued: by age, not by attempts, so an outage of a day
   * loses nothing.
   */
  private async recordFailure(row: ClaimedEmail, error: unknown): Promise<keyof DeliveryResult> {
    const { EMAIL_RETRY_BASE_SECONDS, EMAIL_RETRY_MAX_SECONDS, EMAIL_GIVE_UP_HOURS } = this.config.env;
    const lastError = describe(error);
    const settings = { baseSeconds: EMAIL_RETRY_BASE_SECONDS, maxSeconds: EMAIL_RETRY_MAX_SECONDS, giveUpHours: EMAIL_GIVE_UP_HOURS };
    const next = isPermanent(error) ? ({ kind: 'give_up' } as const) : afterFailure({ attempts: row.attempts, createdAt: row.queuedAt }, this.clock.now(), settings);
    if (next.kind === 'give_up') {
      await this.outbox.markFailed(row.id, lastError);
      this.logger.warn(`Giving up on email ${row.id} to ${row.toAddress} after ${row.attempts} attempt(s): ${lastError}`);
      return 'failed';
    }
    await this.outbox.scheduleRetry(row.id, next.at, lastError);
    return 'retrying';
  }
}
