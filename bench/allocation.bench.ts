// Allocation throughput at 5,000 partners, next to its ceiling: the same number of minimal
// raw-SQL transactions (lock a lead with SKIP LOCKED, update it, bump a partner counter, insert one event).
// Measured both ways the service allocates: a lead a transaction (a decline, the allocation job), and new
// leads as intake hands them over (NewLeadAllocator, which takes those arriving together in one transaction).
import { INestApplicationContext } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AllocationService, NewLeadAllocator } from '@leadgate/allocation';
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
  /** New leads handed over by `concurrency` callers at once, as concurrent intake requests do. */
  newLeadsPerSecond: number;
  newLeadsRatio: number;
}

export async function benchAllocation(url: string, app: INestApplicationContext, options: { partners: number; allocations: number; concurrency: number }): Promise<AllocationFigures> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await insertPartners(db, options.partners);
  const leadTypeId = await insertLeadType(db);
  const partnerIds: string[] = (await db.query(`SELECT id FROM partners ORDER BY id`)).rows.map((r) => r.id);
  await insertNewLeads(db, leadTypeId, options.allocations, 'ceiling');
  await insertNewLeads(db, leadTypeId, options.allocations, 'allocation');
  await insertNewLeads(db, leadTypeId, options.allocations, 'intake');
  const tagged = async (tag: string): Promise<string[]> =>
    (await db.query(`SELECT id FROM leads WHERE status = 'new' AND external_id = $1 ORDER BY created_at, id`, [tag])).rows.map((r) => r.id);
  const leadIds = await tagged('allocation');
  const newLeads: { id: string; country: string }[] = (await db.query(`SELECT id, country FROM leads WHERE external_id = 'intake' ORDER BY created_at, id`)).rows;
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

  const allocator = app.get(NewLeadAllocator);
  const newLead = (i: number) => allocator.allocate([newLeads[i]]);

  // Ceiling and service take turns in rounds, so a burst of other load on the machine hits both alike.
  let ceilingSeconds = 0;
  let allocationSeconds = 0;
  let newLeadSeconds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const from = Math.floor((options.allocations * round) / ROUNDS);
    const to = Math.floor((options.allocations * (round + 1)) / ROUNDS);
    ceilingSeconds += await elapsed(to - from, options.concurrency, (i) => ceiling(from + i));
    allocationSeconds += await elapsed(to - from, options.concurrency, (i) => allocation(from + i));
    newLeadSeconds += await elapsed(to - from, options.concurrency, (i) => newLead(from + i));
  }
  await pool.end();
  // The allocator never throws (a lead it cannot allocate stays new): every one must have been offered.
  const [{ left }] = (await db.query(`SELECT count(*)::int AS left FROM leads WHERE external_id = 'intake' AND status <> 'offered'`)).rows;
  if (left > 0) throw new Error(`${left} of the new leads were not offered`);
  const ceilingPerSecond = options.allocations / ceilingSeconds;
  const allocationsPerSecond = options.allocations / allocationSeconds;
  const newLeadsPerSecond = options.allocations / newLeadSeconds;
  await db.end();
  return {
    ...options, ceilingPerSecond, allocationsPerSecond, ratio: allocationsPerSecond / ceilingPerSecond,
    newLeadsPerSecond, newLeadsRatio: newLeadsPerSecond / ceilingPerSecond,
  };
}

export function printAllocation(f: AllocationFigures): void {
  console.log(`\nAllocation (${fmt(f.partners)} partners, ${fmt(f.allocations)} leads, ${f.concurrency} concurrent allocators)`);
  console.log(`  ceiling (minimal raw-SQL transactions):   ${fmt(f.ceilingPerSecond)} /s`);
  console.log(`  allocation service, a lead a transaction: ${fmt(f.allocationsPerSecond)} /s   ratio ${fmt(f.ratio, 2)}  (target ≥ 0.70)`);
  console.log(`  new leads as intake hands them over:      ${fmt(f.newLeadsPerSecond)} /s   ratio ${fmt(f.newLeadsRatio, 2)}  (target ≥ 0.70)`);
}
