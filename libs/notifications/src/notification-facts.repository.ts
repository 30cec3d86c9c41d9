import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AssignmentFacts } from './notifications.service';

type Tx = EntityManager;

/** What emails say about partners and assignments, read in the caller's transaction. */
@Injectable()
export class NotificationFactsRepository {
  async partnerName(tx: Tx, partnerId: string): Promise<string | null> {
    const [partner]: { name: string }[] = await tx.query(`SELECT name FROM partners WHERE id = $1`, [partnerId]);
    return partner?.name ?? null;
  }

  async assignmentFacts(tx: Tx, assignmentIds: string[]): Promise<AssignmentFacts[]> {
    return tx.query(
      `SELECT a.id AS assignment_id, a.partner_id, p.name AS partner_name, l.id AS lead_id, l.company, l.country,
              t.name AS lead_type_name, a.accept_due_at, a.contact_due_at, a.feedback_due_at
         FROM assignments a
         JOIN partners p ON p.id = a.partner_id
         JOIN leads l ON l.id = a.lead_id
         JOIN lead_types t ON t.id = l.lead_type_id
        WHERE a.id = ANY($1::uuid[])`,
      [assignmentIds],
    );
  }

  async leadCompanies(tx: Tx, leadIds: string[]): Promise<{ id: string; company: string }[]> {
    return tx.query(`SELECT id, company FROM leads WHERE id = ANY($1::uuid[]) ORDER BY company, id`, [leadIds]);
  }
}
