export { calendarProblems, InvalidCalendarError } from './business-calendar';
export type { BusinessCalendar, CalendarWindow } from './business-calendar';
export { addBusinessMinutes, businessMinutesBetween, CLOCK_KINDS, computeDueTimes, describeClock } from './sla-clock';
export type { ClockKind, DueTimes, DueTimesInput } from './sla-clock';
export { clockState, scoreCompliance, scoreFromCounts } from './compliance-score';
export type { ClockFact, ComplianceCounts, ComplianceFacts, ComplianceSummary, OpenBreachFact } from './compliance-score';
export { DEFAULT_COMPLIANCE_CONFIG, nextStanding } from './standing';
export type { ComplianceConfig, Standing, StandingDecision, StandingInput, StandingOverride, StandingSource } from './standing';
