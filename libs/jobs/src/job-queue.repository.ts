// The job queue's own tables (pg-boss, schema `pgboss`): the set-up lock, the running jobs' heartbeat, and what the status reads.
import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { DataSource } from 'typeorm';

export const QUEUE_SCHEMA = 'pgboss';
// Any fixed number works; it only has to be the same in every process (and differ from the migrations' lock).
const QUEUE_SETUP_LOCK = 76_354_002;

/** One job's liveness: when it last succeeded, and how long a due run has been waiting. */
export interface JobQueueStatus {
  name: string;
  lastSuccessAt: Date | null;
  /** The oldest run that is due but not started (null: none waiting). */
  waitingSince: Date | null;
  /** The running run's start, and whether its worker stopped sending heartbeats (it will be run again). */
  runningSince: Date | null;
  stuck: boolean;
}

interface StatusRow {
  name: string;
  last_success_at: Date | null;
  waiting_since: Date | null;
  running_since: Date | null;
  stuck: boolean;
}

@Injectable()
export class JobQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` holding a session advisory lock on a connection of its own, so processes starting at the
   * same moment set their queues up one at a time (pg-boss's queue creation deadlocks when run in parallel).
   */
  async whileSettingUp<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * A running job's heartbeat: its expiry moves to `seconds` from now. A live worker's job never
   * expires however long it runs; a dead worker's expires `seconds` after its last beat, and pg-boss's
   * maintenance hands it to another worker.
   */
  async heartbeat(name: string, id: string, seconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${QUEUE_SCHEMA}.job SET expire_in = (now() - started_on) + make_interval(secs => $3)
        WHERE name = $1 AND id = $2 AND state = 'active'`,
      [name, id, seconds],
    );
  }

  /** Each job's liveness; empty when no process has started the queue yet. */
  async status(names: readonly string[]): Promise<JobQueueStatus[]> {
    const [{ ready }] = await this.dataSource.query(`SELECT to_regclass('${QUEUE_SCHEMA}.archive') IS NOT NULL AS ready`);
    if (!ready) return [];
    const rows: StatusRow[] = await this.dataSource.query(
      `SELECT n.name,
              GREATEST((SELECT max(completed_on) FROM ${QUEUE_SCHEMA}.job WHERE name = n.name AND state = 'completed'),
                       (SELECT max(completed_on) FROM ${QUEUE_SCHEMA}.archive WHERE name = n.name AND state = 'completed')) AS last_success_at,
              (SELECT min(start_after) FROM ${QUEUE_SCHEMA}.job
                WHERE name = n.name AND state IN ('created', 'retry') AND start_after <= now()) AS waiting_since,
              r.started_on AS running_since,
              COALESCE(r.started_on + r.expire_in < now(), false) AS stuck
         FROM unnest($1::text[]) AS n(name)
         LEFT JOIN LATERAL (SELECT started_on, expire_in FROM ${QUEUE_SCHEMA}.job
                             WHERE name = n.name AND state = 'active' ORDER BY started_on LIMIT 1) r ON true
        ORDER BY n.name`,
      [names],
    );
    return rows.map((row) => ({
      name: row.name,
      lastSuccessAt: row.last_success_at,
      waitingSince: row.waiting_since,
      runningSince: row.running_since,
      stuck: row.stuck,
    }));
  }

  /**
   * Calls `heard` on every NOTIFY on `channel`, over a connection of its own (LISTEN holds one); a lost
   * connection is opened again after a pause. Returns a function that stops listening.
   */
  listen(channel: string, heard: () => void, onError: (error: Error) => void): () => Promise<void> {
    let client: Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      if (stopped) return;
      const next = new Client({ connectionString: (this.dataSource.options as PostgresConnectionOptions).url, application_name: 'leadgate-jobs-listen' });
      next.on('notification', heard);
      next.on('error', (error) => {
        onError(error);
        void next.end().catch(() => undefined);
        if (client === next) setTimeout(() => void connect().catch(onError), 5_000).unref();
      });
      await next.connect();
      await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
      client = next;
    };
    void connect().catch((error: Error) => {
      onError(error);
      setTimeout(() => void connect().catch(onError), 5_000).unref();
    });
    return async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  }
}
