// breaches: what the sweeps record (in assignments.repository.ts, inside their batch statements) and what a partner's catch-up cures.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type CurableClock = 'contact' | 'feedback';

@Injectable()
export class BreachesRepository {
  /** The partner met a missed clock after all: its open breach, if any, is cured. */
  async cure(tx: EntityManager, assignmentId: string, kind: CurableClock, at: Date): Promise<void> {
    await tx.query(`UPDATE breaches SET cured_at = $3 WHERE assignment_id = $1 AND kind = $2 AND cured_at IS NULL`, [assignmentId, kind, at]);
  }
}
