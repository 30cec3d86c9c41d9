// Names, companies and reason codes the demo leads are made of.
import type { Country } from './demo-partners';

export const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Katrin', 'Lukas', 'Marie', 'Noah', 'Olivia', 'Paul', 'Quentin', 'Rosa', 'Simon', 'Tara', 'Ulrich', 'Vera', 'William', 'Yara', 'Zoé'];
export const LAST_NAMES = ['Müller', 'Schmidt', 'Bauer', 'Dubois', 'Martin', 'de Vries', 'Jansen', 'Smith', 'Jones', 'Taylor', 'Brown', 'Garcia', 'Miller', 'Wilson', 'Huber', 'Keller', 'Favre', 'Moreau', 'Bakker', 'Evans', 'Clarke', 'Nguyen', 'Patel', 'Kowalski', 'Rossi'];
export const JOB_TITLES = ['IT Manager', 'Head of Infrastructure', 'CISO', 'Network Engineer', 'CTO', 'IT Director', 'Procurement Lead', 'Cloud Architect', 'Security Analyst', 'VP Operations'];

export const COMPANIES: Record<Country, string[]> = {
  DE: ['Bäckerei Vogel GmbH', 'Stadtwerke Nordhafen', 'Krüger Logistik AG', 'Medizintechnik Lange GmbH', 'Autohaus Berger', 'Weber Maschinenbau GmbH', 'Klinikum Sonnenberg'],
  AT: ['Alpenmilch eGen', 'Wiener Versicherung Mitte', 'Holzbau Gruber GmbH', 'Salzach Energie AG'],
  CH: ['Uhrenmanufaktur Jura SA', 'Bankhaus Limmat AG', 'Pharma Rhein AG', 'Genève Hôtels SA'],
  FR: ['Boulangeries Dupont SA', 'Transports Lefèvre', 'Clinique Saint-Michel', 'Vignobles Rousseau', 'Mairie de Villeneuve'],
  NL: ['Van Dijk Logistiek B.V.', 'Tulpenhandel Visser', 'Zorggroep Oost', 'Havenbedrijf Noord'],
  GB: ['Harbour Foods Ltd', 'Northern Rail Services', 'St Anne’s Hospital Trust', 'Kingsway Insurance plc', 'Oakridge Academy'],
  US: ['Summit Health Systems', 'Redwood Logistics Inc.', 'Liberty Credit Union', 'Prairie Manufacturing Co.', 'Harbor City Schools', 'Evergreen Retail Group'],
};

export const DOMAIN_SUFFIX: Record<Country, string> = { DE: 'de', AT: 'at', CH: 'ch', FR: 'fr', NL: 'nl', GB: 'co.uk', US: 'com' };

export const CONTACT_KINDS = ['call', 'email', 'meeting'];

// Codes from the default DECLINE_REASONS / DISQUALIFY_REASONS / LOST_REASONS / RECYCLE_REASONS configuration.
export const DECLINE_REASONS = [
  { code: 'no_capacity', text: 'Team fully booked this month' },
  { code: 'outside_expertise', text: 'Project needs skills we do not have in-house' },
  { code: 'existing_customer', text: 'Buyer is already served by another partner' },
];

export const DISQUALIFY_REASONS = [
  { code: 'no_budget', text: 'No budget this fiscal year' },
  { code: 'student_or_competitor', text: 'Student research project' },
  { code: 'not_reachable', text: 'Five attempts, no answer' },
  { code: 'no_need', text: 'Only wanted the whitepaper' },
  { code: 'duplicate', text: 'Same project already registered by their IT provider' },
];

export const RECYCLE_REASONS = [
  { code: 'early_research', text: 'Still comparing options, decision next year' },
  { code: 'no_project_yet', text: 'Interested, but no project approved yet' },
  { code: 'budget_next_period', text: 'Budget opens in the next quarter' },
];

export const LOSS_REASONS = [
  { code: 'price', text: 'Went with a cheaper offer' },
  { code: 'competitor', text: 'Chose a competing vendor' },
  { code: 'no_decision', text: 'Project postponed indefinitely' },
  { code: 'timing', text: 'Budget moved to next year' },
  { code: 'product_fit', text: 'Needed features we do not offer' },
];
