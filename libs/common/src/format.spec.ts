import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatInstant, formatMoney, minorDigits, minorToDecimal, toMinorUnits } from './format';

describe('formatInstant', () => {
  const at = new Date('2026-12-03T14:39:59Z');

  it('writes UTC instants to the minute in each style', () => {
    expect(formatInstant(at)).toBe('3 December 2026, 14:39 UTC');
    expect(formatInstant(at, 'UTC', 'short')).toBe('3 Dec 2026, 14:39 UTC');
    expect(formatInstant(at, 'UTC', 'compact')).toBe('2026-12-03 14:39 UTC');
  });

  it('writes the local time and zone when given one', () => {
    expect(formatInstant(at, 'Europe/Berlin')).toMatch(/^3 December 2026, 15:39 (CET|GMT\+1)$/);
    expect(formatInstant(new Date('2026-03-02T00:30:00Z'), 'America/New_York')).toMatch(/^1 March 2026, 19:30 (EST|GMT-5)$/);
  });

  it('writes what luxon writes for the same instant, zone and style', () => {
    const luxonFormats = { long: 'd LLLL yyyy, HH:mm', short: 'd LLL yyyy, HH:mm', compact: 'yyyy-MM-dd HH:mm' } as const;
    const zones = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom('long', 'short', 'compact'),
        (date, zone, style) => {
          const local = DateTime.fromJSDate(date, { zone }).setLocale('en-GB');
          const expected = `${local.toFormat(luxonFormats[style])} ${zone === 'UTC' ? 'UTC' : local.toFormat('ZZZZ')}`;
          expect(formatInstant(date, zone, style)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the day as seen from now in the same zone, in the relative style', () => {
    const now = new Date('2026-03-02T09:00:00Z'); // Monday 10:00 in Berlin
    expect(formatInstant(new Date('2026-03-02T22:59:00Z'), 'Europe/Berlin', 'relative', now)).toBe('today 23:59 CET');
    expect(formatInstant(new Date('2026-03-02T23:00:00Z'), 'Europe/Berlin', 'relative', now)).toBe('tomorrow 00:00 CET');
    expect(formatInstant(new Date('2026-03-02T23:00:00Z'), 'UTC', 'relative', now)).toBe('today 23:00 UTC');
    expect(formatInstant(new Date('2026-03-02T07:00:00Z'), 'America/Los_Angeles', 'relative', now)).toBe('yesterday 23:00 GMT-8');
    expect(formatInstant(new Date('2026-03-10T08:00:00Z'), 'Europe/Berlin', 'relative', now)).toBe('Tue 10 Mar 09:00 CET');
    expect(formatInstant(new Date('2025-12-31T08:00:00Z'), 'Europe/Berlin', 'relative', now)).toBe('Wed 31 Dec 2025 09:00 CET');
    expect(() => formatInstant(now, 'UTC', 'relative')).toThrow(TypeError);
  });

  it('refuses an unknown time zone', () => {
    expect(() => formatInstant(at, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('money', () => {
  it('knows each currency’s minor unit from ISO 4217', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('formats minor units with the currency’s own decimals', () => {
    expect(formatMoney(700_000, 'EUR')).toBe('€7,000.00');
    expect(formatMoney(25_000, 'EUR')).toBe('€250.00');
    expect(formatMoney(1_235, 'JPY')).toBe('JP¥1,235');
    expect(formatMoney(1_234_567, 'KWD')).toBe('KWD\u00a01,234.567');
  });

  it('formats a bigint exactly, beyond the safe integer range', () => {
    expect(formatMoney(900_719_925_474_099_312n, 'EUR')).toBe('€9,007,199,254,740,993.12');
  });

  it('writes and reads plain decimals in major units', () => {
    expect(minorToDecimal(250_050, 'EUR')).toBe('2500.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(2_500, 'JPY')).toBe('2500');
    expect(toMinorUnits('2500.50', 'EUR')).toBe(250_050);
    expect(toMinorUnits('2500,5', 'EUR')).toBe(250_050);
    expect(toMinorUnits('2500', 'EUR')).toBe(250_000);
    expect(toMinorUnits('2500', 'JPY')).toBe(2_500);
    expect(toMinorUnits('2500.50', 'JPY')).toBeNull();
    expect(toMinorUnits('2500.505', 'EUR')).toBeNull();
    expect(toMinorUnits('a lot', 'EUR')).toBeNull();
  });

  it('reads amounts as people write them, with thousands marks in either convention', () => {
    const cases: [string, string, number | null][] = [
      ['42.000,50', 'EUR', 4_200_050],
      ['42,000.50', 'EUR', 4_200_050],
      ['42 000,50', 'EUR', 4_200_050],
      ["42'000.50", 'CHF', 4_200_050],
      ['1.234.567', 'EUR', 123_456_700],
      ['1,234,567.8', 'USD', 123_456_780],
      ['42.000', 'EUR', 4_200_000],
      ['42.00', 'EUR', 4_200],
      ['0.500', 'KWD', 500],
      ['42.000', 'JPY', 42_000],
      ['4.2.000', 'EUR', null],
      ['42,00.50', 'EUR', null],
      ['1.234,567', 'EUR', null],
      ['-5', 'EUR', null],
      ['', 'EUR', null],
    ];
    expect(cases.map(([text, currency]) => [text, currency, toMinorUnits(text, currency)])).toEqual(cases);
  });

  it('reads back any amount written in either convention', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.constantFrom('en-US', 'de-DE', 'fr-CH', 'en-IN'), (minor, locale) => {
        const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: locale !== 'en-IN' }).format(minor / 100);
        return toMinorUnits(text, 'EUR') === minor;
      }),
    );
  });
});
