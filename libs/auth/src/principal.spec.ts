import { partnerScopeOf, Principal } from './principal';

const principal = (overrides: Partial<Principal>): Principal => ({ kind: 'user', id: 'u1', name: 'Someone', role: 'admin', partnerId: null, timeZone: 'UTC', ...overrides });

describe('partnerScopeOf', () => {
  it('gives partner roles their own partner, and a partner role without one nothing', () => {
    expect(partnerScopeOf(principal({ role: 'partner_rep', partnerId: 'p1' }))).toEqual({ kind: 'partner', partnerId: 'p1' });
    expect(partnerScopeOf(principal({ kind: 'token', role: 'partner_admin', partnerId: 'p1' }))).toEqual({ kind: 'partner', partnerId: 'p1' });
    expect(partnerScopeOf(principal({ role: 'partner_admin', partnerId: null }))).toEqual({ kind: 'partner', partnerId: null });
  });

  it('gives a channel manager user the partners it manages', () => {
    expect(partnerScopeOf(principal({ role: 'channel_manager', id: 'cm1' }))).toEqual({ kind: 'managed', managerId: 'cm1' });
  });

  it('gives admins and vendor tokens (which no manager owns) every partner', () => {
    expect(partnerScopeOf(principal({ role: 'admin' }))).toEqual({ kind: 'all' });
    expect(partnerScopeOf(principal({ kind: 'token', role: 'channel_manager' }))).toEqual({ kind: 'all' });
    expect(partnerScopeOf(principal({ kind: 'token', role: 'intake' }))).toEqual({ kind: 'all' });
  });
});
