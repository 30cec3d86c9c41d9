/** The fields a request actually carried: absent ones must not overwrite (or null out) columns. */
export function presentFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
