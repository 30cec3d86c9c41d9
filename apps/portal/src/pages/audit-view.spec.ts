import type { AuditEntry } from '@leadgate/audit';
import type { Principal } from '@leadgate/auth';
import { auditLines } from './audit-view';

const viewer: Principal = { kind: 'user', id: 'u1', name: 'Ada Admin', role: 'admin', partnerId: null, timeZone: 'Europe/Berlin' };
const entry = (before: Record<string, unknown> | null, after: Record<string, unknown>): AuditEntry =>
  ({ id: 'e1', entity: 'partner', entityId: 'p1', action: 'changed', actor: 'user:u1', actorName: 'Ada Admin', at: new Date('2026-03-02T09:00:00Z'), before, after }) as AuditEntry;

describe('auditLines', () => {
  it('names the calendar and the channel manager a change chose, not their ids', () => {
    const names = new Map([['cal-1', 'Germany (Bavaria)'], ['cal-2', 'Austria'], ['user-9', 'Dana Channel']]);
    const [line] = auditLines([entry({ holidayCalendarId: 'cal-1', channelManagerId: null }, { holidayCalendarId: 'cal-2', channelManagerId: 'user-9' })], viewer, names);
    expect(line.changes).toEqual([
      { field: 'holiday calendar', before: 'Germany (Bavaria)', after: 'Austria' },
      { field: 'channel manager', before: '—', after: 'Dana Channel' },
    ]);
  });

  it('keeps an id it has no name for (a record deleted since), and never names other fields', () => {
    const [line] = auditLines([entry({ holidayCalendarId: 'gone', name: 'cal-2' }, { holidayCalendarId: null, name: 'Alpha' })], viewer, new Map([['cal-2', 'Austria']]));
    expect(line.changes).toEqual([
      { field: 'holiday calendar', before: 'gone', after: '—' },
      { field: 'name', before: 'cal-2', after: 'Alpha' },
    ]);
  });
});
