// POST /api/v1/leads over HTTP against a real portal process, next to the same portal's /health.
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { insertLeadType } from './fixtures';
import { load, LoadFigures } from './http-load';
import { fmt } from './measure';
import { startPortal } from './portal-process';

const CONNECTIONS = 50;
const PARTNERS = 200;

export interface IntakeHttpFigures {
  processes: number;
  health: LoadFigures;
  intake: LoadFigures;
  ratio: number;
  rssMegabytes: number;
}

/** 200 partners who all cover Germany and security, so every lead weighs 200 candidates. */
export async function setUpIntake(url: string): Promise<{ token: string }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO partners (name, tier, territories, specialties, capacity, weight, timezone, standing)
       SELECT 'Partner ' || i, (ARRAY['platinum', 'gold', 'silver', 'registered'])[1 + i % 4], ARRAY['DE'],
              ARRAY['networking', 'security', 'cloud'], 1000000, 1 + i % 5, 'Europe/Berlin', 'good'
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

export async function benchIntakeHttp(
  url: string,
  token: string,
  options: { processes: number; seconds: number; port: number; cpuProfileDir?: string },
): Promise<IntakeHttpFigures> {
  const portal = await startPortal({ databaseUrl: url, port: options.port, processes: options.processes, cpuProfileDir: options.cpuProfileDir });
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Warm-up: JIT, the connection pool, prepared statements.
    await load({ url: `${portal.url}/health`, connections: CONNECTIONS, seconds: 2 });
    await load({ url: `${portal.url}/api/v1/leads`, connections: CONNECTIONS, seconds: 3, method: 'POST', headers, body: () => JSON.stringify(leadBody()) });
    const health = await load({ url: `${portal.url}/health`, connections: CONNECTIONS, seconds: options.seconds });
    const intake = await load({
      url: `${portal.url}/api/v1/leads`,
      connections: CONNECTIONS,
      seconds: options.seconds,
      method: 'POST',
      headers,
      body: () => JSON.stringify(leadBody()),
    });
    return { processes: options.processes, health, intake, ratio: intake.perSecond / health.perSecond, rssMegabytes: portal.rssMegabytes() };
  } finally {
    await portal.stop();
  }
}

const line = (name: string, f: LoadFigures) =>
  `  ${name.padEnd(22)} ${fmt(f.perSecond).padStart(6)} req/s   p50 ${fmt(f.p50).padStart(4)} ms   p99 ${fmt(f.p99).padStart(4)} ms`;

export function printIntakeHttp(f: IntakeHttpFigures): void {
  console.log(`\nHTTP intake (${f.processes} portal process${f.processes > 1 ? 'es' : ''}, ${CONNECTIONS} connections, ${PARTNERS} candidate partners, a new buyer each request)`);
  console.log(line('GET /health', f.health));
  console.log(line('POST /api/v1/leads', f.intake));
  console.log(`  ratio to /health:      ${fmt(f.ratio, 2)}  (target ≥ 0.50)`);
  console.log(`  p99 to /health's p99:  ${fmt(f.intake.p99 / f.health.p99, 1)}×  (target ≤ 3×)`);
  console.log(`  portal RSS after load: ${fmt(f.rssMegabytes)} MB  (target < 300 MB)`);
}
