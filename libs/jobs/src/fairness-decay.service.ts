import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@leadgate/config';

/** Ages the fair-share memory: each run multiplies every partner's recent allocations by ALLOCATION_FAIRNESS_DECAY. */
@Injectable()
export class FairnessDecayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async decay(): Promise<{ partners: number; factor: number }> {
    const factor = this.config.env.ALLOCATION_FAIRNESS_DECAY;
    // numeric(12, 4): rounding keeps tiny remainders from lingering forever.
    const [, partners]: [unknown, number] = await this.dataSource.query(
      `UPDATE partners SET allocations_recent = round(allocations_recent * $1::numeric, 4) WHERE allocations_recent > 0`,
      [factor],
    );
    return { partners, factor };
  }
}
