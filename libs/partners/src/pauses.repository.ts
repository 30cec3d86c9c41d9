// partner_pauses: the dates a partner takes no offers. Allocation reads them (allocation.repository.ts).
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface PartnerPause {
  id: string;
  partnerId: string;
  startsAt: Date;
  /** As asked; see endedAt. */
  endsAt: Date;
  reason: string;
  createdBy: string;
  createdAt: Date;
  /** Ended early (or called off before it began) at this time, by endedBy. */
  endedAt: Date | null;
  endedBy: string | null;
}

export type NewPause = Pick<PartnerPause, 'partnerId' | 'startsAt' | 'endsAt' | 'reason' | 'createdBy' | 'createdAt'>;

interface PauseRow {
  id: string;
  partner_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
}

const toPause = (row: PauseRow): PartnerPause => ({
  id: row.id,
  partnerId: row.partner_id,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  reason: row.reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
  endedAt: row.ended_at,
  endedBy: row.ended_by,
});

const COLUMNS = 'id, partner_id, starts_at, ends_at, reason, created_by, created_at, ended_at, ended_by';
/** When the pause really stops: its end, or the moment it was ended early. */
const STOPS_AT = 'LEAST(ends_at, COALESCE(ended_at, ends_at))';

@Injectable()
export class PausesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partner's pauses not over at `at` and that did begin or will (not called off), earliest first. */
  async comingOrRunning(tx: EntityManager, partnerId: string, at: Date): Promise<PartnerPause[]> {
    const rows: PauseRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM partner_pauses
        WHERE partner_id = $1 AND ${STOPS_AT} > $2 AND ${STOPS_AT} > starts_at
        ORDER BY starts_at, id`,
      [partnerId, at],
    );
    return rows.map(toPause);
  }

  /** Every pause of the partner, the latest first. */
  async list(partnerId: string, limit: number): Promise<PartnerPause[]> {
    const rows: PauseRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM partner_pauses WHERE partner_id = $1 ORDER BY starts_at DESC, id LIMIT $2`,
      [partnerId, limit],
    );
    return rows.map(toPause);
  }

  async insert(tx: EntityManager, pause: NewPause): Promise<PartnerPause> {
    const [row]: PauseRow[] = await tx.query(
      `INSERT INTO partner_pauses (partner_id, starts_at, ends_at, reason, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [pause.partnerId, pause.startsAt, pause.endsAt, pause.reason, pause.createdBy, pause.createdAt],
    );
    return toPause(row);
  }

  /** Ends the partner's pause at `at` if it has not stopped yet; null when there is no such pause still to end. */
  async end(tx: EntityManager, partnerId: string, pauseId: string, at: Date, by: string): Promise<PartnerPause | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [[row]]: [PauseRow[], number] = await tx.query(
      `UPDATE partner_pauses SET ended_at = $3, ended_by = $4
        WHERE id = $2 AND partner_id = $1 AND ${STOPS_AT} > $3
        RETURNING ${COLUMNS}`,
      [partnerId, pauseId, at, by],
    );
    return row ? toPause(row) : null;
  }

  async find(partnerId: string, pauseId: string): Promise<PartnerPause | null> {
    const [row]: PauseRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM partner_pauses WHERE id = $2 AND partner_id = $1`, [partnerId, pauseId]);
    return row ? toPause(row) : null;
  }
}
