export { allocate, DEFAULT_POLICY_CONFIG, POLICY_VERSION } from './allocate';
export { pausedAt, standingAt } from './eligibility';
export { memoryAfterOffer } from './fair-share';
export { describeReason, EXCLUSION_REASONS } from './reasons';
export type { ExclusionReason } from './reasons';
export { coversLocation, normalizeTerritory, territoryKeys } from './territory';
export type { Candidate, CandidateOverride, CandidatePause, Decision, EligiblePartner, ExcludedPartner, LeadFacts, PolicyConfig } from './types';
