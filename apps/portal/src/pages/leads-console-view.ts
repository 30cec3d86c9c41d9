// Template data for the leads console (channel managers and admins): every filter lives in the address.
import { formatInstant, Page, toCsv } from '@leadgate/common';
import { LeadsQuery, ListedLeadDto } from '@leadgate/leads';
import { LEAD_STATUSES } from '@leadgate/lifecycle';
import { listedDeadline, localTime } from './lead-times';
import { pagerView, viewQueryString } from './view-address';

/** The filters the console keeps in its address, in this order. */
const FILTERS = ['q', 'status', 'partnerId', 'owner', 'leadType', 'campaign', 'country', 'overdue', 'createdFrom', 'createdTo', 'sort'] as const;

/** The console's address for a view; `changes` replaces filters (undefined drops one). Page 1 and 50 rows stay implicit. */
export function consoleQueryString(query: Partial<LeadsQuery>, changes: Record<string, string | number | boolean | undefined> = {}): string {
  const values = { ...Object.fromEntries(FILTERS.map((name) => [name, query[name]])), page: query.page, pageSize: query.pageSize, ...changes };
  return viewQueryString(values, { sort: 'newest', page: 1, pageSize: 50 });
}

interface Choice {
  value: string;
  label: string;
}

export function consoleView(
  page: Page<ListedLeadDto>,
  query: LeadsQuery,
  names: Map<string, string>,
  choices: { partners: Choice[]; leadTypes: Choice[]; campaigns: Choice[] },
  now: Date,
  zone: string,
) {
  const link = (changes: Record<string, string | number | undefined>) => `/manage/leads${consoleQueryString(query, changes)}`;
  const select = (list: Choice[], selected: string | undefined) => list.map((c) => ({ ...c, selected: c.value === selected }));
  // The lead page's back link returns to this very view.
  const back = encodeURIComponent(`/manage/leads${consoleQueryString(query)}`);
  return {
    title: 'Leads',
    zone,
    query,
    statuses: select(LEAD_STATUSES.map((s) => ({ value: s, label: s })), query.status),
    partners: select(choices.partners, query.partnerId),
    owners: select([{ value: 'none', label: 'No owner yet' }], query.owner),
    leadTypes: select(choices.leadTypes, query.leadType),
    campaigns: select(choices.campaigns, query.campaign),
    sorts: [
      { value: 'newest', label: 'Newest first', selected: query.sort !== 'urgent' },
      { value: 'urgent', label: 'Most urgent first', selected: query.sort === 'urgent' },
    ],
    rows: page.items.map((lead) => ({
      href: `/manage/leads/${lead.id}?back=${back}`,
      company: lead.company,
      person: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.phone || 'No contact name',
      partner: lead.currentPartnerId ? names.get(lead.currentPartnerId) ?? '—' : 'no partner',
      status: lead.status,
      leadType: lead.leadType.name,
      place: [lead.country, lead.postalCode].filter(Boolean).join(' '),
      deadline: listedDeadline(lead, now, zone),
      received: localTime(lead.createdAt, now, zone),
    })),
    total: page.total,
    ...pagerView(page, (n) => link({ page: n })),
    csv: `/manage/leads.csv${consoleQueryString(query, { page: undefined, pageSize: undefined })}`,
    clear: '/manage/leads',
  };
}

/** The console's view as CSV, times in the viewer's zone (named in the header). */
export function consoleCsv(leads: ListedLeadDto[], names: Map<string, string>, now: Date, zone: string): string {
  const at = (instant: Date | string) => formatInstant(new Date(instant), zone, 'compact');
  const header = [`Received (${zone})`, 'Status', 'Partner', 'Next deadline', `Due (${zone})`, 'Lead type', 'Company', 'First name', 'Last name', 'Email', 'Country', 'Postal code', 'Interest', 'External id', 'Lead id'];
  const rows = leads.map((lead) => [
    at(lead.createdAt),
    lead.status,
    lead.currentPartnerId ? names.get(lead.currentPartnerId) ?? '' : '',
    listedDeadline(lead, now, zone)?.text ?? '',
    lead.nextDeadline ? at(lead.nextDeadline.dueAt) : '',
    lead.leadType.name,
    lead.company,
    lead.firstName,
    lead.lastName,
    lead.email,
    lead.country,
    lead.postalCode,
    lead.productInterest,
    lead.externalId,
    lead.id,
  ]);
  return toCsv([header, ...rows]);
}
