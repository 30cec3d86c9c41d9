/** Public holidays of a country (and region) from date-holidays, generated per year when asked: holiday calendars roll over by themselves. */
import Holidays from 'date-holidays';

export interface PublicHoliday {
  /** yyyy-mm-dd */
  date: string;
  name: string;
}

/** A holiday calendar's rule: a country's (and region's) public holidays, plus custom dates. */
export interface HolidayRule {
  country: string | null;
  region: string | null;
  /** yyyy-mm-dd */
  customDates: readonly string[];
}

// One generator per country and region, and one list per year: generating a year costs a few milliseconds.
const generators = new Map<string, Holidays>();
const years = new Map<string, PublicHoliday[]>();
const MAX_CACHED_YEARS = 5_000;

function generator(country: string, region: string | null): Holidays {
  const key = `${country}/${region ?? ''}`;
  let found = generators.get(key);
  if (!found) {
    found = region ? new Holidays(country, region) : new Holidays(country);
    generators.set(key, found);
  }
  return found;
}

/** Every country date-holidays knows, by ISO code, with its English name, sorted by name. */
export function holidayCountries(): { code: string; name: string }[] {
  const names = new Holidays().getCountries('en');
  return Object.entries(names).map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The regions (states, provinces) of a country with their own holidays; empty for an unknown country. */
export function holidayRegions(country: string): { code: string; name: string }[] {
  const names = new Holidays().getStates(country, 'en') ?? {};
  return Object.entries(names).map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** What is wrong with a country and region, one entry per field; empty when date-holidays knows them. */
export function holidayRuleProblems(country: string | null, region: string | null): { field: 'country' | 'region'; problem: string }[] {
  if (country === null) {
    return region === null ? [] : [{ field: 'region', problem: 'region needs a country' }];
  }
  if (!holidayCountries().some((c) => c.code === country)) {
    return [{ field: 'country', problem: `country "${country}" is not a country with known public holidays (an ISO code such as "DE")` }];
  }
  if (region !== null && !holidayRegions(country).some((r) => r.code === region)) {
    const known = holidayRegions(country).map((r) => r.code);
    const hint = known.length > 0 ? `one of ${known.join(', ')}` : `none: ${country} has no regional holidays`;
    return [{ field: 'region', problem: `region "${region}" is not a region of ${country} (${hint})` }];
  }
  return [];
}

/** The public holidays of that year (the days off by law; observances and optional days are not). */
export function publicHolidays(country: string, region: string | null, year: number): PublicHoliday[] {
  const key = `${country}/${region ?? ''}/${year}`;
  let found = years.get(key);
  if (!found) {
    const seen = new Set<string>();
    found = [];
    for (const holiday of generator(country, region).getHolidays(year, 'en') || []) {
      const date = holiday.date.slice(0, 10);
      if (holiday.type !== 'public' || seen.has(date) || !date.startsWith(`${year}-`)) continue;
      seen.add(date);
      found.push({ date, name: holiday.name });
    }
    found.sort((a, b) => a.date.localeCompare(b.date));
    if (years.size >= MAX_CACHED_YEARS) years.clear();
    years.set(key, found);
  }
  return found;
}

/** A rule's holidays of one year, with names; custom dates read "Custom day off". */
export function holidaysOfYear(rule: HolidayRule, year: number): PublicHoliday[] {
  const generated = rule.country ? publicHolidays(rule.country, rule.region, year) : [];
  const custom = rule.customDates.filter((d) => d.startsWith(`${year}-`) && !generated.some((g) => g.date === d));
  return [...generated, ...custom.map((date) => ({ date, name: 'Custom day off' }))].sort((a, b) => a.date.localeCompare(b.date));
}

/** The rule as the SLA calendar reads it (a HolidaySet of @leadgate/compliance): each year's dates, generated when reached. */
export function holidaySetOf(rule: HolidayRule): { key: string; datesIn(year: number): string[] } {
  const custom = [...rule.customDates].sort();
  return {
    key: JSON.stringify([rule.country, rule.region, custom]),
    datesIn: (year) => holidaysOfYear({ ...rule, customDates: custom }, year).map((h) => h.date),
  };
}
