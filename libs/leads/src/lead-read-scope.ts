import type { Principal } from '@leadgate/auth';
import type { LeadScope } from '@leadgate/lifecycle';
import { isPartnerRole } from '@leadgate/common';

/** Which leads a caller may read: vendor staff see all, partner callers only the leads their partner holds. */
export type LeadReadScope = LeadScope;

export function leadReadScopeOf(principal: Principal): LeadReadScope {
  // A partner role without a partner matches nothing (partner_id = NULL is never true).
  return isPartnerRole(principal.role) ? { kind: 'partner', partnerId: principal.partnerId } : { kind: 'all' };
}
