// New leads of concurrent intake requests, allocated together rather than one transaction each.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { isTransientFailure } from '@leadgate/database';
import { AllocationService } from './allocation.service';

// A batch's leads: enough to share one read of the candidates and one turn of their country,
// few enough that the turn stays short for the other processes allocating the same country.
const MAX_BATCH = 50;
// Batches going at once, each of another country and on a connection of its own.
const MAX_RUNNING = 4;

export interface NewLead {
  id: string;
  country: string;
}

interface Waiting {
  leadId: string;
  done: () => void;
}

/**
 * Leads of one country are decided one after another anyway (the country's turn, AllocationService), so
 * while this process allocates a batch of a country, the new leads of that country arriving meanwhile wait
 * and then go together (allocateMany): one read of their candidates, one turn, each decision counting the
 * offers before it. Countries go side by side, up to MAX_RUNNING at once.
 * The leads are stored already: if a batch fails, each of its leads is tried on its own, and one that fails
 * again (contention, or a bug; logged) stays new for the allocation job.
 */
@Injectable()
export class NewLeadAllocator implements OnModuleDestroy {
  private readonly logger = new Logger(NewLeadAllocator.name);
  /** By country, in order of arrival. */
  private readonly waiting = new Map<string, Waiting[]>();
  /** The countries with a batch going, and the batches. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly allocation: AllocationService) {}

  /** Resolves once the leads' batches have ended, allocated or left new for the job; never rejects. */
  allocate(leads: NewLead[]): Promise<void> {
    const done = leads.map(
      ({ id, country }) => new Promise<void>((resolve) => this.waiting.set(country, [...(this.waiting.get(country) ?? []), { leadId: id, done: resolve }])),
    );
    this.start();
    return Promise.all(done).then(() => undefined);
  }

  /** Shutdown lets the batches end before the database closes. */
  async onModuleDestroy(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Starts a batch for each country waiting whose previous batch has ended, the longest waiting first. */
  private start(): void {
    for (const [country, queue] of this.waiting) {
      if (this.running.size >= MAX_RUNNING) return;
      if (this.running.has(country)) continue;
      const batch = queue.splice(0, MAX_BATCH);
      if (queue.length === 0) this.waiting.delete(country);
      this.running.set(
        country,
        this.run(batch).finally(() => {
          this.running.delete(country);
          this.start();
        }),
      );
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
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
}

const failed = (error: unknown): string => (isTransientFailure(error) ? 'met contention' : 'failed unexpectedly');
