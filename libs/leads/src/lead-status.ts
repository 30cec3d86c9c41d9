export const LEAD_STATUSES = [
  'new', 'offered', 'accepted', 'contacted', 'qualified', 'opportunity', 'won', 'lost',
  'declined', 'recalled', 'disqualified', 'unallocated',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses in which a partner holds the lead and its capacity counts it. */
export const OPEN_PARTNER_STATUSES: readonly LeadStatus[] = ['offered', 'accepted', 'contacted', 'qualified', 'opportunity'];
export const CLOSED_STATUSES: readonly LeadStatus[] = ['won', 'lost', 'disqualified'];
