// Reminds partners of offers still waiting part-way through their accept window: set-based, once per offer.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { AssignmentsRepository } from '@leadgate/lifecycle';
import { NotificationsService } from './notifications.service';

const BATCH_SIZE = 1_000;

@Injectable()
export class AcceptReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly assignments: AssignmentsRepository,
  ) {}

  /** Marking the offers reminded and queueing the emails happen in one transaction. */
  async remindDue(): Promise<{ reminded: number }> {
    const share = this.config.env.ACCEPT_REMINDER_AT;
    if (share === 0) return { reminded: 0 };
    const now = this.clock.now();
    let reminded = 0;
    for (;;) {
      const ids = await inTransaction(this.dataSource, async (m) => {
        const ids = await this.assignments.markAcceptRemindersDue(m, now, share, BATCH_SIZE);
        await this.notifications.acceptReminders(m, ids);
        return ids;
      });
      reminded += ids.length;
      if (ids.length < BATCH_SIZE) return { reminded };
    }
  }
}
