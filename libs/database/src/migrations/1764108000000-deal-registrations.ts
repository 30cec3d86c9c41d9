import { MigrationInterface, QueryRunner } from 'typeorm';

/** The legal-form words a company key drops from the end of a name; the pure twin is libs/deals/src/policy/company-key.ts. */
const LEGAL_SUFFIXES = 'gmbh|mbh|ag|kg|kgaa|ohg|ug|ev|co|cie|company|ltd|limited|inc|incorporated|corp|corporation|llc|llp|lp|plc|sa|sas|sarl|srl|spa|sl|bv|nv|oy|oyj|ab|as|asa|aps|pty|kk|se|sro|zoo|sp';

/**
 * Deal registration: a buyer a partner brings itself, checked for conflicts, approved by a channel
 * manager and protected for a window. deal_company_key() is THE company matching rule in SQL (the same
 * buyer whatever its legal suffix, case or punctuation); a property test holds it equal to the pure
 * companyKey(). Expression indexes on leads let the conflict check and the allocation's protection
 * lookup read matching leads by email domain and by company key at any number of leads.
 */
export class DealRegistrations1764108000000 implements MigrationInterface {
  name = 'DealRegistrations1764108000000';

  async up(q: QueryRunner): Promise<void> {
    // ASCII-only lower-casing (translate), so the result never depends on the database's locale.
    await q.query(`
      CREATE FUNCTION deal_company_key(company text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT replace(regexp_replace(btrim(regexp_replace(regexp_replace(
                   translate(company, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
                   '[.'']', '', 'g'), '[^a-z0-9]+', ' ', 'g')), '( (${LEGAL_SUFFIXES}))+$', ''), ' ', '') $$`);
    await q.query(`
      CREATE TABLE deal_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id),
        submitted_by text NOT NULL,
        status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'expired')),
        company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
        company_key text NOT NULL,
        contact_name text,
        email text,
        email_normalized text CHECK (email_normalized = lower(email)),
        email_domain text,
        phone text,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        postal_code text,
        product_interest text,
        amount_minor bigint CHECK (amount_minor >= 0),
        currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
        expected_close_on date,
        notes text,
        conflicts jsonb NOT NULL DEFAULT '[]',
        submitted_at timestamptz NOT NULL,
        decided_at timestamptz,
        decided_by text,
        reason_code text,
        reason_text text,
        lead_id uuid REFERENCES leads (id),
        protected_until timestamptz,
        reminded_at timestamptz,
        extension_requested_at timestamptz,
        extension_note text,
        extended_count integer NOT NULL DEFAULT 0,
        ended_at timestamptz,
        CONSTRAINT deal_registrations_amount_currency CHECK (amount_minor IS NULL OR currency IS NOT NULL),
        CONSTRAINT deal_registrations_approved_protected CHECK (status <> 'approved' OR (protected_until IS NOT NULL AND lead_id IS NOT NULL))
      )`);
    // The conflict check and the protection lookup read live registrations only.
    await q.query(`CREATE INDEX deal_registrations_email_idx ON deal_registrations (email_normalized) WHERE status IN ('submitted', 'approved')`);
    await q.query(`CREATE INDEX deal_registrations_domain_idx ON deal_registrations (email_domain) WHERE status IN ('submitted', 'approved')`);
    await q.query(`CREATE INDEX deal_registrations_company_idx ON deal_registrations (company_key, country) WHERE status IN ('submitted', 'approved')`);
    await q.query(`CREATE INDEX deal_registrations_partner_idx ON deal_registrations (partner_id, submitted_at)`);
    await q.query(`CREATE INDEX deal_registrations_queue_idx ON deal_registrations (submitted_at) WHERE status = 'submitted'`);
    await q.query(`CREATE INDEX deal_registrations_window_idx ON deal_registrations (protected_until) WHERE status = 'approved'`);
    await q.query(`CREATE INDEX leads_email_domain_idx ON leads ((split_part(email_normalized, '@', 2)))`);
    await q.query(`CREATE INDEX leads_company_key_idx ON leads (deal_company_key(company), country)`);
    // Where a lead came from: marketing's intake, or a partner's approved deal registration.
    await q.query(`ALTER TABLE leads ADD COLUMN source text NOT NULL DEFAULT 'marketing' CHECK (source IN ('marketing', 'registered_deal'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP COLUMN source`);
    await q.query(`DROP INDEX leads_company_key_idx`);
    await q.query(`DROP INDEX leads_email_domain_idx`);
    await q.query(`DROP TABLE deal_registrations`);
    await q.query(`DROP FUNCTION deal_company_key(text)`);
  }
}
