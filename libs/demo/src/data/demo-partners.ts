// The demo resellers: a realistic spread of tiers, territories, specialties and calendars.
import type { Tier } from '@leadgate/common';
import type { DiligenceName } from '../diligence';

export type Country = 'DE' | 'AT' | 'CH' | 'FR' | 'NL' | 'GB' | 'US';

export interface DemoPartner {
  name: string;
  tier: Tier;
  country: Country;
  /** Country codes ("AT") or country + postal prefix ("DE-8"). */
  territories: string[];
  specialties: string[];
  capacity: number;
  weight: number;
  timezone: string;
  /** Weekdays' opening hours, "09:00-17:00". */
  hours: string;
  /** How its reps treat their leads: what its standing comes from. */
  diligence: DiligenceName;
  /** A channel manager's override, set that many days before "now" and lasting `days`. */
  override?: { daysAgo: number; days: number; reason: string };
  /** The channel manager looks after the DACH partners. */
  managed?: boolean;
  /** Gets a partner admin and a partner rep login. */
  withUsers?: { admin: string; rep: string };
}

export const DEMO_PARTNERS: DemoPartner[] = [
  { name: 'Alpine Networks GmbH', tier: 'platinum', country: 'DE', territories: ['DE-8', 'DE-9', 'AT'], specialties: ['networking', 'security', 'data-center'], capacity: 60, weight: 10, timezone: 'Europe/Berlin', hours: '08:00-17:00', diligence: 'exemplary', managed: true, withUsers: { admin: 'anna.admin@alpine-networks.test', rep: 'ralf.rep@alpine-networks.test' } },
  { name: 'Rheinland Systemhaus AG', tier: 'platinum', country: 'DE', territories: ['DE-4', 'DE-5'], specialties: ['networking', 'cloud', 'collaboration'], capacity: 50, weight: 9, timezone: 'Europe/Berlin', hours: '08:30-17:30', diligence: 'reliable', managed: true },
  { name: 'Hanse IT Solutions GmbH', tier: 'gold', country: 'DE', territories: ['DE-1', 'DE-2'], specialties: ['security', 'cloud'], capacity: 35, weight: 6, timezone: 'Europe/Berlin', hours: '09:00-17:00', diligence: 'reliable', managed: true },
  { name: 'Spree Digital GmbH', tier: 'gold', country: 'DE', territories: ['DE-1'], specialties: ['collaboration', 'cloud'], capacity: 30, weight: 5, timezone: 'Europe/Berlin', hours: '09:00-18:00', diligence: 'sloppy', managed: true },
  { name: 'Schwaben Netzwerk KG', tier: 'silver', country: 'DE', territories: ['DE-7', 'DE-8'], specialties: ['networking'], capacity: 20, weight: 3, timezone: 'Europe/Berlin', hours: '08:00-16:30', diligence: 'reliable', managed: true },
  { name: 'Mainfranken EDV GmbH', tier: 'silver', country: 'DE', territories: ['DE-6', 'DE-9'], specialties: ['networking', 'collaboration'], capacity: 10, weight: 6, timezone: 'Europe/Berlin', hours: '09:00-17:00', diligence: 'negligent', managed: true },
  { name: 'Ruhrpott Security GmbH', tier: 'silver', country: 'DE', territories: ['DE-4'], specialties: ['security'], capacity: 15, weight: 3, timezone: 'Europe/Berlin', hours: '08:00-17:00', diligence: 'reliable', managed: true },
  { name: 'Donau Datentechnik GmbH', tier: 'gold', country: 'AT', territories: ['AT'], specialties: ['networking', 'data-center'], capacity: 30, weight: 6, timezone: 'Europe/Vienna', hours: '08:00-17:00', diligence: 'reliable', managed: true },
  { name: 'Tirol Cloud Services GmbH', tier: 'silver', country: 'AT', territories: ['AT-6'], specialties: ['cloud'], capacity: 15, weight: 2, timezone: 'Europe/Vienna', hours: '09:00-17:00', diligence: 'reliable', managed: true },
  { name: 'Helvetia Secure AG', tier: 'platinum', country: 'CH', territories: ['CH'], specialties: ['security', 'networking', 'data-center'], capacity: 40, weight: 8, timezone: 'Europe/Zurich', hours: '08:00-17:00', diligence: 'exemplary', managed: true },
  { name: 'Léman Informatique SA', tier: 'silver', country: 'CH', territories: ['CH-1', 'CH-2'], specialties: ['collaboration', 'cloud'], capacity: 15, weight: 3, timezone: 'Europe/Zurich', hours: '08:30-17:30', diligence: 'sloppy', managed: true },
  { name: 'Lumière Réseaux SAS', tier: 'platinum', country: 'FR', territories: ['FR'], specialties: ['networking', 'security', 'collaboration'], capacity: 50, weight: 9, timezone: 'Europe/Paris', hours: '09:00-18:00', diligence: 'exemplary' },
  { name: 'Atlantique Cloud SAS', tier: 'gold', country: 'FR', territories: ['FR-2', 'FR-3', 'FR-4'], specialties: ['cloud', 'data-center'], capacity: 25, weight: 5, timezone: 'Europe/Paris', hours: '09:00-17:30', diligence: 'reliable' },
  { name: 'Provence Télécom SARL', tier: 'registered', country: 'FR', territories: ['FR-1', 'FR-8'], specialties: ['collaboration'], capacity: 8, weight: 1, timezone: 'Europe/Paris', hours: '09:00-17:00', diligence: 'reliable' },
  { name: 'Polder Networks B.V.', tier: 'gold', country: 'NL', territories: ['NL'], specialties: ['networking', 'security'], capacity: 30, weight: 6, timezone: 'Europe/Amsterdam', hours: '08:30-17:00', diligence: 'exemplary' },
  { name: 'Grachten Cloud B.V.', tier: 'silver', country: 'NL', territories: ['NL-1'], specialties: ['cloud', 'collaboration'], capacity: 15, weight: 3, timezone: 'Europe/Amsterdam', hours: '09:00-17:00', diligence: 'reliable' },
  { name: 'Thames Valley Networks Ltd', tier: 'platinum', country: 'GB', territories: ['GB'], specialties: ['networking', 'data-center', 'security'], capacity: 50, weight: 9, timezone: 'Europe/London', hours: '09:00-17:30', diligence: 'reliable' },
  { name: 'Pennine Secure Ltd', tier: 'gold', country: 'GB', territories: ['GB-M', 'GB-L', 'GB-S'], specialties: ['security'], capacity: 25, weight: 5, timezone: 'Europe/London', hours: '09:00-17:00', diligence: 'sloppy' },
  { name: 'Caledonia Cloud Ltd', tier: 'registered', country: 'GB', territories: ['GB-EH', 'GB-G'], specialties: ['cloud'], capacity: 8, weight: 1, timezone: 'Europe/London', hours: '09:00-17:00', diligence: 'reliable' },
  { name: 'Bay Area Cloud Partners Inc.', tier: 'gold', country: 'US', territories: ['US-9'], specialties: ['cloud', 'data-center', 'security'], capacity: 40, weight: 7, timezone: 'America/Los_Angeles', hours: '08:00-17:00', diligence: 'reliable', withUsers: { admin: 'pat.admin@bayareacloud.test', rep: 'sam.rep@bayareacloud.test' } },
  { name: 'Empire State Networks LLC', tier: 'platinum', country: 'US', territories: ['US-0', 'US-1'], specialties: ['networking', 'security', 'collaboration'], capacity: 60, weight: 10, timezone: 'America/New_York', hours: '08:00-18:00', diligence: 'exemplary' },
  { name: 'Lone Star Data Centers LLC', tier: 'gold', country: 'US', territories: ['US-7'], specialties: ['data-center', 'networking'], capacity: 30, weight: 5, timezone: 'America/Chicago', hours: '08:00-17:00', diligence: 'reliable' },
  { name: 'Great Lakes Collaboration Inc.', tier: 'silver', country: 'US', territories: ['US-4', 'US-5', 'US-6'], specialties: ['collaboration', 'cloud'], capacity: 20, weight: 3, timezone: 'America/Chicago', hours: '08:30-17:00', diligence: 'reliable' },
  { name: 'Rocky Mountain Secure LLC', tier: 'silver', country: 'US', territories: ['US-8'], specialties: ['security', 'networking'], capacity: 15, weight: 4, timezone: 'America/Denver', hours: '08:00-16:00', diligence: 'reliable', override: { daysAgo: 6, days: 24, reason: 'Three demo requests were accepted and never contacted; suspended until the team has completed the lead-handling refresher' } },
  { name: 'Peach State IT LLC', tier: 'registered', country: 'US', territories: ['US-3'], specialties: ['networking'], capacity: 10, weight: 1, timezone: 'America/New_York', hours: '09:00-17:00', diligence: 'reliable' },
  { name: 'Cascadia Networks Inc.', tier: 'silver', country: 'US', territories: ['US-9'], specialties: ['networking', 'collaboration'], capacity: 20, weight: 3, timezone: 'America/Los_Angeles', hours: '08:00-17:00', diligence: 'sloppy' },
];

/** The demo's holiday calendars are named after the country (their dates come from date-holidays). */
export const COUNTRY_NAMES: Record<Country, string> = {
  DE: 'Germany', AT: 'Austria', CH: 'Switzerland', FR: 'France', NL: 'Netherlands', GB: 'United Kingdom', US: 'United States',
};

export const CURRENCY: Record<Country, string> = { DE: 'EUR', AT: 'EUR', CH: 'CHF', FR: 'EUR', NL: 'EUR', GB: 'GBP', US: 'USD' };

/** GB postcode areas used when a partner covers all of GB. */
export const GB_AREAS = ['SW', 'EC', 'M', 'B', 'LS', 'G', 'EH', 'BS', 'L', 'S'];
