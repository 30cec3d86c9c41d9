// Small builders for test data: each returns the saved row; pass overrides for what the test cares about.
import { DataSource } from 'typeorm';
import { ApiTokensService } from '@leadgate/auth';
import { Campaign, CampaignsRepository, LeadType, LeadTypesRepository } from '@leadgate/catalog';
import { Role } from '@leadgate/common';
import { Partner, PartnersRepository } from '@leadgate/partners';
import { TestApp } from './test-app';

let counter = 0;
const next = () => ++counter;

/** Inserts one row, camelCase fields to snake_case columns (objects as JSON), and returns its id. */
async function insertRow(ds: DataSource, table: string, fields: Record<string, unknown>): Promise<string> {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  const columns = entries.map(([key]) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const values = entries.map(([, value]) => (Array.isArray(value) && value.some((v) => typeof v === 'object') ? JSON.stringify(value) : value));
  const [{ id }] = await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, values);
  return id;
}

export async function makePartner(ds: DataSource, overrides: Partial<Partner> = {}): Promise<Partner> {
  const id = await insertRow(ds, 'partners', {
    name: `Partner ${next()}`,
    tier: 'gold',
    territories: ['DE'],
    specialties: ['networking'],
    capacity: 100,
    weight: 1,
    timezone: 'Europe/Berlin',
    businessHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    active: true,
    standing: 'good',
    ...overrides,
  });
  return (await new PartnersRepository(ds).findOne({ id }))!;
}

export async function makeLeadType(ds: DataSource, overrides: Partial<LeadType> = {}): Promise<LeadType> {
  const n = next();
  const id = await insertRow(ds, 'lead_types', {
    key: `type-${n}`,
    name: `Lead type ${n}`,
    definition: 'A buyer asked for something',
    allowedTiers: ['platinum', 'gold', 'silver', 'registered'],
    slaAcceptMinutes: 240,
    slaContactMinutes: 480,
    slaFeedbackMinutes: 4800,
    slaUpdateCadenceMinutes: null,
    businessTime: true,
    active: true,
    ...overrides,
  });
  return (await new LeadTypesRepository(ds).findById(id))!;
}

export async function makeCampaign(ds: DataSource, overrides: Partial<Campaign> = {}): Promise<Campaign> {
  const n = next();
  const id = await insertRow(ds, 'campaigns', { key: `campaign-${n}`, name: `Campaign ${n}`, channel: 'webinar', costMinor: 100_000, currency: 'EUR', ...overrides });
  return (await new CampaignsRepository(ds).findById(id))!;
}

/** An API token secret for the role, ready for `Authorization: Bearer <secret>`. */
export async function makeToken(t: TestApp, role: Role, partnerId: string | null = null): Promise<string> {
  const { secret } = await t.app.get(ApiTokensService).create({ name: `${role} token ${next()}`, role, partnerId, createdBy: 'test' });
  return secret;
}

/** A lead row straight in the database (status new unless told), for tests that start after intake. */
export async function makeLead(
  ds: DataSource,
  leadTypeId: string,
  overrides: Partial<{ status: string; country: string; postalCode: string | null; productInterest: string | null; email: string; company: string; createdAt: Date; campaignId: string | null }> = {},
): Promise<string> {
  const n = next();
  const email = overrides.email ?? `buyer${n}@example.com`;
  const [{ id }] = await ds.query(
    `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, postal_code, product_interest, created_at)
     VALUES ($1, $2, $3, $4, lower($4), $5, $6, $7, $8, COALESCE($9, now())) RETURNING id`,
    [leadTypeId, overrides.campaignId ?? null, overrides.status ?? 'new', email, overrides.company ?? `Buyer ${n} GmbH`, overrides.country ?? 'DE', overrides.postalCode ?? '80331', overrides.productInterest ?? null, overrides.createdAt ?? null],
  );
  return id;
}
