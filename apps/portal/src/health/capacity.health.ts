import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@leadgate/config';
import { CapacityDrift, CapacityRepository } from '@leadgate/lifecycle';

/**
 * Each partner's capacity counter must equal its open assignments; a difference is a bug, reported loudly.
 * The recount scans every open assignment, so probes within CAPACITY_CHECK_SECONDS share one.
 */
@Injectable()
export class CapacityHealthIndicator {
  private readonly logger = new Logger(CapacityHealthIndicator.name);
  private readonly maxAgeMs: number;
  private last: { at: number; drift: Promise<CapacityDrift[]> } | undefined;

  constructor(
    private readonly capacity: CapacityRepository,
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
  ) {
    this.maxAgeMs = config.env.CAPACITY_CHECK_SECONDS * 1000;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const drift = await this.recount();
    if (drift.length === 0) return indicator.up();
    return indicator.down({
      message: `capacity drift at ${drift.length} partner${drift.length === 1 ? '' : 's'}`,
      partners: drift.map((d) => ({ partnerId: d.partnerId, name: d.name, openLeads: d.openLeads, openAssignments: d.openAssignments })),
    });
  }

  private recount(): Promise<CapacityDrift[]> {
    const now = Date.now();
    if (this.last && now - this.last.at < this.maxAgeMs) return this.last.drift;
    const drift = this.capacity.drift().then((found) => {
      for (const d of found) {
        this.logger.error(`Capacity drift: partner ${d.name} (${d.partnerId}) counts ${d.openLeads} open leads but holds ${d.openAssignments}`);
      }
      return found;
    });
    // A failed recount is not kept: the next probe tries again.
    drift.catch(() => {
      if (this.last?.drift === drift) this.last = undefined;
    });
    this.last = { at: now, drift };
    return drift;
  }
}
