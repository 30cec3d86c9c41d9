// The daily digest email to channel managers (their partners) and admins (every partner).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService, OutboundMessage, TemplateData } from '@leadgate/notifications';
import { ChannelDigestRepository } from './channel-digest.repository';

const DAY_MS = 24 * 3_600_000;
// An email lists this many breaches and gives the total; the portal has the rest.
const BREACHES_LISTED = 50;

@Injectable()
export class ChannelDigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ChannelDigestRepository,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Queues one digest per active channel manager and admin, keyed by UTC date: a second run the same
   * day queues nothing. Four reads for everyone together, split per reader in memory, then one insert.
   */
  async sendDaily(): Promise<{ recipients: number; queued: number }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DAY_MS);
    const day = DateTime.fromJSDate(now, { zone: 'utc' }).toISODate();
    return inTransaction(this.dataSource, async (tx) => {
      const readers = await this.repository.readers(tx);
      if (readers.length === 0) return { recipients: 0, queued: 0 };
      const breaches = await this.repository.breachesDetected(tx, since, now);
      const atRisk = await this.repository.partnersAtRisk(tx);
      const attentionHours = this.config.env.UNALLOCATED_ATTENTION_HOURS;
      const unallocated = await this.repository.unallocatedLeads(tx, new Date(now.getTime() - attentionHours * 3_600_000));
      const messages: OutboundMessage<'channel-digest'>[] = readers.map((reader) => {
        const forAdmin = reader.role === 'admin';
        const mine = <T extends { channelManagerId: string | null }>(rows: T[]) =>
          forAdmin ? rows : rows.filter((row) => row.channelManagerId === reader.id);
        const ownBreaches = mine(breaches);
        const data: TemplateData['channel-digest'] = {
          forAdmin,
          since,
          breachCount: ownBreaches.length,
          breaches: ownBreaches.slice(0, BREACHES_LISTED).map((b) => ({
            partnerName: b.partnerName,
            leadId: b.leadId,
            company: b.company,
            kind: b.kind,
            dueAt: b.dueAt,
          })),
          partnersAtRisk: mine(atRisk).map((p) => ({ partnerId: p.partnerId, partnerName: p.partnerName, standing: p.standing, reason: p.reason })),
          unallocated: unallocated.total,
          waitingLong: unallocated.waitingLong,
          attentionHours,
        };
        return {
          template: 'channel-digest' as const,
          dedupeKey: `digest:${reader.id}:${day}`,
          to: { address: reader.email, userId: reader.id, name: reader.displayName, audience: 'channel_manager' as const, timeZone: reader.timeZone },
          data,
        };
      });
      return { recipients: readers.length, queued: await this.notifications.enqueue(tx, messages) };
    });
  }
}
