// The timeline's one listener: every entry written is handed over in the same transaction.
import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from './timeline.repository';

/**
 * Implemented by the webhook outbox (libs/webhooks), which derives its events from the timeline so the two
 * cannot disagree: an entry rolled back takes its events with it. An abstract class, so Nest can inject it
 * without lifecycle depending on the library that implements it.
 */
export abstract class TimelineOutbox {
  abstract recorded(tx: EntityManager, entries: readonly TimelineEntry[]): Promise<void>;
}
