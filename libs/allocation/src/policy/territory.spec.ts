import fc from 'fast-check';
import { coversLocation, normalizeTerritory, territoryKeys } from './territory';

describe('coversLocation', () => {
  it.each`
    territories          | country | postalCode    | covered
    ${['DE']}            | ${'DE'} | ${'10115'}    | ${true}
    ${['DE']}            | ${'DE'} | ${null}       | ${true}
    ${['de']}            | ${'DE'} | ${'10115'}    | ${true}
    ${['DE']}            | ${'AT'} | ${'1010'}     | ${false}
    ${['DE-80']}         | ${'DE'} | ${'80331'}    | ${true}
    ${['DE-80331']}      | ${'DE'} | ${'80331'}    | ${true}
    ${['DE-80']}         | ${'DE'} | ${'81675'}    | ${false}
    ${['DE-80']}         | ${'DE'} | ${null}       | ${false}
    ${['DE-80']}         | ${'AT'} | ${'80331'}    | ${false}
    ${['AT', 'DE-80']}   | ${'DE'} | ${'80331'}    | ${true}
    ${['GB-SW1']}        | ${'GB'} | ${'SW1A 1AA'} | ${true}
    ${['GB-sw1']}        | ${'GB'} | ${'sw1a1aa'}  | ${true}
    ${['DE-']}           | ${'DE'} | ${'80331'}    | ${false}
    ${[]}                | ${'DE'} | ${'80331'}    | ${false}
  `('$territories covers $country $postalCode: $covered', ({ territories, country, postalCode, covered }) => {
    expect(coversLocation(territories, country, postalCode)).toBe(covered);
  });
});

describe('territoryKeys', () => {
  it('lists the country and every postal prefix of the lead, in canonical form', () => {
    expect(territoryKeys('DE', '80331')).toEqual(['DE', 'DE-8', 'DE-80', 'DE-803', 'DE-8033', 'DE-80331']);
    expect(territoryKeys('gb', 'sw1 a')).toEqual(['GB', 'GB-S', 'GB-SW', 'GB-SW1', 'GB-SW1A']);
    expect(territoryKeys('FR', null)).toEqual(['FR']);
  });

  // The service prefilters candidates with `territories && territoryKeys(...)` on canonical entries.
  it('agrees with coversLocation for canonical territory entries', () => {
    const postal = fc.stringMatching(/^[0-9A-Z ]{0,6}$/);
    const entry = fc
      .tuple(fc.constantFrom('DE', 'de', 'AT'), fc.option(postal, { nil: null }))
      .map(([country, prefix]) => (prefix === null ? country : `${country}-${prefix}`));
    const lead = fc.tuple(fc.constantFrom('DE', 'AT'), fc.option(postal, { nil: null }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), lead, (entries, [country, code]) => {
        const keys = territoryKeys(country, code);
        const viaKeys = entries.map(normalizeTerritory).some((t) => keys.includes(t));
        expect(coversLocation(entries, country, code)).toBe(viaKeys);
      }),
    );
  });

  it('normalizes a territory entry to upper case without spaces', () => {
    expect(normalizeTerritory(' de - 80 ')).toBe('DE-80');
    expect(normalizeTerritory('gb-sw1a 1')).toBe('GB-SW1A1');
    expect(normalizeTerritory('at')).toBe('AT');
  });
});
