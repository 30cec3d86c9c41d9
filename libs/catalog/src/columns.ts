/** How a camelCase field is written: its column and the cast its parameter needs. */
export type ColumnSpec = { column: string; cast: string };

/** The given (non-undefined) fields as [column spec, value] pairs, in the map's order. */
export function columnValues<F extends object>(specs: Record<keyof F, ColumnSpec>, fields: Partial<F>): [ColumnSpec, unknown][] {
  return (Object.keys(specs) as (keyof F)[]).filter((key) => fields[key] !== undefined).map((key) => [specs[key], fields[key]]);
}
