import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead type an approved deal registration's lead gets, there from the start so an admin can see and
 * tune its SLAs before the first approval. Found by its key, which never changes (an admin may rename or
 * deactivate it; approvals keep using it). No accept clock runs for it (1764200000000), so its
 * sla_accept_minutes is never used; contact within 2 business days, feedback within 10.
 * The same fields as REGISTERED_DEAL_TYPE in libs/deals, which recreates the row if it is ever missing.
 */
export class RegisteredDealLeadType1764200001000 implements MigrationInterface {
  name = 'RegisteredDealLeadType1764200001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO lead_types (key, name, definition, sla_accept_minutes, sla_contact_minutes, sla_feedback_minutes, business_time)
       VALUES ($1, $2, $3, 1, 960, 4800, true)
       ON CONFLICT (key) DO NOTHING`,
      [
        'registered-deal',
        'Registered deal',
        'A buyer a partner found itself and registered; approved by a channel manager. No offer to accept: the partner holds it at once.',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Only while no lead uses it: a type approvals already used stays (as it would have without this migration).
    await q.query(`DELETE FROM lead_types t WHERE t.key = 'registered-deal' AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.lead_type_id = t.id)`);
  }
}
