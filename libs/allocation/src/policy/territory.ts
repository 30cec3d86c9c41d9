/**
 * Territory entries are "CC" (whole country) or "CC-prefix" (postal codes starting with prefix).
 * The service finds candidates with an indexed `territories && territoryKeys(...)` query, so
 * coverage is defined through the same keys: the database prefilter and the policy cannot disagree
 * as long as partner territories are stored in normalizeTerritory form.
 */

/** Canonical spelling of a territory entry: upper case, no spaces ("de - 80 " → "DE-80"). */
export function normalizeTerritory(entry: string): string {
  const [country, ...prefix] = entry.split('-');
  const canonicalCountry = country.trim().toUpperCase();
  return prefix.length === 0 ? canonicalCountry : `${canonicalCountry}-${normalizePostal(prefix.join('-'))}`;
}

/** Every canonical territory entry that covers a lead here: "DE", "DE-8", "DE-80", … "DE-80331". */
export function territoryKeys(country: string, postalCode: string | null): string[] {
  const canonicalCountry = country.trim().toUpperCase();
  if (canonicalCountry === '') return [];
  const postal = normalizePostal(postalCode ?? '');
  const prefixes = Array.from({ length: postal.length }, (_, i) => `${canonicalCountry}-${postal.slice(0, i + 1)}`);
  return [canonicalCountry, ...prefixes];
}

export function coversLocation(territories: readonly string[], country: string, postalCode: string | null): boolean {
  return coversKeys(territories, new Set(territoryKeys(country, postalCode)));
}

/** coversLocation with the location's territoryKeys worked out once, for checking many partners against one lead. */
export function coversKeys(territories: readonly string[], keys: ReadonlySet<string>): boolean {
  return territories.some((entry) => keys.has(normalizeTerritory(entry)));
}

// "SW1A 1AA" and "sw1a1aa" are the same postcode; spacing is not part of a prefix.
function normalizePostal(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
