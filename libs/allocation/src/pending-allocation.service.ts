// Offers the leads waiting for (re-)allocation: new leads whose intake allocation failed, declined and
// recalled leads, and unallocated leads, which are tried again whenever something may have freed a partner.
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { isTransientFailure } from '@leadgate/database';
import { LeadsRepository, WaitingLeadsSignal } from '@leadgate/lifecycle';
import { AllocationService } from './allocation.service';

export interface AllocationTally {
  offered: number;
  unallocated: number;
  /** Unallocated leads still waiting for the same reasons as before (nothing recorded again). */
  waiting: number;
  /** Allocated meanwhile by someone else, still contended, or blocked by a lock: left for the next run. */
  skipped: number;
}

export const JOBS_ACTOR = 'system:jobs';

/** Unallocated leads looked at again per run; a longer queue is gone through in turns, a run a minute at least. */
export const WAITING_PER_RUN = 200;
/** New, declined and recalled leads per run started by an event (the sweep passes its own limit). */
const PENDING_PER_EVENT = 1_000;

@Injectable()
export class PendingAllocationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PendingAllocationService.name);
  /** The run started by an event, if one is going; an event meanwhile asks for one more run after it. */
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly leads: LeadsRepository,
    private readonly allocation: AllocationService,
    private readonly signal: WaitingLeadsSignal,
  ) {}

  onModuleInit(): void {
    this.signal.listen(() => this.retrySoon());
  }

  /** Lets a run started by an event finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.again = false;
    await this.running;
  }

  /**
   * Runs allocatePending in the background, right after the event's transaction committed; events while
   * it runs coalesce into one more run. Errors are logged: the sweep's run each minute is the backstop.
   */
  retrySoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const tally = await this.allocatePending(PENDING_PER_EVENT);
          if (tally.offered > 0) this.logger.log(`Offered ${tally.offered} waiting lead(s) after a change`);
        } catch (error) {
          this.logger.error('Offering waiting leads after a change failed; the next sweep tries again', (error as Error).stack);
        }
      } while (this.again);
      this.running = null;
    })();
  }

  /** Since when each of the given unallocated leads has waited (the queue's attention marker). */
  waitingSince(leadIds: string[]): Promise<Map<string, Date>> {
    return this.leads.waitingSince(leadIds);
  }

  /** Pending leads and a turn of the unallocated ones, oldest first, each in its own transaction. */
  async allocatePending(limit: number): Promise<AllocationTally & { considered: number }> {
    const ids = await this.leads.pendingIds(limit, WAITING_PER_RUN);
    const tally = await this.allocateEach(ids);
    return { considered: ids.length, ...tally };
  }

  /**
   * Allocates the given leads one by one. AllocationService locks each lead and skips one that is no
   * longer pending, so running this twice, or next to another worker, offers no lead twice.
   */
  async allocateEach(leadIds: string[]): Promise<AllocationTally> {
    const tally: AllocationTally = { offered: 0, unallocated: 0, waiting: 0, skipped: 0 };
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
