import { availableParallelism } from 'node:os';
// `npm run bench`: performance figures as ratios against baselines measured in the same run.
import { NestFactory } from '@nestjs/core';
import { benchAllocation, printAllocation } from './allocation.bench';
import { BenchModule } from './bench.module';
import { freshBenchDatabase } from './bench-database';
import { benchBulk, printBulk } from './bulk.bench';
import { benchEmail, printEmail } from './email.bench';
import { benchIntakeHttp, fairShare, printFairShare, printIntakeHttp, printProcesses, setUpIntake } from './intake-http.bench';
import { benchReports, printReports } from './reports.bench';
import { benchSweep, printSweep } from './sweep.bench';

const CONCURRENCY = 4;
const PART_NAMES = ['allocation', 'sweep', 'reports', 'intake-http', 'email', 'bulk'] as const;
type Part = (typeof PART_NAMES)[number];
// `npm run bench -- allocation sweep` runs only those parts; no argument runs them all.
const PARTS = process.argv.slice(2);
const unknown = PARTS.filter((p) => !(PART_NAMES as readonly string[]).includes(p));
const wanted = (part: Part) => PARTS.length === 0 || PARTS.includes(part);

async function main(): Promise<void> {
  if (unknown.length > 0) throw new Error(`unknown bench part(s) ${unknown.join(', ')}; the parts are ${PART_NAMES.join(', ')}`);
  if (wanted('allocation') || wanted('sweep')) await benchServices();
  if (wanted('intake-http') || wanted('email') || wanted('bulk')) await benchHttp();
  // Reports build their own database of 1,000,000 leads and their own app context.
  if (wanted('reports')) printReports(await benchReports());
}

async function benchServices(): Promise<void> {
  const url = await freshBenchDatabase();
  // The bench is a script: it points the app's own configuration at its scratch database.
  Object.assign(process.env, { DATABASE_URL: url, DATABASE_POOL_SIZE: String(CONCURRENCY), LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  try {
    // The sweep reuses the allocation part's partners and lead type, so it always sets them up.
    const allocation = await benchAllocation(url, app, {
      partners: 5000,
      allocations: wanted('allocation') ? Number(process.env.BENCH_ALLOCATIONS ?? 3000) : 1,
      concurrency: CONCURRENCY,
    });
    if (wanted('allocation')) printAllocation(allocation);
    if (wanted('sweep')) printSweep(await benchSweep(url, app, Number(process.env.BENCH_OPEN_OFFERS ?? 1_000_000)));
  } finally {
    await app.close();
  }
}

/** The HTTP parts run real portal processes against a database of their own. */
async function benchHttp(): Promise<void> {
  const url = await freshBenchDatabase('_http');
  const { token } = await setUpIntake(url);
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
  const processes = Number(process.env.BENCH_PROCESSES ?? availableParallelism());
  if (wanted('intake-http')) {
    const processCounts = processes > 1 ? [1, processes] : [1];
    const [one, many] = await benchIntakeHttp(url, token, { processCounts, seconds, cpuProfileDir: process.env.BENCH_CPU_PROFILE_DIR });
    printIntakeHttp(one);
    if (many) {
      printIntakeHttp(many);
      printProcesses(one, many);
    }
    printFairShare(await fairShare(url));
  }
  if (wanted('bulk')) printBulk(await benchBulk(url, token, { seconds }));
  if (wanted('email')) printEmail(await benchEmail(url, token, { processes, sustainedSeconds: Number(process.env.BENCH_EMAIL_SECONDS ?? 30) }), processes);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
