import fc from 'fast-check';
import { holidayRegions, holidayRuleProblems, holidaySetOf, holidaysOfYear, publicHolidays } from './public-holidays';

describe('public holidays', () => {
  it('generates a region\'s own holidays on top of the country\'s', () => {
    const germany = publicHolidays('DE', null, 2026).map((h) => h.date);
    const bavaria = publicHolidays('DE', 'BY', 2026).map((h) => h.date);
    expect(germany).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-03', '2026-04-06', '2026-10-03', '2026-12-25', '2026-12-26']));
    expect(germany).not.toContain('2026-01-06');
    expect(bavaria).toEqual(expect.arrayContaining(['2026-01-06', '2026-06-04', '2026-11-01']));
  });

  it('leaves observances and optional days out (Valentine\'s day, Christmas Eve in the US)', () => {
    const us = publicHolidays('US', null, 2026).map((h) => h.date);
    expect(us).toEqual(expect.arrayContaining(['2026-07-03', '2026-11-26', '2026-12-25']));
    expect(us).not.toContain('2026-02-14');
    expect(us).not.toContain('2026-12-24');
  });

  it('follows moving feasts into any year: Easter Monday of 2030 and 2040', () => {
    expect(publicHolidays('DE', null, 2030).map((h) => h.date)).toContain('2030-04-22');
    expect(publicHolidays('DE', null, 2040).map((h) => h.date)).toContain('2040-04-02');
  });

  it('names unknown countries and regions as problems of their field', () => {
    expect(holidayRuleProblems('DE', 'BY')).toEqual([]);
    expect(holidayRuleProblems(null, null)).toEqual([]);
    expect(holidayRuleProblems('XX', null)).toEqual([{ field: 'country', problem: expect.stringContaining('"XX"') }]);
    expect(holidayRuleProblems('DE', 'ZZ')).toEqual([{ field: 'region', problem: expect.stringContaining('region "ZZ" is not a region of DE (one of ') }]);
    expect(holidayRuleProblems(null, 'BY')).toEqual([{ field: 'region', problem: 'region needs a country' }]);
    expect(holidayRegions('XX')).toEqual([]);
  });

  it('adds custom dates once, named as such, and only in their own year', () => {
    const rule = { country: 'DE', region: null, customDates: ['2026-12-24', '2026-12-25', '2027-12-24'] };
    const days = holidaysOfYear(rule, 2026);
    expect(days).toContainEqual({ date: '2026-12-24', name: 'Custom day off' });
    expect(days.filter((d) => d.date === '2026-12-25')).toHaveLength(1);
    expect(days.map((d) => d.date)).not.toContain('2027-12-24');
  });

  it('always yields sorted, distinct dates of the year asked, for any country, region and year', () => {
    const countries = ['DE', 'AT', 'CH', 'FR', 'GB', 'US', 'NL', 'JP', 'BR', 'AU'];
    fc.assert(
      fc.property(fc.constantFrom(...countries), fc.integer({ min: 1990, max: 2100 }), fc.boolean(), (country, year, withRegion) => {
        const regions = holidayRegions(country);
        const region = withRegion && regions.length > 0 ? regions[year % regions.length].code : null;
        const dates = holidaySetOf({ country, region, customDates: [] }).datesIn(year);
        expect(dates.every((d) => d.startsWith(`${year}-`) && /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
        expect([...dates].sort()).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
      }),
      { numRuns: 60 },
    );
  });

  it('keys a rule by what it yields: the same rule in another order, the same key', () => {
    const a = holidaySetOf({ country: 'DE', region: 'BY', customDates: ['2026-12-31', '2026-12-24'] });
    const b = holidaySetOf({ country: 'DE', region: 'BY', customDates: ['2026-12-24', '2026-12-31'] });
    const c = holidaySetOf({ country: 'DE', region: null, customDates: ['2026-12-24', '2026-12-31'] });
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});
