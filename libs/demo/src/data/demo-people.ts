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

export const DECLINE_REASONS = [
  { code: 'no_capacity', text: 'Team fully booked this month' },
  { code: 'outside_expertise', text: 'Project needs skills we do not have in-house' },
  { code: 'customer_conflict', text: 'Buyer is an existing customer of another partner' },
];

export const DISQUALIFY_REASONS = [
  { code: 'no_budget', text: 'No budget this fiscal year' },
  { code: 'student_or_research', text: 'Student research project' },
  { code: 'competitor', text: 'Works for a competitor' },
  { code: 'unreachable', text: 'Five attempts, no answer' },
  { code: 'no_project', text: 'Only wanted the whitepaper' },
];

export const LOSS_REASONS = [
  { code: 'price', text: 'Went with a cheaper offer' },
  { code: 'competitor_won', text: 'Chose a competing vendor' },
  { code: 'no_decision', text: 'Project postponed indefinitely' },
  { code: 'timing', text: 'Budget moved to next year' },
];
