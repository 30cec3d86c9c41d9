// The audit trail as lines on an admin page: who, when (in the viewer's zone), and each field before → after.
import type { AuditEntry } from '@leadgate/audit';
import type { Principal } from '@leadgate/auth';
import { formatInstant } from '@leadgate/common';

export interface AuditLine {
  at: string;
  who: string;
  action: string;
  changes: { field: string; before: string; after: string }[];
}

/** Values as a person reads them: lists joined, windows as "Mon 09:00–17:00", empty as "—". */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((item) => (typeof item === 'object' && item !== null && 'day' in item ? windowText(item as { day: number; start: string; end: string }) : String(item))).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Field names as the admin forms call them. */
const LABELS: Record<string, string> = {
  slaAcceptMinutes: 'accept within (minutes)', slaContactMinutes: 'first contact within (minutes)', slaFeedbackMinutes: 'verdict within (minutes)',
  slaUpdateCadenceMinutes: 'update every (minutes)', businessTime: 'business time', allowedTiers: 'tiers', businessHours: 'business hours',
  aroundTheClock: 'around the clock', holidayCalendarId: 'holiday calendar', channelManagerId: 'channel manager', contactEmail: 'contact email',
  customDates: 'own days off', displayName: 'name',
};

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const windowText = (w: { day: number; start: string; end: string }) => `${DAYS[w.day - 1] ?? w.day} ${w.start}–${w.end}`;


// Fields that hold another record's id: shown by that record's name when the page knows it.
const REFERENCES = new Set(['holidayCalendarId', 'channelManagerId']);

/** `names`: the names of the records the reference fields point at, by id. */
export function auditLines(entries: AuditEntry[], viewer: Principal, names: ReadonlyMap<string, string> = new Map()): AuditLine[] {
  const value = (field: string, raw: unknown): string => shown(REFERENCES.has(field) && typeof raw === 'string' ? (names.get(raw) ?? raw) : raw);
  return entries.map((entry) => {
    const after = entry.after ?? {};
    const before = entry.before ?? {};
    const fields = entry.before === null ? [] : Object.keys(after);
    return {
      at: formatInstant(entry.at, viewer.timeZone),
      who: entry.actorName,
      action: entry.action,
      changes: fields.map((field) => ({ field: LABELS[field] ?? field, before: value(field, before[field]), after: value(field, after[field]) })),
    };
  });
}
