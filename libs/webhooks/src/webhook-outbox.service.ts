// The webhook outbox's writer: events derived from the timeline (and standing changes), in the caller's transaction.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@leadgate/common';
import { TimelineEntry, TimelineOutbox } from '@leadgate/lifecycle';
import { DealChange, dealChangedEvent, EventDraft, eventsOfTimeline, standingChangedEvent } from './policy';
import { WebhookOutboxRepository } from './webhook-outbox.repository';

/**
 * Every lead change writes its timeline rows in its own transaction (TimelineRepository), and the timeline hands
 * each row here before that transaction ends: the events are derived from the one record of what happened, and
 * an event exists exactly when its change committed.
 */
@Injectable()
export class WebhookOutbox extends TimelineOutbox {
  constructor(
    private readonly clock: Clock,
    private readonly repository: WebhookOutboxRepository,
  ) {
    super();
  }

  recorded(tx: EntityManager, entries: readonly TimelineEntry[]): Promise<void> {
    return this.add(tx, eventsOfTimeline(entries));
  }

  /** A partner's standing moved (compliance calls this where it records the change). */
  standingChanged(tx: EntityManager, change: { partnerId: string; from: string; to: string; at: Date }): Promise<void> {
    const event = standingChangedEvent(change);
    return this.add(tx, event ? [event] : []);
  }

  /** A deal registration was submitted, decided, extended, or its window is ending or ended (libs/deals calls this). */
  dealChanged(tx: EntityManager, changes: DealChange[]): Promise<void> {
    return this.add(tx, changes.map(dealChangedEvent));
  }

  private add(tx: EntityManager, drafts: EventDraft[]): Promise<void> {
    return this.repository.insertEvents(tx, drafts.map((draft) => ({ ...draft, id: randomUUID() })), this.clock.now());
  }
}
