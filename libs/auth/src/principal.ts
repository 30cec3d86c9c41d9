import type { Role } from '@leadgate/common';

/** Who is calling: an API token or (from the portal issue on) a logged-in user. */
export interface Principal {
  kind: 'token' | 'user';
  id: string;
  name: string;
  role: Role;
  /** Set for partner roles: every query they make is scoped to this partner. */
  partnerId: string | null;
}

/** How a principal is written into audit columns and timelines. */
export const actorOf = (principal: Principal): string => `${principal.kind}:${principal.id}`;

/** How a principal is named to people, in timelines and messages. */
export const describePrincipal = (principal: Principal): string => (principal.kind === 'token' ? `API token "${principal.name}"` : principal.name);
