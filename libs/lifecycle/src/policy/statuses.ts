// PURE: every status a lead or an assignment can have, and the groups the rules (and SQL) need. No I/O.

/** A lead's status; named constants, so no other file spells one. */
export const LeadStatus = {
  New: 'new',
  Offered: 'offered',
  Accepted: 'accepted',
  Contacted: 'contacted',
  Qualified: 'qualified',
  Opportunity: 'opportunity',
  Won: 'won',
  Lost: 'lost',
  Declined: 'declined',
  Recalled: 'recalled',
  Disqualified: 'disqualified',
  /** Not sales-ready: handed back to marketing for nurturing, with a coded reason. */
  Recycled: 'recycled',
  Unallocated: 'unallocated',
} as const;
export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];
export const LEAD_STATUSES: readonly LeadStatus[] = Object.values(LeadStatus);

/** One partner's hold on a lead. */
export const AssignmentStatus = {
  Offered: 'offered',
  Accepted: 'accepted',
  Declined: 'declined',
  Recalled: 'recalled',
  Reassigned: 'reassigned',
  Closed: 'closed',
} as const;
export type AssignmentStatus = (typeof AssignmentStatus)[keyof typeof AssignmentStatus];
export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = Object.values(AssignmentStatus);

const L = LeadStatus;
/** A partner holds the lead and its capacity counts it. */
export const OPEN_PARTNER_STATUSES: readonly LeadStatus[] = [L.Offered, L.Accepted, L.Contacted, L.Qualified, L.Opportunity];
/** The partner gave its final verdict (recycled: the lead went back to marketing). */
export const CLOSED_STATUSES: readonly LeadStatus[] = [L.Won, L.Lost, L.Disqualified, L.Recycled];
/** Rated qualified or better (the reports' "qualified"). */
export const QUALIFIED_OR_BETTER: readonly LeadStatus[] = [L.Qualified, L.Opportunity, L.Won, L.Lost];
/** Open after the feedback verdict: an update (activity or verdict) is due every lead type's update cadence. */
export const UPDATE_CADENCE_STATUSES: readonly LeadStatus[] = [L.Qualified, L.Opportunity];
/** The partner no longer holds the lead: it declined, was recalled or the lead was moved away. */
export const LEFT_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [AssignmentStatus.Declined, AssignmentStatus.Recalled, AssignmentStatus.Reassigned];
/** The assignment still holds the lead (one at most per lead). */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = [AssignmentStatus.Offered, AssignmentStatus.Accepted];

/** What a partner does next with a lead it holds: the inbox's tabs, each a set of statuses. */
export const WorkStage = {
  Open: 'open',
  ToAccept: 'to_accept',
  ToContact: 'to_contact',
  AwaitingFeedback: 'awaiting_feedback',
  Opportunities: 'opportunities',
  Closed: 'closed',
} as const;
export type WorkStage = (typeof WorkStage)[keyof typeof WorkStage];
export const WORK_STAGES: readonly WorkStage[] = Object.values(WorkStage);
export const WORK_STAGE_STATUSES: Readonly<Record<WorkStage, readonly LeadStatus[]>> = {
  [WorkStage.Open]: OPEN_PARTNER_STATUSES,
  [WorkStage.ToAccept]: [L.Offered],
  [WorkStage.ToContact]: [L.Accepted],
  [WorkStage.AwaitingFeedback]: [L.Contacted],
  [WorkStage.Opportunities]: [L.Qualified, L.Opportunity],
  [WorkStage.Closed]: CLOSED_STATUSES,
};
