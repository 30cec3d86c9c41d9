import type { ExclusionReason } from './reasons';
import { coversKeys } from './territory';
import type { Candidate, LeadFacts, PolicyConfig, Standing } from './types';

/**
 * The standing that counts at `at`: the stored one, unless it came from an override that has ended
 * meanwhile — then the standing from before the override, until the next compliance recompute
 * decides afresh (and tells the partner). An override ends on time, not up to a recompute later.
 */
export function standingAt(candidate: Candidate, at: Date): Standing {
  const { override } = candidate;
  return override && override.endsAt.getTime() <= at.getTime() ? override.standingBefore : candidate.standing;
}

/** A pause covers [startsAt, endsAt): it begins and ends on time, whatever job runs when. */
export function pausedAt(candidate: Candidate, at: Date): boolean {
  const { pause } = candidate;
  return pause !== null && pause.startsAt.getTime() <= at.getTime() && at.getTime() < pause.endsAt.getTime();
}

/** Every reason this candidate may not be offered the lead (whose territoryKeys are `leadKeys`); empty means eligible. */
export function exclusionReasons(lead: LeadFacts, leadKeys: ReadonlySet<string>, candidate: Candidate, config: PolicyConfig): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (!candidate.active) reasons.push('inactive');
  if (standingAt(candidate, lead.decidedAt) === 'suspended') reasons.push('suspended');
  if (pausedAt(candidate, lead.decidedAt)) reasons.push('paused');
  if (!coversKeys(candidate.territories, leadKeys)) reasons.push('outside_territory');
  if (config.requireSpecialtyMatch && !hasSpecialty(candidate.specialties, lead.productInterest)) {
    reasons.push('lacks_specialty');
  }
  if (!lead.leadTypeAllowedTiers.includes(candidate.tier)) reasons.push('tier_not_allowed');
  if (candidate.openLeads >= candidate.capacity) reasons.push('at_capacity');
  if (lead.excludedPartnerIds.includes(candidate.id)) reasons.push('already_had_lead');
  if (!candidate.calendarUsable) reasons.push('calendar_unusable');
  return reasons;
}

/** A lead without a product interest fits every partner. */
function hasSpecialty(specialties: readonly string[], productInterest: string | null): boolean {
  const wanted = slug(productInterest ?? '');
  if (wanted === '') return true;
  return specialties.some((specialty) => slug(specialty) === wanted);
}

// "Data Center", "data-center" and "DATA_CENTER" name the same product line.
function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
