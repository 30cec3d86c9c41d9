// PURE: the one company matching rule — "Acme GmbH", "ACME Ltd." and "acme, inc" are the same buyer.
// Its SQL twin is deal_company_key() (migration 1764108000000); test/deals-company-key.e2e-spec.ts holds them equal.

/** Legal-form words dropped from the end of a name, in any order and number ("GmbH & Co. KG"). */
export const LEGAL_SUFFIXES: readonly string[] = [
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'ev', 'co', 'cie', 'company', 'ltd', 'limited', 'inc', 'incorporated',
  'corp', 'corporation', 'llc', 'llp', 'lp', 'plc', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv', 'nv', 'oy', 'oyj',
  'ab', 'as', 'asa', 'aps', 'pty', 'kk', 'se', 'sro', 'zoo', 'sp',
];

const TRAILING_SUFFIXES = new RegExp(`( (${LEGAL_SUFFIXES.join('|')}))+$`);

/**
 * The company's matching key: ASCII letters lower-cased (locale-free, as in SQL), dots and apostrophes
 * dropped ("S.A." is "sa"), any other run of non-alphanumerics a word break, trailing legal forms
 * removed (never the first word), then the words joined.
 */
export function companyKey(company: string): string {
  const words = company
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[.']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return words.replace(TRAILING_SUFFIXES, '').replace(/ /g, '');
}
