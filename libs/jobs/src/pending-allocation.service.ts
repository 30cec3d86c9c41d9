// Offers the leads waiting for (re-)allocation: new leads whose intake allocation failed, declined and recalled leads.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ALLOCATABLE_STATUSES, AllocationService } from '@leadgate/allocation';

export interface AllocationTally {
  offered: number;
  unallocated: number;
  /** Allocated meanwhile by someone else, or still contended: left for the next run. */
  skipped: number;
}

export const JOBS_ACTOR = 'system:jobs';

@Injectable()
export class PendingAllocationService {
  private readonly logger = new Logger(PendingAllocationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly allocation: AllocationService,
  ) {}

  /** The oldest pending leads first (leads_pending_allocation_idx), each in its own transaction. */
  async allocatePending(limit: number): Promise<AllocationTally & { considered: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM leads WHERE status = ANY($1::text[]) ORDER BY created_at LIMIT $2`,
      [ALLOCATABLE_STATUSES, limit],
    );
    const tally = await this.allocateEach(rows.map((row) => row.id));
    return { considered: rows.length, ...tally };
  }

  /**
   * Allocates the given leads one by one. AllocationService locks each lead and skips one that is no
   * longer pending, so running this twice, or next to another worker, offers no lead twice.
   */
  async allocateEach(leadIds: string[]): Promise<AllocationTally> {
    const tally: AllocationTally = { offered: 0, unallocated: 0, skipped: 0 };
    for (const leadId of leadIds) {
      try {
        const outcome = await this.allocation.allocate(leadId, JOBS_ACTOR);
        tally[outcome.kind]++;
      } catch (error) {
        // One lead that cannot be allocated must not hold up the others; it stays pending.
        tally.skipped++;
        this.logger.error(`Allocating lead ${leadId} failed; it stays pending: ${String(error)}`);
      }
    }
    return tally;
  }
}
