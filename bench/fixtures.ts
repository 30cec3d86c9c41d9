// Set-based fixtures: thousands of partners and millions of rows in a few statements.
import { Client } from 'pg';

export const COUNTRIES = ['DE', 'AT', 'CH', 'FR', 'NL', 'BE', 'GB', 'IE', 'ES', 'IT', 'PT', 'PL', 'CZ', 'DK', 'SE', 'NO', 'FI', 'US', 'CA', 'AU', 'NZ', 'JP', 'SG', 'BR', 'MX'];

/** Partners spread over 25 countries × 9 postal regions (about 22 per region), mixed tiers and standings. */
export async function insertPartners(db: Client, count: number): Promise<void> {
  await db.query(
    `INSERT INTO partners (name, tier, territories, specialties, capacity, weight, timezone, standing)
     SELECT 'Partner ' || i,
            (ARRAY['platinum', 'gold', 'silver', 'registered'])[1 + i % 4],
            ARRAY[(($1::text[])[1 + i % 25]) || '-' || (1 + (i / 25) % 9)],
            ARRAY['networking', 'security', 'cloud'],
            1000000, 1 + i % 5, 'Europe/Berlin',
            CASE WHEN i % 20 = 0 THEN 'suspended' WHEN i % 10 = 0 THEN 'warning' ELSE 'good' END
       FROM generate_series(1, $2) AS i`,
    [COUNTRIES, count],
  );
}

export async function insertLeadType(db: Client): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO lead_types (key, name, sla_accept_minutes, sla_contact_minutes, sla_feedback_minutes)
     VALUES ('demo-request', 'Demo request', 240, 480, 4800) RETURNING id`,
  );
  return rows[0].id;
}

/** New leads with random countries and postal codes; returns how many. */
export async function insertNewLeads(db: Client, leadTypeId: string, count: number, tag: string): Promise<void> {
  await db.query(
    `INSERT INTO leads (lead_type_id, status, email, email_normalized, company, country, postal_code, product_interest, external_id)
     SELECT $1, 'new', 'b' || i || '@' || $3 || '.example', 'b' || i || '@' || $3 || '.example', 'Buyer ' || i,
            ($2::text[])[1 + (i * 7919) % 25], (1 + (i * 104729) % 9)::text || lpad(((i * 31) % 10000)::text, 4, '0'),
            'security', $3
       FROM generate_series(1, $4) AS i`,
    [leadTypeId, COUNTRIES, tag, count],
  );
}
