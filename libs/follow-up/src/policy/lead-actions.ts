// PURE: which partner action a lead's status allows, and where it leads. No I/O.
import type { LeadStatus } from '@leadgate/leads';

export const VERDICTS = ['qualified', 'disqualified', 'opportunity', 'won', 'lost'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** A note is logged but is not contact with the buyer, so it does not stop the contact clock. */
export const isContact = (type: ActivityType): boolean => type !== 'note';

export type PartnerAction = { kind: 'accept' } | { kind: 'decline' } | { kind: 'activity'; type: ActivityType } | { kind: 'feedback'; verdict: Verdict };

const WORKING: readonly LeadStatus[] = ['accepted', 'contacted', 'qualified', 'opportunity'];

const ALLOWED_FROM: Record<string, readonly LeadStatus[]> = {
  accept: ['offered'],
  decline: ['offered', 'accepted'],
  activity: WORKING,
  qualified: ['contacted'],
  disqualified: ['accepted', 'contacted', 'qualified'],
  opportunity: ['contacted', 'qualified'],
  won: ['contacted', 'qualified', 'opportunity'],
  lost: ['contacted', 'qualified', 'opportunity'],
};

export const CLOSING_VERDICTS: readonly Verdict[] = ['won', 'lost', 'disqualified'];

export type ActionCheck = { allowed: true; next: LeadStatus } | { allowed: false; message: string };

/** Whether the action may happen now, and the lead's status afterwards. */
export function checkAction(status: LeadStatus, action: PartnerAction): ActionCheck {
  const key = action.kind === 'feedback' ? action.verdict : action.kind;
  if (!ALLOWED_FROM[key].includes(status)) return { allowed: false, message: refusal(status, action) };
  return { allowed: true, next: nextStatus(status, action) };
}

function nextStatus(status: LeadStatus, action: PartnerAction): LeadStatus {
  switch (action.kind) {
    case 'accept':
      return 'accepted';
    case 'decline':
      return 'declined';
    case 'activity':
      return status === 'accepted' && isContact(action.type) ? 'contacted' : status;
    case 'feedback':
      return action.verdict;
  }
}

function refusal(status: LeadStatus, action: PartnerAction): string {
  const what = action.kind === 'feedback' ? `mark it ${action.verdict}` : action.kind === 'activity' ? 'log an activity' : action.kind;
  const allowed = ALLOWED_FROM[action.kind === 'feedback' ? action.verdict : action.kind].join(', ');
  const hint = action.kind === 'feedback' && action.verdict === 'qualified' && status === 'accepted' ? ' Log your first contact with the buyer first.' : '';
  return `This lead is ${status}, so you cannot ${what} now; that is possible when it is ${allowed}.${hint}`;
}
