// PURE: roles as the pages name them.
export const ROLE_NAMES: Record<string, string> = { admin: 'admin', channel_manager: 'channel manager', partner_admin: 'partner admin', partner_rep: 'partner rep' };
