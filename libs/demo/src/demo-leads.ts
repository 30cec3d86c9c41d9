// PURE: the demo buyers — who sends a lead, from where, about what, and when — as intake's input.
import type { CreateLeadDto } from '@leadgate/intake';
import { DEMO_CAMPAIGNS, DEMO_LEAD_TYPES } from './data/demo-catalog';
import { Country, DEMO_PARTNERS, GB_AREAS } from './data/demo-partners';
import { COMPANIES, DOMAIN_SUFFIX, FIRST_NAMES, JOB_TITLES, LAST_NAMES } from './data/demo-people';
import { Random } from './random';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const COUNTRY_SHARE: Record<Country, number> = { DE: 30, US: 25, FR: 12, GB: 12, NL: 8, AT: 7, CH: 6 };
const PRODUCTS = ['networking', 'security', 'cloud', 'collaboration', 'data-center'];
/** Leads asking from where, or about what, the partners may not cover: allocation decides. */
const STRAY_SHARE = 0.08;

/** `count` arrival instants in [from, to), sorted: mostly weekday working hours (UTC), fewer at weekends. */
export function arrivalTimes(random: Random, from: Date, to: Date, count: number): Date[] {
  const times: number[] = [];
  while (times.length < count) {
    const at = from.getTime() + random.next() * (to.getTime() - from.getTime());
    const date = new Date(at);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const working = date.getUTCHours() >= 7 && date.getUTCHours() < 21;
    if (random.chance((weekend ? 0.2 : 1) * (working ? 1 : 0.15))) times.push(at);
  }
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

/** Where a scripted lead comes from and what it asks about, in place of the random draw. */
export interface DemoLeadPin {
  leadType: string;
  country: Country;
  /** The postal code's first digits. */
  postalPrefix: string;
  product: string;
}

/**
 * The n-th demo lead, received at `at`; `now` is where the demo's story ends (campaign dates count from it).
 * A pin fixes its type and place (the story's scripted leads); the rest is drawn as for any lead.
 */
export function demoLeadInput(random: Random, n: number, at: Date, now: Date, pin?: DemoLeadPin): CreateLeadDto {
  const drawn = random.weighted(DEMO_LEAD_TYPES, (t) => t.share);
  const type = pin ? DEMO_LEAD_TYPES.find((t) => t.key === pin.leadType)! : drawn;
  const campaign = campaignAt(random, (now.getTime() - at.getTime()) / DAY);
  const drawnPlace = random.chance(STRAY_SHARE) ? anyPlace(random) : partnerPlace(random);
  const place = pin ? { country: pin.country, postalCode: postalCode(random, pin.country, pin.postalPrefix), product: pin.product } : drawnPlace;
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = random.pick(COMPANIES[place.country]);
  const domain = `${company.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '').slice(0, 18)}.${DOMAIN_SUFFIX[place.country]}`;
  const notes = random.chance(0.3) ? `Asked about ${place.product} for ${random.int(2, 40) * 25} users` : undefined;
  return {
    email: `${ascii(first)}.${ascii(last)}.${n}@${domain}`,
    firstName: first,
    lastName: last,
    phone: `${DIAL_CODE[place.country]} ${random.digits(3)} ${random.digits(7)}`,
    jobTitle: random.pick(JOB_TITLES),
    company,
    country: place.country,
    postalCode: place.postalCode,
    productInterest: place.product,
    leadType: type.key,
    ...(campaign ? { campaign } : {}),
    score: type.key === 'content-download-mql' ? random.int(60, 95) : random.int(35, 100),
    ...(notes ? { notes } : {}),
    externalId: `MKTO-${100_000 + n * 7}`,
  };
}

interface Place {
  country: Country;
  postalCode: string;
  product: string;
}

/** Where the partners sell, weighted as they are: most buyers are somewhere a partner is. */
function partnerPlace(random: Random): Place {
  const partner = random.weighted(DEMO_PARTNERS, (p) => p.weight);
  const prefix = random.pick(partner.territories).split('-')[1] ?? '';
  return { country: partner.country, postalCode: postalCode(random, partner.country, prefix), product: random.pick(partner.specialties) };
}

function anyPlace(random: Random): Place {
  const country = random.weighted(Object.keys(COUNTRY_SHARE) as Country[], (c) => COUNTRY_SHARE[c]);
  return { country, postalCode: postalCode(random, country, ''), product: random.pick(PRODUCTS) };
}

function campaignAt(random: Random, daysAgo: number): string | null {
  const running = DEMO_CAMPAIGNS.filter((c) => c.startsDaysAgo >= daysAgo && (c.endsDaysAgo === null || c.endsDaysAgo <= daysAgo));
  return running.length === 0 || random.chance(0.08) ? null : random.weighted(running, (c) => c.share).key;
}

function postalCode(random: Random, country: Country, prefix: string): string {
  switch (country) {
    case 'DE': case 'FR': case 'US':
      return prefix + random.digits(5 - prefix.length);
    case 'AT': case 'CH':
      return prefix + random.digits(4 - prefix.length);
    case 'NL':
      return `${prefix}${random.digits(4 - prefix.length)} ${random.pick(['AB', 'CD', 'GH', 'KL', 'PR', 'XT'])}`;
    case 'GB': {
      const area = prefix || random.pick(GB_AREAS);
      return `${area}${random.int(1, 20)} ${random.int(1, 9)}${random.pick(['AA', 'BD', 'HT', 'NP', 'RX', 'UW'])}`;
    }
  }
}

const DIAL_CODE: Record<Country, string> = { DE: '+49', AT: '+43', CH: '+41', FR: '+33', NL: '+31', GB: '+44', US: '+1' };

function ascii(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
}
