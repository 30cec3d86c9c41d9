import { partnerScopeOf, type Principal } from '@leadgate/auth';
import type { LeadScope } from '@leadgate/lifecycle';

/** Which leads a caller may read: those of the partners in its scope, and (vendor staff) the leads no partner holds. */
export type LeadReadScope = LeadScope;

export const leadReadScopeOf = (principal: Principal): LeadReadScope => partnerScopeOf(principal);
