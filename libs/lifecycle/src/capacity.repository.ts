// The partner counters the offer moves: open_leads (capacity: claimed only inside the offer statement in
// assignments.repository.ts, released here) and allocations_recent (the fair-share memory, aged here).
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_ASSIGNMENT_STATUSES } from './policy/statuses';

/** A partner whose counter differs from the real count of its open assignments. */
export interface CapacityDrift {
  partnerId: string;
  name: string;
  openLeads: number;
  openAssignments: number;
}

interface DriftRow {
  id: string;
  name: string;
  open_leads: number;
  open_assignments: number;
}

const toDrift = (row: DriftRow): CapacityDrift => ({ partnerId: row.id, name: row.name, openLeads: row.open_leads, openAssignments: row.open_assignments });

@Injectable()
export class CapacityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the partners' counters in id order. A transaction that frees one partner's slot and claims
   * another's locks both here first, so two such transactions crossing each other (each declining a
   * lead that goes to the other) queue instead of deadlocking. NO KEY UPDATE, because the caller's own
   * inserts already hold KEY SHARE locks on these partners through their foreign keys.
   */
  async lock(tx: EntityManager, partnerIds: string[]): Promise<void> {
    const ids = [...new Set(partnerIds)].sort();
    if (ids.length > 1) await tx.query(`SELECT id FROM partners WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
  }

  /**
   * Releases one slot per ended open assignment (a partner may appear more than once). Not clamped: a
   * release without a claim is a bug, and the CHECK (open_leads >= 0) says so. Several partners are
   * locked in id order first, so concurrent releasers never deadlock on each other.
   */
  async release(tx: EntityManager, partnerIds: string[]): Promise<void> {
    if (partnerIds.length === 0) return;
    const perPartner = new Map<string, number>();
    for (const id of partnerIds) perPartner.set(id, (perPartner.get(id) ?? 0) + 1);
    const ids = [...perPartner.keys()].sort();
    await this.lock(tx, ids);
    await tx.query(
      `UPDATE partners p SET open_leads = p.open_leads - v.n
         FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
        WHERE p.id = v.id`,
      [ids, ids.map((id) => perPartner.get(id)!)],
    );
  }

  /** Partners whose counter is not the number of their open assignments; none when all is well. */
  async drift(): Promise<CapacityDrift[]> {
    const rows: DriftRow[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.open_leads, count(a.id)::int AS open_assignments
         FROM partners p
         LEFT JOIN assignments a ON a.partner_id = p.id AND a.status = ANY($1::text[])
        GROUP BY p.id
       HAVING p.open_leads <> count(a.id)
        ORDER BY p.name, p.id`,
      [OPEN_ASSIGNMENT_STATUSES],
    );
    return rows.map(toDrift);
  }

  /** Multiplies every partner's recent allocations by `factor`; returns how many partners changed. */
  async ageFairShare(factor: number): Promise<number> {
    // numeric(12, 4): rounding keeps tiny remainders from lingering forever.
    const [, partners]: [unknown, number] = await this.dataSource.query(
      `UPDATE partners SET allocations_recent = round(allocations_recent * $1::numeric, 4) WHERE allocations_recent > 0`,
      [factor],
    );
    return partners;
  }
}
