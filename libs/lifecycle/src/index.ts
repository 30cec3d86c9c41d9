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
  ActivityType,
  ALLOCATABLE_STATUSES,
  checkAction,
  CLOSING_VERDICTS,
  isContact,
  MANUALLY_ASSIGNABLE_STATUSES,
  PartnerAction,
  TRANSITIONS,
  Verdict,
  VERDICTS,
} from './policy/transitions';
