// Bulk intake (1,000 leads a request) against single requests, on the same one-process portal, in alternating rounds.
import { load, LoadSample } from './http-load';
import { leadBody } from './intake-http.bench';
import { fmt } from './measure';
import { startPortal } from './portal-process';

const BATCH = 1000;
const ROUNDS = 3;
const BULK_REQUESTS_PER_ROUND = 2;

export interface BulkFigures {
  singlePerSecond: number;
  bulkPerSecond: number;
  bulkRequestSeconds: number;
  ratio: number;
}

export async function benchBulk(url: string, token: string, options: { seconds: number }): Promise<BulkFigures> {
  const portal = await startPortal({ databaseUrl: url, processes: 1 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const single = (seconds: number) =>
    load({ url: `${portal.url}/api/v1/leads`, connections: 50, seconds, method: 'POST', headers, body: () => JSON.stringify(leadBody()) });
  const bulk = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${portal.url}/api/v1/leads/bulk`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ leads: Array.from({ length: BATCH }, leadBody) }),
    });
    const answer = (await res.json()) as { created?: number };
    if (res.status !== 200 || answer.created !== BATCH) throw new Error(`bulk intake answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  try {
    await single(3);
    await bulk();
    const singles = new LoadSample();
    let bulkSeconds = 0;
    let bulkRequestSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      singles.add(await single(options.seconds / ROUNDS));
      // Requests one after another, as a sending system with a backlog would post them.
      for (let i = 0; i < BULK_REQUESTS_PER_ROUND; i++) {
        const seconds = await bulk();
        bulkSeconds += seconds;
        bulkRequestSeconds = Math.max(bulkRequestSeconds, seconds);
      }
    }
    const bulkPerSecond = (ROUNDS * BULK_REQUESTS_PER_ROUND * BATCH) / bulkSeconds;
    return { singlePerSecond: singles.perSecond, bulkPerSecond, bulkRequestSeconds, ratio: bulkPerSecond / singles.perSecond };
  } finally {
    await portal.stop();
  }
}

export function printBulk(f: BulkFigures): void {
  console.log(`\nBulk intake (1 portal process, ${fmt(BATCH)} leads a request, one request at a time)`);
  console.log(`  single requests (50 connections): ${fmt(f.singlePerSecond)} leads/s`);
  console.log(`  bulk requests:                    ${fmt(f.bulkPerSecond)} leads/s  (slowest request ${fmt(f.bulkRequestSeconds, 1)} s)`);
  console.log(`  ratio:                            ${fmt(f.ratio, 2)}×  (target ≥ 2×)`);
}
