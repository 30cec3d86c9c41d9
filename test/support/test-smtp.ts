// A real SMTP server in the test's own process: it keeps every message it accepts, parsed, and can be told to refuse some.
import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export class TestSmtp {
  readonly received: ParsedMail[] = [];
  /** Connections opened to it, and the most messages it was taking at the same moment. */
  connections = 0;
  peakInFlight = 0;
  /** How long it takes to accept each message, to let senders overlap. */
  acceptDelayMs = 0;
  private inFlight = 0;
  private refusals: { code: number; left: number } = { code: 0, left: 0 };
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect: (_session, callback) => {
      this.connections++;
      callback();
    },
    onData: (stream, _session, callback) => {
      this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
      const done: typeof callback = (error) => {
        this.inFlight--;
        callback(error);
      };
      simpleParser(stream)
        .then((mail) => new Promise<ParsedMail>((resolve) => setTimeout(() => resolve(mail), this.acceptDelayMs)))
        .then((mail) => {
          if (this.refusals.left > 0) {
            this.refusals.left--;
            done(Object.assign(new Error(`${this.refusals.code === 550 ? 'Mailbox does not exist' : 'Try again later'}`), { responseCode: this.refusals.code }));
            return;
          }
          this.received.push(mail);
          done();
        })
        .catch(done);
    },
  });

  /** Listens on a free port of 127.0.0.1 and returns it, for SMTP_URL. */
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Refuses the next `count` messages with this reply code (e.g. 451 to retry, 550 to fail for good). */
  refuseNext(count: number, code: number): void {
    this.refusals = { code, left: count };
  }

  /** Forgets what was received and any refusals still pending; for a beforeEach. */
  reset(): void {
    this.received.length = 0;
    this.refusals = { code: 0, left: 0 };
    this.connections = 0;
    this.peakInFlight = 0;
    this.acceptDelayMs = 0;
  }

  /** The messages received for this address, in the order they arrived. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => recipientsOf(mail).includes(address));
  }

  subjectsTo(address: string): string[] {
    return this.to(address).map((mail) => mail.subject ?? '');
  }
}

/** Every address in the message's To header. */
export function recipientsOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((header) => header?.value.map((v) => v.address ?? '') ?? []).filter(Boolean);
}
