// Demo lead types (with their SLAs) and campaigns (with their costs).
import type { Tier } from '@leadgate/common';

const HOUR = 60;
/** A business day is eight business hours. */
const BUSINESS_DAY = 8 * HOUR;
const DAY = 24 * HOUR;

export interface DemoLeadType {
  key: string;
  name: string;
  definition: string;
  allowedTiers: Tier[];
  acceptMinutes: number;
  contactMinutes: number;
  feedbackMinutes: number;
  updateCadenceMinutes: number | null;
  businessTime: boolean;
  /** How often this kind of lead comes in, relative to the others. */
  share: number;
}

export const DEMO_LEAD_TYPES: DemoLeadType[] = [
  {
    key: 'demo-request',
    name: 'Demo request',
    definition: 'A named buyer filled in the "book a demo" form with a business email and a phone number.',
    allowedTiers: ['platinum', 'gold', 'silver'],
    acceptMinutes: 4 * HOUR, contactMinutes: BUSINESS_DAY, feedbackMinutes: 10 * BUSINESS_DAY, updateCadenceMinutes: 10 * BUSINESS_DAY, businessTime: true, share: 35,
  },
  {
    key: 'contact-sales',
    name: 'Contact sales',
    definition: 'A buyer asked to be called by sales about pricing or a project.',
    allowedTiers: ['platinum', 'gold'],
    acceptMinutes: 2 * HOUR, contactMinutes: 4 * HOUR, feedbackMinutes: 5 * BUSINESS_DAY, updateCadenceMinutes: 5 * BUSINESS_DAY, businessTime: true, share: 20,
  },
  {
    key: 'content-download-mql',
    name: 'Content download (MQL)',
    definition: 'A marketing-qualified lead: a buyer downloaded gated content and reached a lead score of 60 or more.',
    allowedTiers: ['platinum', 'gold', 'silver', 'registered'],
    acceptMinutes: BUSINESS_DAY, contactMinutes: 3 * BUSINESS_DAY, feedbackMinutes: 15 * BUSINESS_DAY, updateCadenceMinutes: null, businessTime: true, share: 30,
  },
  {
    key: 'partner-referral',
    name: 'Partner referral',
    definition: 'Another partner or a vendor rep referred a buyer with a known project outside their own territory.',
    allowedTiers: ['platinum', 'gold', 'silver', 'registered'],
    acceptMinutes: BUSINESS_DAY, contactMinutes: 2 * BUSINESS_DAY, feedbackMinutes: 10 * BUSINESS_DAY, updateCadenceMinutes: 10 * BUSINESS_DAY, businessTime: true, share: 8,
  },
  {
    key: 'urgent-callback',
    name: 'Urgent callback (24/7)',
    definition: 'A customer with a network outage or security incident asked for an immediate callback.',
    allowedTiers: ['platinum', 'gold'],
    acceptMinutes: HOUR, contactMinutes: 4 * HOUR, feedbackMinutes: 3 * DAY, updateCadenceMinutes: null, businessTime: false, share: 7,
  },
];

export interface DemoCampaign {
  key: string;
  name: string;
  channel: string;
  costMinor: number;
  currency: string;
  /** Relative to the day the demo is seeded; null = open-ended. */
  startsDaysAgo: number;
  endsDaysAgo: number | null;
  share: number;
}

export const DEMO_CAMPAIGNS: DemoCampaign[] = [
  { key: 'always-on-search', name: 'Always-on paid search', channel: 'paid-search', costMinor: 4_800_000, currency: 'EUR', startsDaysAgo: 200, endsDaysAgo: null, share: 30 },
  { key: 'zero-trust-webinar', name: 'Zero Trust webinar series', channel: 'webinar', costMinor: 1_250_000, currency: 'EUR', startsDaysAgo: 110, endsDaysAgo: 20, share: 15 },
  { key: 'cloud-migration-ebook', name: 'Cloud migration e-book', channel: 'content-syndication', costMinor: 2_200_000, currency: 'EUR', startsDaysAgo: 130, endsDaysAgo: null, share: 25 },
  { key: 'datacenter-expo', name: 'Data Center World expo booth', channel: 'event', costMinor: 6_500_000, currency: 'EUR', startsDaysAgo: 75, endsDaysAgo: 60, share: 10 },
  { key: 'linkedin-security-ads', name: 'LinkedIn security ads', channel: 'paid-social', costMinor: 1_800_000, currency: 'EUR', startsDaysAgo: 90, endsDaysAgo: null, share: 15 },
  { key: 'customer-newsletter', name: 'Customer newsletter', channel: 'email', costMinor: 150_000, currency: 'EUR', startsDaysAgo: 365, endsDaysAgo: null, share: 8 },
];
