// PURE: every status change of a lead and of its assignment, as data. No I/O.
import { AssignmentStatus, LeadStatus, OPEN_ASSIGNMENT_STATUSES } from './statuses';

const L = LeadStatus;
const A = AssignmentStatus;

// recycled: "not sales-ready", the lead goes back to marketing for nurturing (not a disqualification).
export const VERDICTS = ['qualified', 'disqualified', 'recycled', 'opportunity', 'won', 'lost'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** A note is logged but is not contact with the buyer, so it does not stop the contact clock. */
export const isContact = (type: ActivityType): boolean => type !== 'note';

/** Verdicts that end the partner's work on the lead. */
export const CLOSING_VERDICTS: readonly Verdict[] = ['won', 'lost', 'disqualified', 'recycled'];

/** What happens to a lead: the system's events, then the partner's. */
export type LifecycleEvent =
  | 'offer' // the policy offers the lead to its winner
  | 'assign' // a channel manager offers it to a partner of their choice
  | 'park' // no partner is eligible: unallocated
  | 'recall' // the offer was not accepted in time
  | 'reassign' // a channel manager takes an offered or accepted lead back, for another partner or allocation
  | 'register' // an approved deal registration: the new lead is the registering partner's, accepted at once (no offer to answer)
  | 'accept'
  | 'decline'
  | 'contact' // an activity that is contact with the buyer
  | 'note' // an activity that is not
  | Verdict;

export type CapacityEffect = 'claim' | 'release' | null;

export interface Transition {
  /** The allowed lead statuses, each mapped to the lead's status afterwards; listed in the order refusals name them. */
  readonly moves: Readonly<Partial<Record<LeadStatus, LeadStatus>>>;
  /** The assignment's change: a new one (from null) or the open one moving on; null when it keeps its status. */
  readonly assignment: { readonly from: readonly AssignmentStatus[] | null; readonly to: AssignmentStatus } | null;
  /** A new open assignment claims a slot of the partner's capacity; ending an open one releases it. */
  readonly capacity: CapacityEffect;
}

const WORKING = [L.Accepted, L.Contacted, L.Qualified, L.Opportunity] as const;
const stay = (statuses: readonly LeadStatus[]): Partial<Record<LeadStatus, LeadStatus>> =>
  Object.fromEntries(statuses.map((status) => [status, status]));
const to = (statuses: readonly LeadStatus[], next: LeadStatus): Partial<Record<LeadStatus, LeadStatus>> =>
  Object.fromEntries(statuses.map((status) => [status, next]));

const OPEN = OPEN_ASSIGNMENT_STATUSES;
const close = { from: [A.Accepted], to: A.Closed } as const;

/** The one table of status changes. */
export const TRANSITIONS: Readonly<Record<LifecycleEvent, Transition>> = {
  // A waiting (unallocated) lead is offered again when a partner becomes free to take it.
  offer: { moves: to([L.New, L.Declined, L.Recalled, L.Unallocated], L.Offered), assignment: { from: null, to: A.Offered }, capacity: 'claim' },
  assign: { moves: to([L.New, L.Declined, L.Recalled, L.Unallocated], L.Offered), assignment: { from: null, to: A.Offered }, capacity: 'claim' },
  park: { moves: to([L.New, L.Declined, L.Recalled, L.Unallocated], L.Unallocated), assignment: null, capacity: null },
  recall: { moves: to([L.Offered], L.Recalled), assignment: { from: [A.Offered], to: A.Recalled }, capacity: 'release' },
  // A channel manager takes the lead back from its holder: it returns to allocation (as a recall does), and the manual
  // offer or the allocation that follows in the same transaction moves it on.
  reassign: { moves: to([L.Offered, L.Accepted], L.Recalled), assignment: { from: OPEN, to: A.Reassigned }, capacity: 'release' },
  register: { moves: to([L.New], L.Accepted), assignment: { from: null, to: A.Accepted }, capacity: 'claim' },
  accept: { moves: to([L.Offered], L.Accepted), assignment: { from: [A.Offered], to: A.Accepted }, capacity: null },
  decline: { moves: to([L.Offered, L.Accepted], L.Declined), assignment: { from: OPEN, to: A.Declined }, capacity: 'release' },
  contact: { moves: { ...to([L.Accepted], L.Contacted), ...stay([L.Contacted, L.Qualified, L.Opportunity]) }, assignment: null, capacity: null },
  note: { moves: stay(WORKING), assignment: null, capacity: null },
  qualified: { moves: to([L.Contacted], L.Qualified), assignment: null, capacity: null },
  disqualified: { moves: to([L.Accepted, L.Contacted, L.Qualified], L.Disqualified), assignment: close, capacity: 'release' },
  // Handed back to marketing: answers the feedback clock, ends the partner's hold and frees its slot.
  recycled: { moves: to([L.Accepted, L.Contacted, L.Qualified], L.Recycled), assignment: close, capacity: 'release' },
  opportunity: { moves: to([L.Contacted, L.Qualified], L.Opportunity), assignment: null, capacity: null },
  won: { moves: to([L.Contacted, L.Qualified, L.Opportunity], L.Won), assignment: close, capacity: 'release' },
  lost: { moves: to([L.Contacted, L.Qualified, L.Opportunity], L.Lost), assignment: close, capacity: 'release' },
};

export const LIFECYCLE_EVENTS = Object.keys(TRANSITIONS) as LifecycleEvent[];

/** The lead's status after the event, or null when the event is not allowed from `status`. */
export function nextStatus(status: LeadStatus, event: LifecycleEvent): LeadStatus | null {
  return TRANSITIONS[event].moves[status] ?? null;
}

/** The lead's status after the event from `status`; for statements that apply a transition they know is allowed. */
export function leadAfter(event: LifecycleEvent, status: LeadStatus): LeadStatus {
  const next = nextStatus(status, event);
  if (!next) throw new Error(`The transition table has no ${event} from ${status}`);
  return next;
}

/** The assignment's status after the event. */
export function assignmentAfter(event: LifecycleEvent): AssignmentStatus {
  const change = TRANSITIONS[event].assignment;
  if (!change) throw new Error(`${event} does not move an assignment`);
  return change.to;
}

/** The lead statuses the event is allowed from, in the table's order. */
export function allowedFrom(event: LifecycleEvent): LeadStatus[] {
  return Object.keys(TRANSITIONS[event].moves) as LeadStatus[];
}

/** Lead statuses from which the policy (re-)allocates a lead. */
export const ALLOCATABLE_STATUSES: readonly LeadStatus[] = allowedFrom('offer');
/** Leads a channel manager may take back from their partner, to give to another or return to allocation. */
export const REASSIGNABLE_STATUSES: readonly LeadStatus[] = allowedFrom('reassign');
/** Manual assignment takes leads from the unallocated queue, or moves a lead a partner holds (reassign, then assign). */
export const MANUALLY_ASSIGNABLE_STATUSES: readonly LeadStatus[] = [...allowedFrom('assign'), ...REASSIGNABLE_STATUSES];

export type PartnerAction = { kind: 'accept' } | { kind: 'decline' } | { kind: 'activity'; type: ActivityType } | { kind: 'feedback'; verdict: Verdict };

/** The table's event for a partner's action. */
export function eventOf(action: PartnerAction): LifecycleEvent {
  switch (action.kind) {
    case 'accept':
    case 'decline':
      return action.kind;
    case 'activity':
      return isContact(action.type) ? 'contact' : 'note';
    case 'feedback':
      return action.verdict;
  }
}

export type ActionCheck = { allowed: true; next: LeadStatus } | { allowed: false; message: string };

/** Whether the partner's action may happen now, and the lead's status afterwards. */
export function checkAction(status: LeadStatus, action: PartnerAction): ActionCheck {
  const next = nextStatus(status, eventOf(action));
  return next ? { allowed: true, next } : { allowed: false, message: refusal(status, action) };
}

function refusal(status: LeadStatus, action: PartnerAction): string {
  const what = action.kind === 'feedback' ? `mark it ${action.verdict}` : action.kind === 'activity' ? 'log an activity' : action.kind;
  // Any activity is possible where a note is: the message names those statuses.
  const allowed = allowedFrom(action.kind === 'activity' ? 'note' : eventOf(action)).join(', ');
  const hint = action.kind === 'feedback' && action.verdict === 'qualified' && status === L.Accepted ? ' Log your first contact with the buyer first.' : '';
  return `This lead is ${status}, so you cannot ${what} now; that is possible when it is ${allowed}.${hint}`;
}

/** The words a lead's timeline uses for what happened. */
export const TimelineKind = {
  Created: 'created',
  Offered: 'offered',
  Unallocated: 'unallocated',
  Accepted: 'accepted',
  Declined: 'declined',
  Activity: 'activity',
  Feedback: 'feedback',
  Breach: 'breach',
  Recalled: 'recalled',
  Reassigned: 'reassigned',
  /** The lead's owner inside its partner changed (assigned, routed, unassigned, or its owner deactivated). */
  OwnerChanged: 'owner_changed',
} as const;
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

/** The timeline's word for a partner's action. */
export const PARTNER_TIMELINE_KIND: Readonly<Record<PartnerAction['kind'], TimelineKind>> = {
  accept: TimelineKind.Accepted,
  decline: TimelineKind.Declined,
  activity: TimelineKind.Activity,
  feedback: TimelineKind.Feedback,
};
