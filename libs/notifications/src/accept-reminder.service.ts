// Reminds partners of offers still waiting part-way through their accept window: set-based, once per offer.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from './notifications.service';

const BATCH_SIZE = 1_000;

/*
 * The reminder point is that share of the time between offer and accept deadline, in wall-clock
 * time (for business-time SLAs a close enough "about half way"). Marking accept_reminded_at and
 * queueing the emails happen in one transaction, and SKIP LOCKED keeps this off rows a partner is
 * accepting right now: two runs never remind the same offer twice.
 */
const REMIND_BATCH_SQL = `
  WITH due AS (
    SELECT a.id
      FROM assignments a
     WHERE a.status = 'offered' AND a.accept_reminded_at IS NULL AND a.accept_due_at > $1
       AND a.offered_at + (a.accept_due_at - a.offered_at) * $2::float8 <= $1
     ORDER BY a.accept_due_at
     LIMIT $3
       FOR UPDATE OF a SKIP LOCKED
  ), marked AS (
    UPDATE assignments a SET accept_reminded_at = $1 FROM due WHERE a.id = due.id RETURNING a.id
  )
  SELECT id FROM marked`;

@Injectable()
export class AcceptReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async remindDue(): Promise<{ reminded: number }> {
    const share = this.config.env.ACCEPT_REMINDER_AT;
    if (share === 0) return { reminded: 0 };
    const now = this.clock.now();
    let reminded = 0;
    for (;;) {
      const ids = await inTransaction(this.dataSource, async (m) => {
        const rows: { id: string }[] = await m.query(REMIND_BATCH_SQL, [now, share, BATCH_SIZE]);
        await this.notifications.acceptReminders(m, rows.map((row) => row.id));
        return rows;
      });
      reminded += ids.length;
      if (ids.length < BATCH_SIZE) return { reminded };
    }
  }
}
