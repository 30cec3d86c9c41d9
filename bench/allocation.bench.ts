// Allocation throughput at 5,000 partners, next to its ceiling: the same number of minimal
// raw-SQL transactions (lock a lead with SKIP LOCKED, update it, bump a partner counter, insert one event).
import { INestApplicationContext } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AllocationService } from '@leadgate/allocation';
import { insertLeadType, insertNewLeads, insertPartners } from './fixtures';
import { elapsed, fmt } from './measure';

const ROUNDS = 5;

export interface AllocationFigures {
  partners: number;
  allocations: number;
  concurrency: number;
  ceilingPerSecond: number;
  allocationsPerSecond: number;
  ratio: number;
}

export async function benchAllocation(url: string, app: INestApplicationContext, options: { partners: number; allocations: number; concurrency: number }): Promise<AllocationFigures> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await insertPartners(db, options.partners);
  const leadTypeId = await insertLeadType(db);
  const partnerIds: string[] = (await db.query(`SELECT id FROM partners ORDER BY id`)).rows.map((r) => r.id);
  await insertNewLeads(db, leadTypeId, options.allocations, 'ceiling');
  await insertNewLeads(db, leadTypeId, options.allocations, 'allocation');
  const leadIds: string[] = (await db.query(`SELECT id FROM leads WHERE status = 'new' AND external_id = 'allocation' ORDER BY created_at, id`)).rows.map((r) => r.id);
  await db.query('ANALYZE');

  const pool = new Pool({ connectionString: url, max: options.concurrency });
  const ceiling = async (i: number) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(`SELECT id FROM leads WHERE status = 'new' AND external_id = 'ceiling' LIMIT 1 FOR UPDATE SKIP LOCKED`);
      const partnerId = partnerIds[i % partnerIds.length];
      await client.query(`UPDATE leads SET status = 'offered', current_partner_id = $2 WHERE id = $1`, [rows[0].id, partnerId]);
      await client.query(`UPDATE partners SET open_leads = open_leads + 1 WHERE id = $1`, [partnerId]);
      await client.query(`INSERT INTO lead_events (lead_id, at, kind, actor, summary) VALUES ($1, now(), 'offered', 'bench', 'Offered')`, [rows[0].id]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const allocationService = app.get(AllocationService);
  const allocation = async (i: number) => {
    const outcome = await allocationService.allocate(leadIds[i], 'bench');
    if (outcome.kind !== 'offered') throw new Error(`lead ${leadIds[i]} was not offered: ${JSON.stringify(outcome)}`);
  };

  // Ceiling and service take turns in rounds, so a burst of other load on the machine hits both alike.
  let ceilingSeconds = 0;
  let allocationSeconds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const from = Math.floor((options.allocations * round) / ROUNDS);
    const to = Math.floor((options.allocations * (round + 1)) / ROUNDS);
    ceilingSeconds += await elapsed(to - from, options.concurrency, (i) => ceiling(from + i));
    allocationSeconds += await elapsed(to - from, options.concurrency, (i) => allocation(from + i));
  }
  await pool.end();
  const ceilingPerSecond = options.allocations / ceilingSeconds;
  const allocationsPerSecond = options.allocations / allocationSeconds;
  await db.end();
  return { ...options, ceilingPerSecond, allocationsPerSecond, ratio: allocationsPerSecond / ceilingPerSecond };
}

export function printAllocation(f: AllocationFigures): void {
  console.log(`\nAllocation (${fmt(f.partners)} partners, ${fmt(f.allocations)} leads, ${f.concurrency} concurrent allocators)`);
  console.log(`  ceiling (minimal raw-SQL transactions): ${fmt(f.ceilingPerSecond)} /s`);
  console.log(`  allocation service:                     ${fmt(f.allocationsPerSecond)} /s`);
  console.log(`  ratio to ceiling:                       ${fmt(f.ratio, 2)}  (target ≥ 0.70)`);
}
