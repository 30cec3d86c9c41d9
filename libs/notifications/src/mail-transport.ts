// Where email goes: SMTP when configured, else .eml files under DATA_DIR/outbox (so the embedded demo shows them).
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '@leadgate/config';

// An SMTP server that takes longer than this is treated as down; the message is retried later.
const SMTP_TIMEOUT_MS = 30_000;
// A pooled connection is replaced after this many messages, as servers limit messages per connection.
const MESSAGES_PER_CONNECTION = 100;

@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Email');
  private readonly transporter: Transporter;
  private readonly outboxDir: string | null;

  /** How many messages may be on their way at once: the pool's connections (one at a time to files). */
  readonly parallelSends: number;

  constructor(config: AppConfig) {
    const url = config.env.SMTP_URL;
    if (url) {
      // Pooled: up to EMAIL_SMTP_CONNECTIONS connections, each reused for many messages, so a burst of
      // offers does not open (and TLS-handshake) one connection per message.
      this.transporter = nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: config.env.EMAIL_SMTP_CONNECTIONS,
        maxMessages: MESSAGES_PER_CONNECTION,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      } as SMTPTransport.Options);
      this.outboxDir = null;
      this.parallelSends = config.env.EMAIL_SMTP_CONNECTIONS;
    } else {
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outboxDir = join(config.env.DATA_DIR, 'outbox');
      this.parallelSends = 1;
    }
  }

  /** Resolves once the SMTP server accepted the message (or its file is written); rejects with nodemailer's error otherwise. */
  async send(message: SendMailOptions & { fileName: string }): Promise<void> {
    const { fileName, ...mail } = message;
    const info = await this.transporter.sendMail(mail);
    if (!this.outboxDir) return;
    await mkdir(this.outboxDir, { recursive: true });
    const path = join(this.outboxDir, `${fileName}.eml`);
    await writeFile(path, (info as unknown as { message: Buffer }).message);
    this.logger.log(`No SMTP_URL set: wrote "${String(mail.subject)}" to ${String(mail.to)} as ${path}`);
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
