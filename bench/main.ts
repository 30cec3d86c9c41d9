// `npm run bench`: performance figures as ratios against baselines measured in the same run.
import { NestFactory } from '@nestjs/core';
import { benchAllocation, printAllocation } from './allocation.bench';
import { BenchModule } from './bench.module';
import { benchReports, printReports } from './reports.bench';
import { benchSweep, printSweep } from './sweep.bench';
import { freshBenchDatabase } from './bench-database';

const CONCURRENCY = 4;
// `npm run bench -- allocation sweep` runs only those parts; no argument runs all three.
const PARTS = process.argv.slice(2);
const wanted = (part: 'allocation' | 'sweep' | 'reports') => PARTS.length === 0 || PARTS.includes(part);

async function main(): Promise<void> {
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
  // Reports build their own database of 1,000,000 leads and their own app context.
  if (wanted('reports')) printReports(await benchReports());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
