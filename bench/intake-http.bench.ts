// POST /api/v1/leads over HTTP against real portal processes, next to the same portal's /health, for 1 and N processes.
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { insertLeadType } from './fixtures';
import { load, LoadSample } from './http-load';
import { fmt } from './measure';
import { PortalProcess, startPortal } from './portal-process';

const CONNECTIONS = 50;
const PARTNERS = 200;
const ROUNDS = 3;

export interface IntakeHttpFigures {
  processes: number;
  health: LoadSample;
  intake: LoadSample;
  ratio: number;
  rssMegabytes: number;
}

/** How fairly the leads of the whole run were shared: each partner's leads against its weighted share. */
export interface FairShareFigures {
  leads: number;
  partnersWithLeads: number;
  /** The largest difference, in leads, between a partner's leads and its exact weighted share. */
  largestGap: number;
}

/** 200 partners who all cover Germany and security, so every lead weighs 200 candidates; and an intake token. */
export async function setUpIntake(url: string): Promise<{ token: string }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO partners (name, tier, territories, specialties, capacity, weight, timezone, standing, contact_email)
       SELECT 'Partner ' || i, (ARRAY['platinum', 'gold', 'silver', 'registered'])[1 + i % 4], ARRAY['DE'],
              ARRAY['networking', 'security', 'cloud'], 1000000, 1 + i % 5, 'Europe/Berlin', 'good', 'sales' || i || '@partner.bench.example'
         FROM generate_series(1, $1) AS i`,
      [PARTNERS],
    );
    await insertLeadType(db);
    // An intake token as the CLI makes one: only its SHA-256 is stored.
    const token = `lg_${randomBytes(32).toString('base64url')}`;
    await db.query(`INSERT INTO api_tokens (name, role, token_prefix, token_hash, created_by) VALUES ('bench', 'intake', $1, $2, 'bench')`, [
      token.slice(0, 9),
      createHash('sha256').update(token).digest('hex'),
    ]);
    await db.query('ANALYZE');
    return { token };
  } finally {
    await db.end();
  }
}

let buyer = 0;
/** A lead as marketing automation sends it, for a buyer never seen before. */
export function leadBody(): object {
  const n = ++buyer;
  return {
    email: `buyer-${n}-${process.pid}@bench.example`,
    firstName: 'Jane',
    lastName: `Buyer ${n}`,
    company: `Buyer ${n} GmbH`,
    country: 'DE',
    postalCode: String(10000 + (n % 89999)),
    productInterest: 'security',
    leadType: 'demo-request',
    score: n % 100,
    notes: 'Asked for a demo',
  };
}

/**
 * One portal per process count, all started at once; each round loads /health and then intake on
 * each portal in turn, so a burst of other load on the machine hits every figure alike.
 */
export async function benchIntakeHttp(
  url: string,
  token: string,
  options: { processCounts: number[]; seconds: number; cpuProfileDir?: string },
): Promise<IntakeHttpFigures[]> {
  const portals: PortalProcess[] = [];
  try {
    for (const [i, processes] of options.processCounts.entries()) {
      // Only the one-process portal is profiled: its profile is the request path alone.
      portals.push(await startPortal({ databaseUrl: url, processes, cpuProfileDir: processes === 1 ? options.cpuProfileDir : undefined }));
    }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const health = (portal: PortalProcess, seconds: number) => load({ url: `${portal.url}/health`, connections: CONNECTIONS, seconds });
    const intake = (portal: PortalProcess, seconds: number) =>
      load({ url: `${portal.url}/api/v1/leads`, connections: CONNECTIONS, seconds, method: 'POST', headers, body: () => JSON.stringify(leadBody()) });
    // Warm-up: JIT, the connection pools, prepared statements.
    for (const portal of portals) {
      await health(portal, 2);
      await intake(portal, 3);
    }
    const samples = portals.map(() => ({ health: new LoadSample(), intake: new LoadSample() }));
    const slice = options.seconds / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, portal] of portals.entries()) {
        samples[i].health.add(await health(portal, slice));
        samples[i].intake.add(await intake(portal, slice));
      }
    }
    return portals.map((portal, i) => ({
      processes: options.processCounts[i],
      ...samples[i],
      ratio: samples[i].intake.perSecond / samples[i].health.perSecond,
      rssMegabytes: portal.rssMegabytes(),
    }));
  } finally {
    await Promise.all(portals.map((portal) => portal.stop()));
  }
}

/**
 * Every bench partner is eligible for every lead, so D'Hondt one lead after another keeps each partner within
 * about one lead of weight / total weight × leads; concurrent intake must not do worse than that.
 */
export async function fairShare(url: string): Promise<FairShareFigures> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ weight: number; leads: number }>(
      `SELECT p.weight, count(a.id)::int AS leads FROM partners p LEFT JOIN assignments a ON a.partner_id = p.id GROUP BY p.id`,
    );
    const leads = rows.reduce((sum, row) => sum + row.leads, 0);
    const weights = rows.reduce((sum, row) => sum + row.weight, 0);
    return {
      leads,
      partnersWithLeads: rows.filter((row) => row.leads > 0).length,
      largestGap: Math.max(...rows.map((row) => Math.abs(row.leads - (leads * row.weight) / weights))),
    };
  } finally {
    await db.end();
  }
}

export function printFairShare(f: FairShareFigures): void {
  console.log(`\nFair share of those leads (${fmt(f.leads)} leads, all ${PARTNERS} partners eligible for each, weights 1–5)`);
  console.log(`  partners that got leads:           ${fmt(f.partnersWithLeads)} of ${PARTNERS}`);
  console.log(`  largest gap to a weighted share:   ${fmt(f.largestGap, 1)} leads  (target ≤ 1, as one lead after another)`);
}

const line = (name: string, f: LoadSample) =>
  `  ${name.padEnd(22)} ${fmt(f.perSecond).padStart(6)} req/s   p50 ${fmt(f.p50).padStart(5)} ms   p99 ${fmt(f.p99).padStart(5)} ms${f.failed > 0 ? `   (${fmt(f.failed)} failed)` : ''}`;

export function printIntakeHttp(f: IntakeHttpFigures): void {
  console.log(`\nHTTP intake (${f.processes} portal process${f.processes > 1 ? 'es' : ''}, ${CONNECTIONS} connections, ${PARTNERS} candidate partners, a new buyer each request)`);
  console.log(line('GET /health', f.health));
  console.log(line('POST /api/v1/leads', f.intake));
  console.log(`  ratio to /health:      ${fmt(f.ratio, 2)}  (target ≥ 0.50)`);
  console.log(`  p99 to /health's p99:  ${fmt(f.intake.p99 / f.health.p99, 1)}×  (target ≤ 3×)`);
  console.log(`  portal RSS after load: ${fmt(f.rssMegabytes)} MB${f.processes > 1 ? ` (${fmt(f.rssMegabytes / (f.processes + 1))} MB a process, primary included)` : ''}  (target < 300 MB)`);
}

export function printProcesses(one: IntakeHttpFigures, many: IntakeHttpFigures): void {
  console.log(`\n${many.processes} portal processes against 1 (WEB_CONCURRENCY; PostgreSQL shares the same cores)`);
  console.log(`  POST /api/v1/leads: ${fmt(many.intake.perSecond / one.intake.perSecond, 2)}×  (target ≥ 1.4× with 2)`);
  console.log(`  GET /health:        ${fmt(many.health.perSecond / one.health.perSecond, 2)}×`);
}
