// `npm run bench`: performance figures as ratios against baselines measured in the same run.
import { NestFactory } from '@nestjs/core';
import { benchAllocation, printAllocation } from './allocation.bench';
import { BenchModule } from './bench.module';
import { benchReports, printReports } from './reports.bench';
import { benchSweep, printSweep } from './sweep.bench';
import { freshBenchDatabase } from './bench-database';

const CONCURRENCY = 4;

async function main(): Promise<void> {
  const url = await freshBenchDatabase();
  // The bench is a script: it points the app's own configuration at its scratch database.
  Object.assign(process.env, { DATABASE_URL: url, DATABASE_POOL_SIZE: String(CONCURRENCY), LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  try {
    const allocation = await benchAllocation(url, app, {
      partners: 5000,
      allocations: Number(process.env.BENCH_ALLOCATIONS ?? 3000),
      concurrency: CONCURRENCY,
    });
    printAllocation(allocation);
    const sweep = await benchSweep(url, app, Number(process.env.BENCH_OPEN_OFFERS ?? 1_000_000));
    printSweep(sweep);
  } finally {
    await app.close();
  }
  // Reports build their own database of 1,000,000 leads and their own app context.
  printReports(await benchReports());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
