// The company matching rule is said twice — companyKey() for the pages and tests, deal_company_key() for the
// indexed SQL — and held equal here on random names, so the two cannot drift.
import fc from 'fast-check';
import { companyKey, LEGAL_SUFFIXES } from '@leadgate/deals/policy';
import { createTestApp, TestApp } from './support/test-app';

describe('deal_company_key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keys every name exactly as the pure companyKey does', async () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...LEGAL_SUFFIXES, 'GmbH', 'S.A.', 'Ltd.', '&', ',', ' ', "'", '-', 'Müller', 'İstanbul', 'K', 'ß', 'Acme'),
    );
    const names = fc.sample(fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(fc.sample(fc.constantFrom(' ', '', ', '), 1)[0])), 2_000);
    const rows: { name: string; key: string }[] = await t.dataSource.query(`SELECT name, deal_company_key(name) AS key FROM unnest($1::text[]) AS name`, [
      names.map((name) => name.replace(/\u0000/g, '')),
    ]);
    const differing = rows.filter((row) => row.key !== companyKey(row.name));
    expect(differing).toEqual([]);
    expect(rows).toHaveLength(names.length);
  });
});
