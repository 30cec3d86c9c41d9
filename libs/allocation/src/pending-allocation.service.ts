// Offers the leads waiting for (re-)allocation: new leads whose intake allocation failed, declined and recalled leads.
import { Injectable, Logger } from '@nestjs/common';
import { isTransientFailure } from '@leadgate/database';
import { LeadsRepository } from '@leadgate/lifecycle';
import { AllocationService } from './allocation.service';

export interface AllocationTally {
  offered: number;
  unallocated: number;
  /** Allocated meanwhile by someone else, still contended, or blocked by a lock: left for the next run. */
  skipped: number;
}

export const JOBS_ACTOR = 'system:jobs';

@Injectable()
export class PendingAllocationService {
  private readonly logger = new Logger(PendingAllocationService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly allocation: AllocationService,
  ) {}

  /** The oldest pending leads first (leads_status_created_idx), each in its own transaction. */
  async allocatePending(limit: number): Promise<AllocationTally & { considered: number }> {
    const ids = await this.leads.pendingIds(limit);
    const tally = await this.allocateEach(ids);
    return { considered: ids.length, ...tally };
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
        // Contention on one lead (a lock, a deadlock) must not hold up the others; it stays pending.
        // Anything else is a bug, and stops the run loudly.
        if (!isTransientFailure(error)) throw error;
        tally.skipped++;
        this.logger.error(`Allocating lead ${leadId} failed; it stays pending for the next run`, error.stack);
      }
    }
    return tally;
  }
}
