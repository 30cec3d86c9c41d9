import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Row deletes on the `session` table; connect-pg-simple reads and writes the rows themselves. */
@Injectable()
export class SessionsRepository {
  /** Ends every session of the user except `keepSessionId`, if given. */
  async deleteForUser(tx: EntityManager, userId: string, keepSessionId: string | null = null): Promise<void> {
    await tx.query(`DELETE FROM session WHERE sess->>'userId' = $1 AND ($2::varchar IS NULL OR sid <> $2)`, [userId, keepSessionId]);
  }

  /** Ends every session of every user of the partner. */
  async deleteForPartner(tx: EntityManager, partnerId: string): Promise<void> {
    await tx.query(`DELETE FROM session WHERE sess->>'userId' IN (SELECT id::text FROM users WHERE partner_id = $1)`, [partnerId]);
  }
}
