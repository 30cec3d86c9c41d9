// partners.allocations_recent, the fair-share memory (the offer statement adds to it; this ages it).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class FairnessRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Multiplies every partner's recent allocations by `factor`; returns how many partners changed. */
  async decay(factor: number): Promise<number> {
    // numeric(12, 4): rounding keeps tiny remainders from lingering forever.
    const [, partners]: [unknown, number] = await this.dataSource.query(
      `UPDATE partners SET allocations_recent = round(allocations_recent * $1::numeric, 4) WHERE allocations_recent > 0`,
      [factor],
    );
    return partners;
  }
}
