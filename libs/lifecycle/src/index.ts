export { AssignmentsRepository } from './assignments.repository';
export type { Assignment, HeldLead, MissedClock, RecalledOffer } from './assignments.repository';
export { BreachesRepository } from './breaches.repository';
export { CapacityRepository } from './capacity.repository';
export type { CapacityDrift } from './capacity.repository';
export { DecisionsRepository } from './decisions.repository';
export type { AllocationDecision, RecordedCandidates } from './decisions.repository';
export { LeadsRepository } from './leads.repository';
export type { CatalogRef, Lead, LeadFilter, LeadScope } from './leads.repository';
export { LifecycleModule } from './lifecycle.module';
export {
  ASSIGNMENT_STATUSES,
  AssignmentStatus,
  CLOSED_STATUSES,
  LEAD_STATUSES,
  LeadStatus,
  OPEN_ASSIGNMENT_STATUSES,
  OPEN_PARTNER_STATUSES,
  QUALIFIED_OR_BETTER,
} from './policy/statuses';
export {
  ACTIVITY_TYPES,
  ALLOCATABLE_STATUSES,
  assignmentAfter,
  checkAction,
  CLOSING_VERDICTS,
  eventOf,
  isContact,
  MANUALLY_ASSIGNABLE_STATUSES,
  PARTNER_TIMELINE_KIND,
  TimelineKind,
  TRANSITIONS,
  VERDICTS,
} from './policy/transitions';
export type { ActivityType, PartnerAction, Verdict } from './policy/transitions';
export { TimelineRepository } from './timeline.repository';
export type { TimelineEntry, TimelineEvent } from './timeline.repository';
