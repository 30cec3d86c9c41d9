import { ValueTransformer } from 'typeorm';

/** pg returns bigint and numeric as strings; amounts in minor units and scores fit a JS number safely. */
export const asNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
