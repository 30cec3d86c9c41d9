/** Why a partner could not be offered a lead: stable codes for storage and plain English for people. */
export const EXCLUSION_REASONS = [
  'inactive',
  'suspended',
  'paused',
  'outside_territory',
  'lacks_specialty',
  'tier_not_allowed',
  'at_capacity',
  'already_had_lead',
  'calendar_unusable',
] as const;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

const DESCRIPTIONS: Record<ExclusionReason, string> = {
  inactive: 'deactivated',
  suspended: 'suspended for missed SLAs',
  paused: 'paused: takes no offers for a while',
  outside_territory: 'outside its territory',
  lacks_specialty: "does not cover the lead's product interest",
  tier_not_allowed: 'its tier may not receive this lead type',
  at_capacity: 'at capacity for open leads',
  already_had_lead: 'already had this lead',
  calendar_unusable: "its business calendar cannot time the lead type's SLAs",
};

/** Short forms that read well after a count: "2 at capacity". */
const COUNT_LABELS: Record<ExclusionReason, string> = {
  inactive: 'inactive',
  suspended: 'suspended',
  paused: 'paused',
  outside_territory: 'outside territory',
  lacks_specialty: 'without the specialty',
  tier_not_allowed: 'tier not allowed',
  at_capacity: 'at capacity',
  already_had_lead: 'already had the lead',
  calendar_unusable: 'with an unusable calendar',
};

export function describeReason(reason: ExclusionReason): string {
  return DESCRIPTIONS[reason];
}

export function countLabel(reason: ExclusionReason): string {
  return COUNT_LABELS[reason];
}
