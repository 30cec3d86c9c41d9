import { MigrationInterface, QueryRunner } from 'typeorm';

/** The core data model: partners, users, lead types, campaigns, leads and their timeline, API tokens. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'channel_manager', 'partner_admin', 'partner_rep')),
        partner_id uuid,
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email),
        CONSTRAINT users_partner_matches_role CHECK ((role IN ('partner_admin', 'partner_rep')) = (partner_id IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE partners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        tier text NOT NULL CHECK (tier IN ('platinum', 'gold', 'silver', 'registered')),
        territories text[] NOT NULL DEFAULT '{}',
        specialties text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL CHECK (capacity >= 0),
        weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 1000),
        timezone text NOT NULL DEFAULT 'UTC',
        business_hours jsonb NOT NULL DEFAULT '[{"day":1,"start":"09:00","end":"17:00"},{"day":2,"start":"09:00","end":"17:00"},{"day":3,"start":"09:00","end":"17:00"},{"day":4,"start":"09:00","end":"17:00"},{"day":5,"start":"09:00","end":"17:00"}]',
        holidays date[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        standing text NOT NULL DEFAULT 'good' CHECK (standing IN ('good', 'warning', 'suspended')),
        compliance_score numeric(5, 4) CHECK (compliance_score BETWEEN 0 AND 1),
        standing_changed_at timestamptz,
        open_leads integer NOT NULL DEFAULT 0 CHECK (open_leads >= 0),
        channel_manager_id uuid REFERENCES users (id) ON DELETE SET NULL,
        contact_email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partners_name_unique UNIQUE (name)
      )`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_partner_fk FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX users_partner_idx ON users (partner_id) WHERE partner_id IS NOT NULL`);
    await q.query(`CREATE INDEX partners_active_standing_idx ON partners (active, standing)`);
    await q.query(`CREATE INDEX partners_channel_manager_idx ON partners (channel_manager_id) WHERE channel_manager_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE lead_types (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL,
        definition text NOT NULL DEFAULT '',
        allowed_tiers text[] NOT NULL DEFAULT '{platinum,gold,silver,registered}'
          CHECK (allowed_tiers <@ ARRAY['platinum', 'gold', 'silver', 'registered']::text[]),
        sla_accept_minutes integer NOT NULL CHECK (sla_accept_minutes > 0),
        sla_contact_minutes integer NOT NULL CHECK (sla_contact_minutes > 0),
        sla_feedback_minutes integer NOT NULL CHECK (sla_feedback_minutes > 0),
        sla_update_cadence_minutes integer CHECK (sla_update_cadence_minutes > 0),
        business_time boolean NOT NULL DEFAULT true,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lead_types_key_unique UNIQUE (key)
      )`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]*$'),
        name text NOT NULL,
        channel text NOT NULL DEFAULT 'other',
        cost_minor bigint NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
        currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
        starts_on date,
        ends_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_key_unique UNIQUE (key),
        CONSTRAINT campaigns_dates_ordered CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);

    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lead_type_id uuid NOT NULL REFERENCES lead_types (id),
        campaign_id uuid REFERENCES campaigns (id),
        status text NOT NULL DEFAULT 'new' CHECK (status IN
          ('new', 'offered', 'accepted', 'contacted', 'qualified', 'opportunity', 'won', 'lost',
           'declined', 'recalled', 'disqualified', 'unallocated')),
        external_id text,
        idempotency_key text,
        email text NOT NULL,
        email_normalized text NOT NULL CHECK (email_normalized = lower(email)),
        first_name text,
        last_name text,
        phone text,
        job_title text,
        company text NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        postal_code text,
        product_interest text,
        score integer CHECK (score BETWEEN 0 AND 100),
        notes text,
        current_partner_id uuid REFERENCES partners (id),
        opportunity_amount_minor bigint CHECK (opportunity_amount_minor >= 0),
        won_amount_minor bigint CHECK (won_amount_minor >= 0),
        currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
        outcome_reason_code text,
        outcome_reason_text text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX leads_idempotency_key_unique ON leads (idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX leads_status_created_idx ON leads (status, created_at)`);
    await q.query(`CREATE INDEX leads_partner_status_idx ON leads (current_partner_id, status) WHERE current_partner_id IS NOT NULL`);
    await q.query(`CREATE INDEX leads_created_idx ON leads (created_at)`);
    await q.query(`CREATE INDEX leads_campaign_idx ON leads (campaign_id, created_at) WHERE campaign_id IS NOT NULL`);
    await q.query(`CREATE INDEX leads_duplicate_lookup_idx ON leads (email_normalized, lead_type_id, created_at)`);
    await q.query(`CREATE INDEX leads_external_id_idx ON leads (external_id) WHERE external_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE lead_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        partner_id uuid REFERENCES partners (id),
        actor text NOT NULL,
        summary text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX lead_events_lead_idx ON lead_events (lead_id, at, id)`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('intake', 'admin', 'channel_manager', 'partner_admin', 'partner_rep')),
        partner_id uuid REFERENCES partners (id),
        token_prefix text NOT NULL,
        token_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash),
        CONSTRAINT api_tokens_partner_matches_role CHECK ((role IN ('partner_admin', 'partner_rep')) = (partner_id IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens, lead_events, leads, campaigns, lead_types`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_partner_fk`);
    await q.query(`DROP TABLE partners, users`);
  }
}
