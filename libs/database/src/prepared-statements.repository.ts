// Named prepared statements for the hottest queries, so PostgreSQL parses and plans them once per connection.
// The repositories' statement runner: it holds no SQL of its own, it runs theirs on their transaction.
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';

/** A statement with a name that is unique in the application and fixed text. */
export interface PreparedStatement {
  name: string;
  text: string;
}

@Injectable()
export class PreparedStatements {
  /** Runs the statement on the transaction's connection (outside a transaction: unprepared) and returns its rows. */
  async query<T>(manager: EntityManager, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
    if (!manager.queryRunner) return manager.query(statement.text, values);
    const client = (await manager.queryRunner.connect()) as PoolClient;
    const result = await client.query({ name: statement.name, text: statement.text, values });
    return result.rows as T[];
  }
}
