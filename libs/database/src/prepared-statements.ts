// Named prepared statements for the hottest queries, so PostgreSQL parses and plans them once per connection.
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import { DATABASE_MODE, DatabaseMode } from './database-mode';

/** A statement with a name that is unique in the application and fixed text. */
export interface PreparedStatement {
  name: string;
  text: string;
}

@Injectable()
export class PreparedStatements {
  constructor(@Inject(DATABASE_MODE) private readonly mode: DatabaseMode) {}

  /**
   * Runs the statement on the transaction's connection and returns its rows. The embedded database
   * shares one backend between socket connections, where a name prepared by a closed connection
   * would clash with the next one, so there it runs unprepared.
   */
  async query<T>(manager: EntityManager, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
    if (this.mode.embedded || !manager.queryRunner) return manager.query(statement.text, values);
    const client = (await manager.queryRunner.connect()) as PoolClient;
    const result = await client.query({ name: statement.name, text: statement.text, values });
    return result.rows as T[];
  }
}
