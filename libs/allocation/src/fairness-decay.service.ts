import { Injectable } from '@nestjs/common';
import { AppConfig } from '@leadgate/config';
import { CapacityRepository } from '@leadgate/lifecycle';

/** Ages the fair-share memory: each run multiplies every partner's recent allocations by ALLOCATION_FAIRNESS_DECAY. */
@Injectable()
export class FairnessDecayService {
  constructor(
    private readonly counters: CapacityRepository,
    private readonly config: AppConfig,
  ) {}

  async decay(): Promise<{ partners: number; factor: number }> {
    const factor = this.config.env.ALLOCATION_FAIRNESS_DECAY;
    return { partners: await this.counters.ageFairShare(factor), factor };
  }
}
