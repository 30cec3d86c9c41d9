// Demo logins. The passwords are public on purpose: this data only ever goes into a demo database.
import type { UserRole } from '@leadgate/common';
import { DEMO_PARTNERS } from './demo-partners';

export interface DemoUser {
  email: string;
  displayName: string;
  role: UserRole;
  password: string;
  /** Partner name, for partner roles. */
  partner: string | null;
}

export const DEMO_ADMIN_EMAIL = 'admin@leadgate.test';
export const DEMO_CHANNEL_MANAGER_EMAIL = 'clara.channel@leadgate.test';

export const DEMO_USERS: DemoUser[] = [
  { email: DEMO_ADMIN_EMAIL, displayName: 'Ada Admin', role: 'admin', password: 'admin-demo-1', partner: null },
  { email: DEMO_CHANNEL_MANAGER_EMAIL, displayName: 'Clara Channel', role: 'channel_manager', password: 'channel-demo-1', partner: null },
  ...DEMO_PARTNERS.flatMap((p): DemoUser[] =>
    p.withUsers
      ? [
          { email: p.withUsers.admin, displayName: displayNameOf(p.withUsers.admin), role: 'partner_admin', password: 'partner-demo-1', partner: p.name },
          { email: p.withUsers.rep, displayName: displayNameOf(p.withUsers.rep), role: 'partner_rep', password: 'partner-demo-1', partner: p.name },
        ]
      : [],
  ),
];

/** "anna.admin@alpine-networks.test" → "Anna Admin". */
function displayNameOf(email: string): string {
  return email
    .split('@')[0]
    .split('.')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(' ');
}
