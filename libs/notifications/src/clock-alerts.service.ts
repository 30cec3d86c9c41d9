// Warns of SLA clocks running out and escalates breaches left open: set-based, in batches, each message once.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { AlertedClock, ClockAlertsRepository } from './clock-alerts.repository';
import { NotificationsService } from './notifications.service';

// Each batch reads the open clocks once: large batches keep a burst of warnings to few reads.
const BATCH_SIZE = 5_000;

@Injectable()
export class ClockAlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly alerts: ClockAlertsRepository,
  ) {}

  /**
   * Warnings at CLOCK_WARNING_AT of each open clock's window, then escalations of breaches still open
   * CLOCK_ESCALATION_GRACE_MINUTES after their due time. Marking and queueing share one transaction per batch.
   */
  async sendDue(): Promise<{ warned: number; escalated: number }> {
    const now = this.clock.now();
    const { CLOCK_WARNING_AT: share, CLOCK_ESCALATION_GRACE_MINUTES: grace } = this.config.env;
    const warned = share === 0 ? 0 : await this.inBatches(
      (m) => this.alerts.markWarningsDue(m, now, share, BATCH_SIZE),
      (m, clocks) => this.notifications.clockWarnings(m, clocks),
    );
    const escalated = await this.inBatches(
      (m) => this.alerts.markEscalationsDue(m, now, grace, BATCH_SIZE),
      (m, clocks) => this.notifications.clockEscalations(m, clocks),
    );
    return { warned, escalated };
  }

  private async inBatches(
    mark: (m: EntityManager) => Promise<AlertedClock[]>,
    send: (m: EntityManager, clocks: AlertedClock[]) => Promise<number>,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const clocks = await inTransaction(this.dataSource, async (m) => {
        const clocks = await mark(m);
        await send(m, clocks);
        return clocks;
      });
      total += clocks.length;
      if (clocks.length < BATCH_SIZE) return total;
    }
  }
}
