// What /health says about the reports' database: reachable, a standby or not, and how far behind the primary.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReportsDataSource } from './reports-connection';

export interface ReportsDatabaseStatus {
  /** A streaming standby (pg_is_in_recovery); false for a read-only role on the primary. */
  standby: boolean;
  /** Seconds since the last replayed transaction committed on the primary; 0 when all WAL received is replayed; null off a standby. */
  replayLagSeconds: number | null;
}

@Injectable()
export class ReportsDatabaseRepository {
  constructor(@InjectReportsDataSource() private readonly dataSource: DataSource) {}

  async status(): Promise<ReportsDatabaseStatus> {
    // A quiet primary sends no WAL: a standby that has replayed all it received is not behind, however old its last transaction.
    const [row]: { standby: boolean; lag: number | null }[] = await this.dataSource.query(
      `SELECT pg_is_in_recovery() AS standby,
              CASE WHEN NOT pg_is_in_recovery() THEN NULL
                   WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                   ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`,
    );
    return { standby: row.standby, replayLagSeconds: row.lag === null ? null : Math.round(row.lag * 10) / 10 };
  }
}
