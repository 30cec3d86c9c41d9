export { CLOSED_STATUSES, LEAD_STATUSES, LeadStatus, OPEN_PARTNER_STATUSES } from '@leadgate/lifecycle';
