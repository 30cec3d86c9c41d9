import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { CapacityRepository } from '@leadgate/lifecycle';

/** Each partner's capacity counter must equal its open assignments; a difference is a bug, reported loudly. */
@Injectable()
export class CapacityHealthIndicator {
  private readonly logger = new Logger(CapacityHealthIndicator.name);

  constructor(
    private readonly capacity: CapacityRepository,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const drift = await this.capacity.drift();
    if (drift.length === 0) return indicator.up();
    for (const d of drift) {
      this.logger.error(`Capacity drift: partner ${d.name} (${d.partnerId}) counts ${d.openLeads} open leads but holds ${d.openAssignments}`);
    }
    return indicator.down({
      message: `capacity drift at ${drift.length} partner${drift.length === 1 ? '' : 's'}`,
      partners: drift.map((d) => ({ partnerId: d.partnerId, name: d.name, openLeads: d.openLeads, openAssignments: d.openAssignments })),
    });
  }
}
