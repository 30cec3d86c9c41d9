// Finds the SLA clocks that ran out and records each miss once: set-based SQL, in batches, safe to run anywhere, any time.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { AssignmentsRepository, CapacityRepository, MissedClock, MissedClockLine, UpdateClocksRepository } from '@leadgate/lifecycle';
import { NotificationsService } from '@leadgate/notifications';

export interface SweepOptions {
  /** Rows per statement; each batch is one transaction. */
  batchSize?: number;
  /** Stop after this many batches (the next run carries on); unlimited by default. */
  maxBatches?: number;
}

export interface AcceptSweepResult {
  breachesRecorded: number;
  /** Offers taken back from partners that did not accept in time. */
  recalled: number;
  /** The leads that went back to allocation (status recalled), for re-offering at once. */
  recalledLeadIds: string[];
}

export interface ClockSweepResult {
  breachesRecorded: number;
}

export const SWEEP_ACTOR = 'system:sla-sweep';
const missedClock = (line: MissedClockLine) => ({ assignmentId: line.assignment_id, dueAt: new Date(line.due_at) });
const DEFAULT_BATCH_SIZE = 5_000;
// A deadlock or serialization failure only rolls the batch back; it is simply tried again.
const BATCH_ATTEMPTS = 3;
const RETRYABLE_CODES = ['40P01', '40001'];

@Injectable()
export class SlaSweepService {
  private readonly logger = new Logger(SlaSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsRepository,
    private readonly capacity: CapacityRepository,
    private readonly notifications: NotificationsService,
    private readonly updateClocks: UpdateClocksRepository,
  ) {}

  /**
   * Offers not accepted in time: records the accept breach, recalls the offer, releases the partner's
   * capacity and puts the lead back to allocation (status recalled), all in one transaction per batch.
   * An accept breach is never cured: the offer is gone. It counts as a missed clock in the score, not
   * as an open breach (see ComplianceService).
   */
  async sweepAcceptClocks(options: SweepOptions = {}): Promise<AcceptSweepResult> {
    const now = this.clock.now();
    const result: AcceptSweepResult = { breachesRecorded: 0, recalled: 0, recalledLeadIds: [] };
    await this.inBatches(options, async (batchSize) => {
      const { recalled, breaches } = await this.batchTransaction(async (m) => {
        const batch = await this.assignments.recallOverdue(m, now, batchSize, SWEEP_ACTOR);
        await this.capacity.release(m, batch.recalled.map((offer) => offer.partnerId));
        await this.notifications.leadsRecalled(m, batch.recalled.map((offer) => offer.assignmentId));
        return batch;
      });
      result.recalled += recalled.length;
      result.breachesRecorded += breaches;
      result.recalledLeadIds.push(...recalled.filter((offer) => offer.leadRecalled).map((offer) => offer.leadId));
      return recalled.length;
    });
    if (result.recalled > 0) this.logger.log(`Recalled ${result.recalled} offers not accepted in time`);
    return result;
  }

  /** Accepted leads with no first contact logged by the contact due time. */
  sweepContactClocks(options: SweepOptions = {}): Promise<ClockSweepResult> {
    return this.sweepClock('contact', options);
  }

  /** Accepted leads with no feedback (a verdict) by the feedback due time. */
  sweepFeedbackClocks(options: SweepOptions = {}): Promise<ClockSweepResult> {
    return this.sweepClock('feedback', options);
  }

  /** Qualified leads still open with no update (activity or verdict) within the lead type's cadence. */
  async sweepUpdateClocks(options: SweepOptions = {}): Promise<ClockSweepResult> {
    const now = this.clock.now();
    let breachesRecorded = 0;
    await this.inBatches(options, async (batchSize) => {
      const { candidates, breaches } = await this.batchTransaction(async (m) => {
        const batch = await this.updateClocks.recordMissed(m, now, batchSize, SWEEP_ACTOR);
        await this.notifications.slaBreached(m, 'update', batch.breaches.map(missedClock));
        return batch;
      });
      breachesRecorded += breaches.length;
      return candidates;
    });
    if (breachesRecorded > 0) this.logger.log(`Recorded ${breachesRecorded} update breaches`);
    return { breachesRecorded };
  }

  private async sweepClock(kind: MissedClock, options: SweepOptions): Promise<ClockSweepResult> {
    const now = this.clock.now();
    let breachesRecorded = 0;
    await this.inBatches(options, async (batchSize) => {
      const { candidates, breaches } = await this.batchTransaction(async (m) => {
        const batch = await this.assignments.recordMissedClocks(m, kind, now, batchSize, SWEEP_ACTOR);
        await this.notifications.slaBreached(m, kind, batch.breaches.map(missedClock));
        return batch;
      });
      breachesRecorded += breaches.length;
      return candidates;
    });
    if (breachesRecorded > 0) this.logger.log(`Recorded ${breachesRecorded} ${kind} breaches`);
    return { breachesRecorded };
  }

  /** Runs batches until one comes back short: the rest is done, or held by another sweeper that will finish it. */
  private async inBatches(options: SweepOptions, batch: (batchSize: number) => Promise<number>): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    for (let done = 0; done < maxBatches; done++) {
      if ((await batch(batchSize)) < batchSize) return;
    }
  }

  private async batchTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, work);
      } catch (error) {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (attempt >= BATCH_ATTEMPTS || !code || !RETRYABLE_CODES.includes(code)) throw error;
        this.logger.warn(`Sweep batch rolled back (${code}); trying again`);
      }
    }
  }
}
