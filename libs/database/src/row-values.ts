// pg returns bigint and numeric as strings; amounts in minor units and scores fit a JS number safely.

/** A numeric or bigint column that may be NULL, as a number. */
export const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));
