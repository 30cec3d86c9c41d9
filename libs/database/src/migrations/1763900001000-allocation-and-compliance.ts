import { MigrationInterface, QueryRunner } from 'typeorm';

/** Allocation decisions, assignments with their SLA due times, breaches, standing history and overrides. */
export class AllocationAndCompliance1763900001000 implements MigrationInterface {
  name = 'AllocationAndCompliance1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        decided_at timestamptz NOT NULL,
        mode text NOT NULL CHECK (mode IN ('automatic', 'manual')),
        policy_version text NOT NULL,
        winner_partner_id uuid REFERENCES partners (id),
        actor text NOT NULL,
        reason text,
        candidates jsonb NOT NULL DEFAULT '[]'
      )`);
    await q.query(`CREATE INDEX allocation_decisions_lead_idx ON allocation_decisions (lead_id, decided_at)`);

    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partners (id),
        decision_id uuid REFERENCES allocation_decisions (id),
        status text NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'recalled', 'reassigned', 'closed')),
        offered_at timestamptz NOT NULL,
        accept_due_at timestamptz NOT NULL,
        contact_due_at timestamptz NOT NULL,
        feedback_due_at timestamptz NOT NULL,
        accepted_at timestamptz,
        first_contact_at timestamptz,
        feedback_at timestamptz,
        ended_at timestamptz,
        end_reason_code text,
        end_reason_text text,
        CONSTRAINT assignments_due_order CHECK (accept_due_at >= offered_at AND contact_due_at >= offered_at AND feedback_due_at >= offered_at)
      )`);
    // The guarantee behind "a lead is never offered to two partners at once".
    await q.query(`CREATE UNIQUE INDEX assignments_one_open_per_lead ON assignments (lead_id) WHERE status IN ('offered', 'accepted')`);
    await q.query(`CREATE INDEX assignments_lead_idx ON assignments (lead_id, offered_at)`);
    await q.query(`CREATE INDEX assignments_partner_status_idx ON assignments (partner_id, status, offered_at)`);
    // Sweep indexes: only the open clocks are indexed, so a sweep reads just the overdue rows.
    await q.query(`CREATE INDEX assignments_accept_due_idx ON assignments (accept_due_at) WHERE status = 'offered'`);
    await q.query(`CREATE INDEX assignments_contact_due_idx ON assignments (contact_due_at) WHERE status = 'accepted' AND first_contact_at IS NULL`);
    await q.query(`CREATE INDEX assignments_feedback_due_idx ON assignments (feedback_due_at) WHERE status = 'accepted' AND feedback_at IS NULL`);

    await q.query(`
      CREATE TABLE breaches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partners (id),
        kind text NOT NULL CHECK (kind IN ('accept', 'contact', 'feedback')),
        due_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL,
        cured_at timestamptz,
        CONSTRAINT breaches_once_per_clock UNIQUE (assignment_id, kind)
      )`);
    await q.query(`CREATE INDEX breaches_partner_open_idx ON breaches (partner_id, due_at) WHERE cured_at IS NULL`);
    await q.query(`CREATE INDEX breaches_partner_detected_idx ON breaches (partner_id, detected_at)`);

    await q.query(`
      CREATE TABLE standing_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        from_standing text NOT NULL CHECK (from_standing IN ('good', 'warning', 'suspended')),
        to_standing text NOT NULL CHECK (to_standing IN ('good', 'warning', 'suspended')),
        score numeric(5, 4),
        source text NOT NULL CHECK (source IN ('policy', 'override', 'override_ended')),
        reason text NOT NULL,
        actor text NOT NULL
      )`);
    await q.query(`CREATE INDEX standing_changes_partner_idx ON standing_changes (partner_id, at DESC)`);

    await q.query(`
      CREATE TABLE standing_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
        standing text NOT NULL CHECK (standing IN ('good', 'warning', 'suspended')),
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CONSTRAINT standing_overrides_period CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX standing_overrides_active_idx ON standing_overrides (partner_id, ends_at) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE standing_overrides, standing_changes, breaches, assignments, allocation_decisions`);
  }
}
