import type { Principal } from '@leadgate/auth';

/** Whose partners a viewer manages: an admin all (null), a channel manager those assigned to it. */
export const managerScopeOf = (viewer: Principal): string | null => (viewer.role === 'admin' ? null : viewer.id);
