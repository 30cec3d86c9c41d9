import { Transform } from 'class-transformer';

/** Drops repeated entries from an array, keeping the first occurrence; leaves non-arrays for the validators. */
export const Deduplicated = (): PropertyDecorator =>
  Transform(({ value }) => (Array.isArray(value) ? [...new Set(value)] : value));

/** Query strings carry "true"/"false" as text; anything else is left for @IsBoolean to reject. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
