// Lead posted → offer email accepted by an SMTP server (in this process), through a real portal that runs the jobs.
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { load } from './http-load';
import { leadBody } from './intake-http.bench';
import { fmt } from './measure';
import { startPortal } from './portal-process';

const QUIET_LEADS = 20;
const SUSTAINED_RATE = 100;
const WAIT_FOR_EMAILS_MS = 180_000;

export interface EmailFigures {
  quietP95Seconds: number;
  quietMedianSeconds: number;
  sustainedSeconds: number;
  sustainedLeads: number;
  sustainedRate: number;
  sustainedP95Seconds: number;
  sustainedMaxSeconds: number;
  missing: number;
}

/** An SMTP server that notes when each offer email arrived, by the lead's company in its subject. */
class ArrivalClock {
  readonly arrivals = new Map<string, number>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          const company = /^New lead: (.+) \(/.exec(mail.subject ?? '')?.[1];
          if (company && !this.arrivals.has(company)) this.arrivals.set(company, Date.now());
          callback();
        })
        .catch(callback);
    },
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  async waitFor(companies: string[]): Promise<void> {
    const started = Date.now();
    while (companies.some((c) => !this.arrivals.has(c)) && Date.now() - started < WAIT_FOR_EMAILS_MS) await new Promise((r) => setTimeout(r, 100));
  }
}

const percentile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

export async function benchEmail(url: string, token: string, options: { processes: number; sustainedSeconds: number }): Promise<EmailFigures> {
  // The other parts ran without SMTP and left their offer emails queued: an empty outbox means empty.
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query('TRUNCATE outbound_emails');
  await db.end();
  const smtp = new ArrivalClock();
  const smtpPort = await smtp.start();
  // Delivery is woken by the offer's NOTIFY; the schedule (each minute) is only the backstop.
  const portal = await startPortal({
    databaseUrl: url,
    processes: options.processes,
    env: { JOBS_IN_PORTAL: 'true', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
  });
  const posted = new Map<string, number>();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async () => {
    const lead = leadBody() as { company: string };
    posted.set(lead.company, Date.now());
    const res = await fetch(`${portal.url}/api/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead) });
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
    return lead.company;
  };
  const latencies = (companies: string[]) => companies.filter((c) => smtp.arrivals.has(c)).map((c) => (smtp.arrivals.get(c)! - posted.get(c)!) / 1000);
  try {
    // An empty outbox: one lead at a time, each waited for.
    const quiet: string[] = [];
    for (let i = 0; i < QUIET_LEADS; i++) {
      const company = await post();
      quiet.push(company);
      await smtp.waitFor([company]);
    }
    const quietLatencies = latencies(quiet);

    // Sustained: SUSTAINED_RATE leads a second over HTTP, every one a new buyer.
    const sustained: string[] = [];
    const sample = await load({
      url: `${portal.url}/api/v1/leads`,
      connections: 50,
      seconds: options.sustainedSeconds,
      method: 'POST',
      headers,
      overallRate: SUSTAINED_RATE,
      body: () => {
        const lead = leadBody() as { company: string };
        posted.set(lead.company, Date.now());
        sustained.push(lead.company);
        return JSON.stringify(lead);
      },
    });
    // autocannon prepares a body per connection ahead of sending: only the leads it sent count.
    const sent = sustained.slice(0, sample.count);
    await smtp.waitFor(sent);
    const sustainedLatencies = latencies(sent);
    return {
      quietP95Seconds: percentile(quietLatencies, 0.95),
      quietMedianSeconds: percentile(quietLatencies, 0.5),
      sustainedSeconds: options.sustainedSeconds,
      sustainedLeads: sent.length,
      sustainedRate: sample.perSecond,
      sustainedP95Seconds: percentile(sustainedLatencies, 0.95),
      sustainedMaxSeconds: Math.max(...sustainedLatencies),
      missing: sent.length + quiet.length - sustainedLatencies.length - quietLatencies.length,
    };
  } finally {
    await portal.stop();
    await smtp.stop();
  }
}

export function printEmail(f: EmailFigures, processes: number): void {
  console.log(`\nOffer email: lead posted → accepted by the SMTP server (${processes} portal process${processes > 1 ? 'es' : ''}, jobs in the portal)`);
  console.log(`  empty outbox, ${QUIET_LEADS} leads one at a time: p95 ${fmt(f.quietP95Seconds, 1)} s, median ${fmt(f.quietMedianSeconds, 1)} s  (target p95 < 5 s)`);
  console.log(
    `  sustained ${fmt(f.sustainedRate)} leads/s for ${f.sustainedSeconds} s (${fmt(f.sustainedLeads)} leads; asked for ${SUSTAINED_RATE}/s): p95 ${fmt(f.sustainedP95Seconds, 1)} s, max ${fmt(f.sustainedMaxSeconds, 1)} s  (target p95 < 30 s)`,
  );
  if (f.missing > 0) console.log(`  ${fmt(f.missing)} emails did not arrive within ${WAIT_FOR_EMAILS_MS / 1000} s`);
}
