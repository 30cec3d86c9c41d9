// Small builders for test data: each returns the saved row; pass overrides for what the test cares about.
import { DataSource } from 'typeorm';
import { ApiTokensService } from '@leadgate/auth';
import { Campaign, LeadType } from '@leadgate/catalog';
import { Role } from '@leadgate/common';
import { Partner } from '@leadgate/partners';
import { TestApp } from './test-app';

let counter = 0;
const next = () => ++counter;

export async function makePartner(ds: DataSource, overrides: Partial<Partner> = {}): Promise<Partner> {
  const repo = ds.getRepository(Partner);
  return repo.save(
    repo.create({
      name: `Partner ${next()}`,
      tier: 'gold',
      territories: ['DE'],
      specialties: ['networking'],
      capacity: 100,
      weight: 1,
      timezone: 'Europe/Berlin',
      businessHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
      holidays: [],
      active: true,
      standing: 'good',
      ...overrides,
    }),
  );
}

export async function makeLeadType(ds: DataSource, overrides: Partial<LeadType> = {}): Promise<LeadType> {
  const repo = ds.getRepository(LeadType);
  const n = next();
  return repo.save(
    repo.create({
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
    }),
  );
}

export async function makeCampaign(ds: DataSource, overrides: Partial<Campaign> = {}): Promise<Campaign> {
  const repo = ds.getRepository(Campaign);
  const n = next();
  return repo.save(repo.create({ key: `campaign-${n}`, name: `Campaign ${n}`, channel: 'webinar', costMinor: 100_000, currency: 'EUR', ...overrides }));
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
  overrides: Partial<{ status: string; country: string; postalCode: string | null; productInterest: string | null; email: string; createdAt: Date; campaignId: string | null }> = {},
): Promise<string> {
  const n = next();
  const email = overrides.email ?? `buyer${n}@example.com`;
  const [{ id }] = await ds.query(
    `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, postal_code, product_interest, created_at)
     VALUES ($1, $2, $3, $4, lower($4), $5, $6, $7, $8, COALESCE($9, now())) RETURNING id`,
    [leadTypeId, overrides.campaignId ?? null, overrides.status ?? 'new', email, `Buyer ${n} GmbH`, overrides.country ?? 'DE', overrides.postalCode ?? '80331', overrides.productInterest ?? null, overrides.createdAt ?? null],
  );
  return id;
}
