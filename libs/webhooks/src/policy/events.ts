// PURE: the webhook event types, and the one table that derives them from the lead timeline. No I/O.
import type { TimelineEntry, TimelineKind } from '@leadgate/lifecycle';

export const WEBHOOK_EVENT_TYPES = [
  'lead.offered',
  'lead.accepted',
  'lead.declined',
  'lead.recalled',
  'lead.reassigned',
  'lead.owner_changed',
  'lead.contacted',
  'lead.status_changed',
  'sla.breached',
  'partner.standing_changed',
  'deal.submitted',
  'deal.approved',
  'deal.rejected',
  'deal.expiring',
  'deal.expired',
  'deal.extended',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event before it is stored: the partner it concerns decides which partner endpoints receive it. */
export interface EventDraft {
  type: WebhookEventType;
  occurredAt: Date;
  leadId: string | null;
  partnerId: string | null;
  /** Minimal and safe for that partner's own endpoint: ids, codes, dates and amounts; never free text or another partner. */
  data: Record<string, unknown>;
}

type Entry = Pick<TimelineEntry, 'leadId' | 'partnerId' | 'at' | 'data'>;
type Data = Record<string, unknown>;
const pick = (data: Data | undefined, keys: string[]): Data => Object.fromEntries(keys.map((key) => [key, data?.[key] ?? null]));

/**
 * Every timeline kind, mapped to its event (type and data) or to none. A Record, so a new timeline kind
 * does not compile until someone decides whether integrators hear of it.
 */
const FROM_TIMELINE: Record<TimelineKind, ((entry: Entry) => Pick<EventDraft, 'type' | 'data'> | null) | null> = {
  created: null,
  unallocated: null,
  offered: (e) => ({ type: 'lead.offered', data: pick(e.data, ['assignmentId', 'acceptDueAt', 'contactDueAt', 'feedbackDueAt']) }),
  accepted: (e) => ({ type: 'lead.accepted', data: pick(e.data, ['assignmentId']) }),
  declined: (e) => ({ type: 'lead.declined', data: pick(e.data, ['assignmentId', 'reasonCode']) }),
  recalled: (e) => ({ type: 'lead.recalled', data: pick(e.data, ['assignmentId', 'reasonCode']) }),
  reassigned: (e) => ({ type: 'lead.reassigned', data: pick(e.data, ['assignmentId']) }),
  // Who inside the partner owns the lead: ids only (the owner is one of the partner's own users).
  owner_changed: (e) => ({ type: 'lead.owner_changed', data: { ...pick(e.data, ['ownerId', 'previousOwnerId']), routed: e.data?.routed === true } }),
  // A note is the partner's own, not contact with the buyer.
  activity: (e) =>
    e.data?.type === 'note' ? null : { type: 'lead.contacted', data: { ...pick(e.data, ['assignmentId', 'occurredAt', 'firstContact']), activityType: e.data?.type ?? null } },
  feedback: (e) => ({
    type: 'lead.status_changed',
    data: { ...pick(e.data, ['assignmentId', 'reasonCode', 'amountMinor', 'currency']), status: e.data?.verdict ?? null },
  }),
  breach: (e) => ({ type: 'sla.breached', data: { ...pick(e.data, ['assignmentId', 'dueAt']), clock: e.data?.breach ?? null } }),
};

/** The events a batch of timeline entries stands for, in the same order. */
export function eventsOfTimeline(entries: readonly (Entry & { kind: string })[]): EventDraft[] {
  return entries.flatMap((entry) => {
    const derive = FROM_TIMELINE[entry.kind as TimelineKind];
    const event = derive ? derive(entry) : null;
    if (!event) return [];
    const partnerId = entry.partnerId ?? null;
    return [{ type: event.type, occurredAt: entry.at, leadId: entry.leadId, partnerId, data: { leadId: entry.leadId, partnerId, ...event.data } }];
  });
}

/** A partner's standing moved; an override ending on the same standing is no change. */
export function standingChangedEvent(change: { partnerId: string; from: string; to: string; at: Date }): EventDraft | null {
  if (change.from === change.to) return null;
  return { type: 'partner.standing_changed', occurredAt: change.at, leadId: null, partnerId: change.partnerId, data: { partnerId: change.partnerId, from: change.from, to: change.to } };
}

/** What a deal registration change tells integrators: ids, codes and dates, never the buyer's details or notes. */
export interface DealChange {
  event: 'submitted' | 'approved' | 'rejected' | 'expiring' | 'expired' | 'extended';
  dealId: string;
  partnerId: string;
  leadId: string | null;
  protectedUntil: Date | null;
  reasonCode: string | null;
  at: Date;
}

export function dealChangedEvent(change: DealChange): EventDraft {
  return {
    type: `deal.${change.event}`,
    occurredAt: change.at,
    leadId: change.leadId,
    partnerId: change.partnerId,
    data: { dealId: change.dealId, partnerId: change.partnerId, leadId: change.leadId, protectedUntil: change.protectedUntil, reasonCode: change.reasonCode },
  };
}
