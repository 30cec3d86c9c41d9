// The CRM change feed: leads changed since a cursor, in commit-safe order (see the lead-change-feed migration).
import { Injectable } from '@nestjs/common';
import { DomainError } from '@leadgate/common';
import { LeadsRepository } from '@leadgate/lifecycle';
import { LeadChangesPageDto } from './dto/lead-changes.dto';
import { toLeadResponse } from './dto/lead-response.dto';
import { LeadsQuery } from './dto/leads-query.dto';
import { LeadReadScope } from './lead-read-scope';

interface Position {
  xid: string;
  id: string;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
/** Query fields the feed understands; any other filter would silently narrow what a CRM thinks it has read. */
const FEED_FIELDS = new Set(['updatedSince', 'pageSize', 'page']);

const encodeCursor = (position: Position): string => Buffer.from(JSON.stringify({ x: position.xid, i: position.id })).toString('base64url');

function decodeCursor(cursor: string): Position | null {
  try {
    const { x, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { x?: unknown; i?: unknown };
    return typeof x === 'string' && /^\d{1,20}$/.test(x) && typeof i === 'string' && UUID.test(i) ? { xid: x, id: i } : null;
  } catch {
    return null;
  }
}

const invalid = (field: string, problem: string) => DomainError.invalid([{ field, problems: [problem] }]);

@Injectable()
export class LeadChangesService {
  constructor(private readonly leads: LeadsRepository) {}

  /**
   * `updatedSince` is an ISO 8601 instant for the first read, then the `nextCursor` of the page before. A lead
   * comes again only when it changed again; a change that commits late is still returned after the cursor.
   */
  async changes(query: LeadsQuery, scope: LeadReadScope): Promise<LeadChangesPageDto> {
    const since = query.updatedSince!;
    const other = Object.entries(query).find(([key, value]) => value !== undefined && !FEED_FIELDS.has(key));
    if (other) throw invalid(other[0], `${other[0]} cannot be combined with updatedSince: the change feed pages by its cursor`);
    if (query.page !== 1) throw invalid('page', 'page cannot be combined with updatedSince: pass the nextCursor as updatedSince instead');
    const after = ISO_INSTANT.test(since) ? null : decodeCursor(since);
    const updatedFrom = after ? null : new Date(since);
    if (!after && (!ISO_INSTANT.test(since) || Number.isNaN(updatedFrom!.getTime()))) {
      throw invalid('updatedSince', 'updatedSince must be an ISO 8601 instant (first read) or the nextCursor of an earlier page');
    }
    const { leads, horizon } = await this.leads.changedSince(after ? { after } : { updatedFrom: updatedFrom! }, scope, query.pageSize + 1);
    const page = leads.slice(0, query.pageSize);
    const last = page.at(-1)?.position;
    // An empty first read starts at the horizon: whatever changes from now on commits at or above it.
    const next = last ?? after ?? { xid: horizon, id: NIL_UUID };
    return { items: page.map(({ lead }) => toLeadResponse(lead)), nextCursor: encodeCursor(next), hasMore: leads.length > query.pageSize };
  }
}
