// Reads only: which partners a caller's scope covers, for the services that check it before acting.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PartnerScope } from '@leadgate/common';

@Injectable()
export class PartnerScopeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the partner exists and is in the scope. */
  async contains(partnerId: string, scope: PartnerScope, tx: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (scope.kind === 'partner' && scope.partnerId !== partnerId) return false;
    const managerId = scope.kind === 'managed' ? scope.managerId : null;
    return (await tx.query(`SELECT 1 FROM partners WHERE id = $1 AND ($2::uuid IS NULL OR channel_manager_id = $2::uuid)`, [partnerId, managerId])).length > 0;
  }

  /** The partners in the scope; null for every partner. */
  async ids(scope: PartnerScope): Promise<string[] | null> {
    if (scope.kind === 'all') return null;
    if (scope.kind === 'partner') return scope.partnerId ? [scope.partnerId] : [];
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM partners WHERE channel_manager_id = $1`, [scope.managerId]);
    return rows.map((row) => row.id);
  }
}
