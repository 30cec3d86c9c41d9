export { AssignmentsRepository } from './assignments.repository';
export type { HeldLead, LeftLead, MissedClock, OfferRefused } from './assignments.repository';
export { BreachesRepository } from './breaches.repository';
export { CapacityRepository } from './capacity.repository';
export type { CapacityDrift } from './capacity.repository';
export { DecisionsRepository } from './decisions.repository';
export type { AllocationDecision, RecordedCandidates } from './decisions.repository';
export { LEAD_SOURCES, LeadsRepository } from './leads.repository';
export type { Lead, LeadScope, LeadSource, ListedLead, NextClock } from './leads.repository';
export { LifecycleModule } from './lifecycle.module';
export { OwnersRepository } from './owners.repository';
export type { OwnedLead, OwnerCandidate, OwnerChange } from './owners.repository';
export { PartnerScopeRepository } from './partner-scope.repository';
export { RegisteredLeadsRepository } from './registered-leads.repository';
export {
  ASSIGNMENT_STATUSES,
  AssignmentStatus,
  CLOSED_STATUSES,
  LEAD_STATUSES,
  LeadStatus,
  OPEN_PARTNER_STATUSES,
  QUALIFIED_OR_BETTER,
  UPDATE_CADENCE_STATUSES,
  WORK_STAGE_STATUSES,
  WORK_STAGES,
  WorkStage,
} from './policy/statuses';
export {
  ACTIVITY_TYPES,
  ALLOCATABLE_STATUSES,
  CLOSING_VERDICTS,
  MANUALLY_ASSIGNABLE_STATUSES,
  REASSIGNABLE_STATUSES,
  PARTNER_TIMELINE_KIND,
  TRANSITIONS,
  TimelineKind,
  VERDICTS,
  assignmentAfter,
  checkAction,
  eventOf,
  isContact,
} from './policy/transitions';
export type { ActivityType, PartnerAction, Verdict } from './policy/transitions';
export { TimelineOutbox } from './timeline-outbox';
export { TimelineRepository } from './timeline.repository';
export type { MissedClockLine, TimelineEntry } from './timeline.repository';
export { WaitingLeadsSignal } from './waiting-leads.signal';
export { UpdateClocksRepository } from './update-clocks.repository';
