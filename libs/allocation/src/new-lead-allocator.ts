// New leads of concurrent intake requests, allocated together rather than one transaction each.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { isTransientFailure } from '@leadgate/database';
import { AllocationService } from './allocation.service';

// A batch's leads: enough to share one read of the candidates and one turn of their countries,
// few enough that the turn stays short for the other processes allocating the same countries.
const MAX_BATCH = 50;

interface Waiting {
  leadId: string;
  done: () => void;
}

/**
 * Leads of one country are decided one after another anyway (the country's turn, AllocationService), so
 * while this process allocates one batch, the new leads that arrive meanwhile wait and then go together
 * (allocateMany): one read of their candidates, one turn, each decision counting the offers before it.
 * The leads are stored already: if a batch fails, each of its leads is tried on its own, and one that fails
 * again (contention, or a bug; logged) stays new for the allocation job.
 */
@Injectable()
export class NewLeadAllocator implements OnModuleDestroy {
  private readonly logger = new Logger(NewLeadAllocator.name);
  private readonly waiting: Waiting[] = [];
  /** The batches going, if any: a lead that arrives meanwhile joins the next. */
  private running: Promise<void> | null = null;

  constructor(private readonly allocation: AllocationService) {}

  /** Resolves once the leads' batches have ended, allocated or left new for the job; never rejects. */
  allocate(leadIds: string[]): Promise<void> {
    const done = Promise.all(leadIds.map((leadId) => new Promise<void>((resolve) => this.waiting.push({ leadId, done: resolve }))));
    this.running ??= this.drain();
    return done.then(() => undefined);
  }

  /** Shutdown lets the batches end before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.allocation.allocateMany(batch.map((w) => w.leadId));
      } catch (error) {
        this.logger.error(`Allocating ${batch.length} new lead(s) together ${failed(error)}; trying each on its own`, (error as Error).stack);
        // One lead's failure must not hold up the others of its batch.
        for (const { leadId } of batch) {
          await this.allocation.allocate(leadId).catch((alone: Error) => {
            this.logger.error(`Allocating new lead ${leadId} ${failed(alone)}; it stays new for the allocation job`, alone.stack);
          });
        }
      }
      for (const w of batch) w.done();
    }
    this.running = null;
  }
}

const failed = (error: unknown): string => (isTransientFailure(error) ? 'met contention' : 'failed unexpectedly');
