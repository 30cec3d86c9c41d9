import { EntityManager } from 'typeorm';

/** Column name → PostgreSQL type, in insert order. */
export type ColumnTypes = Record<string, string>;

/**
 * One set-based INSERT for any number of rows: the rows travel as a single jsonb parameter
 * and jsonb_to_recordset turns them back into typed columns.
 */
export async function insertRows(manager: EntityManager, table: string, columns: ColumnTypes, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const definitions = names.map((name) => `${name} ${columns[name]}`).join(', ');
  await manager.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${definitions})`,
    [JSON.stringify(rows)],
  );
}
