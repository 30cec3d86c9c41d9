import { isPartnerRole, type PartnerScope, type Role } from '@leadgate/common';

/** Who is calling: an API token or (from the portal issue on) a logged-in user. */
export interface Principal {
  kind: 'token' | 'user';
  id: string;
  name: string;
  role: Role;
  /** Set for partner roles: every query they make is scoped to this partner. */
  partnerId: string | null;
  /**
   * The IANA zone every page and email for this caller shows instants in: a user's own choice, else
   * their partner's zone, else UTC; UTC for API tokens (the API itself speaks ISO instants).
   */
  timeZone: string;
}

/** How a principal is written into audit columns and timelines. */
export const actorOf = (principal: Principal): string => `${principal.kind}:${principal.id}`;

/** How a principal is named to people, in timelines and messages. */
export const describePrincipal = (principal: Principal): string => (principal.kind === 'token' ? `API token "${principal.name}"` : principal.name);

/** Who made a change, as the audit trail records it. */
export const auditActorOf = (principal: Principal): { ref: string; name: string } => ({ ref: actorOf(principal), name: describePrincipal(principal) });

/**
 * The one rule for whose partners a caller sees, used by every API route and page: partner roles their
 * own partner; a channel manager user the partners it manages; admins, and vendor API tokens of any
 * other role (an admin's deliberate machine credential, owned by no manager), every partner.
 */
export function partnerScopeOf(principal: Principal): PartnerScope {
  if (isPartnerRole(principal.role)) return { kind: 'partner', partnerId: principal.partnerId };
  if (principal.role === 'channel_manager' && principal.kind === 'user') return { kind: 'managed', managerId: principal.id };
  return { kind: 'all' };
}
