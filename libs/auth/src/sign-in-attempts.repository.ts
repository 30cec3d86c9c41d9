import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Stale windows removed per count: keeps the table small without a job, never a long statement.
const PURGE_BATCH = 100;

/** The only SQL on `sign_in_attempts`: fixed-window attempt counters shared by every portal process. */
@Injectable()
export class SignInAttemptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt in each bucket, in one statement: a bucket whose window began at or before
   * `windowStartedBefore` starts a new window at `now`. Returns each bucket's attempts in its window, this one included.
   */
  async count(buckets: string[], now: Date, windowStartedBefore: Date): Promise<Map<string, number>> {
    await this.dataSource.query(
      `DELETE FROM sign_in_attempts WHERE ctid IN (SELECT ctid FROM sign_in_attempts WHERE window_started_at <= $1 LIMIT ${PURGE_BATCH})`,
      [windowStartedBefore],
    );
    const rows: { bucket: string; attempts: number }[] = await this.dataSource.query(
      `INSERT INTO sign_in_attempts AS a (bucket, window_started_at, attempts)
       SELECT b, $2, 1 FROM unnest($1::text[]) AS b
       ON CONFLICT (bucket) DO UPDATE
          SET attempts = CASE WHEN a.window_started_at <= $3 THEN 1 ELSE a.attempts + 1 END,
              window_started_at = CASE WHEN a.window_started_at <= $3 THEN $2 ELSE a.window_started_at END
       RETURNING bucket, attempts`,
      [buckets, now, windowStartedBefore],
    );
    return new Map(rows.map((row) => [row.bucket, row.attempts]));
  }
}
