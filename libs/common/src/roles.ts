/** Who may do what. Users have the last four; API tokens may also be intake-only. */
export const ROLES = ['admin', 'channel_manager', 'partner_admin', 'partner_rep', 'intake'] as const;
export type Role = (typeof ROLES)[number];

export const USER_ROLES = ['admin', 'channel_manager', 'partner_admin', 'partner_rep'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PARTNER_ROLES: readonly Role[] = ['partner_admin', 'partner_rep'];
export const isPartnerRole = (role: Role): boolean => PARTNER_ROLES.includes(role);

export const TIERS = ['platinum', 'gold', 'silver', 'registered'] as const;
export type Tier = (typeof TIERS)[number];

export const STANDINGS = ['good', 'warning', 'suspended'] as const;
export type Standing = (typeof STANDINGS)[number];

/**
 * Whose partners' data a caller may read or act on: every partner, one partner (a partner role; a
 * null partner matches nothing), or the partners a channel manager manages (`partners.channel_manager_id`).
 * Outside its scope a partner, its leads, breaches and figures are a 404, as if they did not exist.
 */
export type PartnerScope = { kind: 'all' } | { kind: 'partner'; partnerId: string | null } | { kind: 'managed'; managerId: string };
