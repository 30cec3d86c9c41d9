import { partnerScopeOf, type Principal } from '@leadgate/auth';

/** Whose partners a viewer manages, as the channel partner table takes it: null for every partner (partnerScopeOf). */
export function managerScopeOf(viewer: Principal): string | null {
  const scope = partnerScopeOf(viewer);
  return scope.kind === 'managed' ? scope.managerId : null;
}
