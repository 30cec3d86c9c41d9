// leads: intake's insert and lookups, status moves, the pending queue and the API's reads.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PartnerScope } from '@leadgate/common';
import { numberOrNull } from '@leadgate/database';
import { LeadStatus } from './policy/statuses';
import { ALLOCATABLE_STATUSES, leadAfter, TimelineKind } from './policy/transitions';
import type { TimelineEntry } from './timeline.repository';

export const LEAD_SOURCES = ['marketing', 'registered_deal'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export interface Lead {
  id: string;
  leadTypeId: string;
  campaignId: string | null;
  status: LeadStatus;
  externalId: string | null;
  idempotencyKey: string | null;
  /** Null only for a registered deal whose contact gave a phone or a name instead. */
  email: string | null;
  emailNormalized: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  company: string;
  country: string;
  postalCode: string | null;
  productInterest: string | null;
  score: number | null;
  notes: string | null;
  currentPartnerId: string | null;
  /** The user of the current partner who works the lead; null when unowned. */
  ownerId: string | null;
  /** The day the rep plans its next step ('yyyy-mm-dd'), and what; both null when none is planned. */
  nextStepOn: string | null;
  nextStep: string | null;
  /** Where it came from: marketing's intake, or a partner's approved deal registration. */
  source: LeadSource;
  opportunityAmountMinor: number | null;
  wonAmountMinor: number | null;
  currency: string | null;
  outcomeReasonCode: string | null;
  outcomeReasonText: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** What intake stores; the rest of a lead is set by the lifecycle (status, partner, outcome) or by the database. */
export type NewLead = Pick<
  Lead,
  | 'leadTypeId' | 'campaignId' | 'externalId' | 'idempotencyKey' | 'email' | 'firstName' | 'lastName' | 'phone' | 'jobTitle'
  | 'company' | 'country' | 'postalCode' | 'productInterest' | 'score' | 'notes' | 'createdAt'
>;

/**
 * Which leads a caller may read: all; those one partner holds (a null partner matches nothing); or, for a
 * channel manager, those its partners hold and those no partner holds (the shared unallocated queue).
 */
export type LeadScope = PartnerScope;

export interface LeadFilter {
  status?: LeadStatus;
  /** Any of these statuses (an inbox tab). */
  statuses?: readonly LeadStatus[];
  /** Part of the company, the person's name, the email or the external id, any case. */
  search?: string;
  leadTypeKey?: string;
  campaignKey?: string;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string;
  partnerId?: string;
  /** The lead's owner; null: only unowned leads. */
  ownerId?: string | null;
  createdFrom?: Date;
  createdTo?: Date;
  /** Only leads with an open clock past due at this instant. */
  overdueAt?: Date;
  /** newest (default): received last first; urgent: the nearest open deadline first, leads without one last. */
  order?: 'newest' | 'urgent';
}

/** The earliest SLA clock still running on the lead's open offer. */
export interface NextClock {
  kind: 'accept' | 'contact' | 'feedback' | 'update';
  dueAt: Date;
}

/** A lead in a list: with its lead type and the deadline that comes next. */
export interface ListedLead {
  lead: Lead;
  leadType: CatalogRef;
  owner: OwnerRef | null;
  nextClock: NextClock | null;
}

export interface OwnerRef {
  id: string;
  name: string;
}

export interface CatalogRef {
  id: string;
  key: string;
  name: string;
}

export interface LeadWithRefs {
  lead: Lead;
  leadType: CatalogRef;
  campaign: CatalogRef | null;
  owner: OwnerRef | null;
}

export interface VerdictFigures {
  verdict: string;
  amountMinor: number | null;
  currency: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  closedAt: Date | null;
}

interface LeadRow {
  id: string;
  lead_type_id: string;
  campaign_id: string | null;
  status: LeadStatus;
  external_id: string | null;
  idempotency_key: string | null;
  email: string | null;
  email_normalized: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  job_title: string | null;
  company: string;
  country: string;
  postal_code: string | null;
  product_interest: string | null;
  score: number | null;
  notes: string | null;
  current_partner_id: string | null;
  owner_id: string | null;
  next_step_on: string | null;
  next_step: string | null;
  source: LeadSource;
  opportunity_amount_minor: string | null;
  won_amount_minor: string | null;
  currency: string | null;
  outcome_reason_code: string | null;
  outcome_reason_text: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const COLUMNS = `l.id, l.lead_type_id, l.campaign_id, l.status, l.external_id, l.idempotency_key, l.email, l.email_normalized,
  l.first_name, l.last_name, l.phone, l.job_title, l.company, l.country, l.postal_code, l.product_interest, l.score, l.notes,
  l.current_partner_id, l.owner_id, l.next_step_on, l.next_step, l.source, l.opportunity_amount_minor, l.won_amount_minor, l.currency, l.outcome_reason_code, l.outcome_reason_text,
  l.created_at, l.updated_at, l.closed_at`;


function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    leadTypeId: row.lead_type_id,
    campaignId: row.campaign_id,
    status: row.status,
    externalId: row.external_id,
    idempotencyKey: row.idempotency_key,
    email: row.email,
    emailNormalized: row.email_normalized,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    jobTitle: row.job_title,
    company: row.company,
    country: row.country,
    postalCode: row.postal_code,
    productInterest: row.product_interest,
    score: row.score,
    notes: row.notes,
    currentPartnerId: row.current_partner_id,
    ownerId: row.owner_id,
    nextStepOn: row.next_step_on,
    nextStep: row.next_step,
    source: row.source,
    opportunityAmountMinor: numberOrNull(row.opportunity_amount_minor),
    wonAmountMinor: numberOrNull(row.won_amount_minor),
    currency: row.currency,
    outcomeReasonCode: row.outcome_reason_code,
    outcomeReasonText: row.outcome_reason_text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** WHERE clauses with their parameters, numbered from 1. */
class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];
  add(clause: (param: string) => string, value: unknown): void {
    this.params.push(value);
    this.clauses.push(clause(`$${this.params.length}`));
  }
  /** A clause without a parameter. */
  addClause(clause: string): void {
    this.clauses.push(clause);
  }
  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

function scoped(scope: LeadScope): Where {
  const where = new Where();
  if (scope.kind === 'partner') where.add((p) => `l.current_partner_id = ${p}::uuid`, scope.partnerId);
  if (scope.kind === 'managed') {
    where.add((p) => `(l.current_partner_id IS NULL OR l.current_partner_id IN (SELECT m.id FROM partners m WHERE m.channel_manager_id = ${p}::uuid))`, scope.managerId);
  }
  return where;
}

@Injectable()
export class LeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises intake of the same buyer and lead type until the transaction ends. */
  async lockBuyer(tx: EntityManager, email: string, leadTypeKey: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended(lower($1) || ' ' || $2, 0))`, [email, leadTypeKey]);
  }

  async findByIdempotencyKey(tx: EntityManager, key: string): Promise<Lead | null> {
    const [row]: LeadRow[] = await tx.query(`SELECT ${COLUMNS} FROM leads l WHERE l.idempotency_key = $1`, [key]);
    return row ? toLead(row) : null;
  }

  /** The first lead for the same email (any case) and lead type created after `since`. */
  async findDuplicate(tx: EntityManager, email: string, leadTypeId: string, since: Date): Promise<Lead | null> {
    const [row]: LeadRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM leads l
        WHERE l.email_normalized = lower($1) AND l.lead_type_id = $2 AND l.created_at > $3
        ORDER BY l.created_at, l.id LIMIT 1`,
      [email, leadTypeId, since],
    );
    return row ? toLead(row) : null;
  }

  /**
   * Inserts a new lead and its first timeline line ("created") in one statement; null, and nothing written, when
   * another request already used its idempotency key. The caller hands the line to the timeline's outbox
   * (TimelineRepository.recordedElsewhere), as for every line written outside the timeline repository.
   */
  async insert(tx: EntityManager, lead: NewLead, created: Pick<TimelineEntry, 'actor' | 'summary' | 'data'>): Promise<Lead | null> {
    const rows: LeadRow[] = await tx.query(
      `WITH l AS (
         INSERT INTO leads (lead_type_id, campaign_id, status, external_id, idempotency_key, email, email_normalized,
                            first_name, last_name, phone, job_title, company, country, postal_code, product_interest,
                            score, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, lower($6), $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *
       ), line AS (
         INSERT INTO lead_events (lead_id, at, kind, actor, summary, data)
         SELECT id, $17, '${TimelineKind.Created}', $18, $19, $20::jsonb FROM l
       )
       SELECT ${COLUMNS} FROM l`,
      [
        lead.leadTypeId, lead.campaignId, LeadStatus.New, lead.externalId, lead.idempotencyKey, lead.email,
        lead.firstName, lead.lastName, lead.phone, lead.jobTitle, lead.company, lead.country,
        lead.postalCode, lead.productInterest, lead.score, lead.notes, lead.createdAt,
        created.actor, created.summary, JSON.stringify(created.data ?? {}),
      ],
    );
    return rows[0] ? toLead(rows[0]) : null;
  }

  async findById(tx: EntityManager, id: string): Promise<Lead | null> {
    const [row]: LeadRow[] = await tx.query(`SELECT ${COLUMNS} FROM leads l WHERE l.id = $1`, [id]);
    return row ? toLead(row) : null;
  }

  /**
   * The leads to (re-)allocate, oldest first: up to `limit` new, declined and recalled leads (the oldest;
   * leads_status_created_idx), and up to `waitingLimit` unallocated ones, the least recently checked
   * (leads_waiting_idx), so a long queue is gone through in turns and no waiting lead is starved by
   * older ones nobody can take.
   */
  async pendingIds(limit: number, waitingLimit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM (
         (SELECT id, created_at FROM leads WHERE status = ANY($1::text[]) ORDER BY created_at LIMIT $2)
         UNION ALL
         (SELECT id, created_at FROM leads WHERE status = $3 ORDER BY allocation_checked_at NULLS FIRST, created_at LIMIT $4)
       ) pending ORDER BY created_at, id`,
      [ALLOCATABLE_STATUSES.filter((status) => status !== LeadStatus.Unallocated), limit, LeadStatus.Unallocated, waitingLimit],
    );
    return rows.map((row) => row.id);
  }

  /** Since when each of the given unallocated leads has waited (others are left out). */
  async waitingSince(ids: string[]): Promise<Map<string, Date>> {
    const rows: { id: string; unallocated_since: Date }[] = await this.dataSource.query(
      `SELECT id, unallocated_since FROM leads WHERE id = ANY($1::uuid[]) AND status = $2 AND unallocated_since IS NOT NULL`,
      [ids, LeadStatus.Unallocated],
    );
    return new Map(rows.map((row) => [row.id, row.unallocated_since]));
  }

  /** A waiting lead was looked at again and still nobody can take it: only the time of the check is stored. */
  async markChecked(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE leads SET allocation_checked_at = $2 WHERE id = $1`, [id, at]);
  }

  /** One page in the filter's order, and how many match in all. */
  async list(filter: LeadFilter, scope: LeadScope, page: { offset: number; limit: number }): Promise<{ leads: ListedLead[]; total: number }> {
    const where = scoped(scope);
    if (filter.status) where.add((p) => `l.status = ${p}`, filter.status);
    if (filter.statuses) where.add((p) => `l.status = ANY(${p}::text[])`, filter.statuses);
    if (filter.search) {
      // LIKE's own wildcards in the words are matched literally.
      const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.add((p) => `(l.company ILIKE ${p} OR l.email ILIKE ${p} OR concat_ws(' ', l.first_name, l.last_name) ILIKE ${p} OR l.external_id ILIKE ${p})`, pattern);
    }
    if (filter.leadTypeKey) where.add((p) => `l.lead_type_id IN (SELECT lt.id FROM lead_types lt WHERE lt.key = ${p})`, filter.leadTypeKey);
    if (filter.campaignKey) where.add((p) => `l.campaign_id IN (SELECT c.id FROM campaigns c WHERE c.key = ${p})`, filter.campaignKey);
    if (filter.country) where.add((p) => `l.country = upper(${p})`, filter.country);
    if (filter.partnerId) where.add((p) => `l.current_partner_id = ${p}::uuid`, filter.partnerId);
    if (filter.ownerId === null) where.addClause('l.owner_id IS NULL');
    else if (filter.ownerId) where.add((p) => `l.owner_id = ${p}::uuid`, filter.ownerId);
    if (filter.createdFrom) where.add((p) => `l.created_at >= ${p}`, filter.createdFrom);
    if (filter.createdTo) where.add((p) => `l.created_at < ${p}`, filter.createdTo);
    if (filter.overdueAt) where.add((p) => `l.id IN (SELECT c.lead_id FROM sla_clocks c WHERE c.open AND c.due_at < ${p})`, filter.overdueAt);
    const n = where.params.length;
    const order = filter.order === 'urgent' ? 'next.due_at ASC NULLS LAST, l.created_at DESC, l.id DESC' : 'l.created_at DESC, l.id DESC';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS}, json_build_object('id', t.id, 'key', t.key, 'name', t.name) AS lead_type,
                CASE WHEN next.kind IS NULL THEN NULL ELSE json_build_object('kind', next.kind, 'dueAt', next.due_at) END AS next_clock,
                CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.display_name) END AS owner
           FROM leads l
           JOIN lead_types t ON t.id = l.lead_type_id
           LEFT JOIN users o ON o.id = l.owner_id
           LEFT JOIN LATERAL (SELECT c.kind, c.due_at FROM sla_clocks c WHERE c.lead_id = l.id AND c.open ORDER BY c.due_at LIMIT 1) next ON true
           ${where} ORDER BY ${order} OFFSET $${n + 1} LIMIT $${n + 2}`,
        [...where.params, page.offset, page.limit],
      ) as Promise<(LeadRow & { lead_type: CatalogRef; owner: OwnerRef | null; next_clock: { kind: NextClock['kind']; dueAt: string } | null })[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM leads l ${where}`, where.params) as Promise<{ total: number }[]>,
    ]);
    return {
      leads: rows.map((row) => ({
        lead: toLead(row),
        leadType: row.lead_type,
        owner: row.owner,
        nextClock: row.next_clock ? { kind: row.next_clock.kind, dueAt: new Date(row.next_clock.dueAt) } : null,
      })),
      total,
    };
  }

  /** How many leads the scope holds in each status (the inbox's tab counts). */
  async countByStatus(scope: LeadScope): Promise<Map<LeadStatus, number>> {
    const where = scoped(scope);
    const rows: { status: LeadStatus; n: number }[] = await this.dataSource.query(
      `SELECT l.status, count(*)::int AS n FROM leads l ${where} GROUP BY l.status`,
      where.params,
    );
    return new Map(rows.map((row) => [row.status, row.n]));
  }

  /** Whether the scope may see the lead (in the caller's transaction, e.g. after locking it). */
  async visible(tx: EntityManager, id: string, scope: LeadScope): Promise<boolean> {
    const where = scoped(scope);
    where.add((p) => `l.id = ${p}::uuid`, id);
    return (await tx.query(`SELECT 1 FROM leads l ${where}`, where.params)).length > 0;
  }

  /** One lead the scope may see, with its lead type and campaign. */
  async findInScope(id: string, scope: LeadScope): Promise<LeadWithRefs | null> {
    const where = scoped(scope);
    where.add((p) => `l.id = ${p}::uuid`, id);
    const [row]: (LeadRow & { lead_type: CatalogRef; campaign: CatalogRef | null; owner: OwnerRef | null })[] = await this.dataSource.query(
      `SELECT ${COLUMNS},
              json_build_object('id', t.id, 'key', t.key, 'name', t.name) AS lead_type,
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'key', c.key, 'name', c.name) END AS campaign,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.display_name) END AS owner
         FROM leads l
         JOIN lead_types t ON t.id = l.lead_type_id
         LEFT JOIN campaigns c ON c.id = l.campaign_id
         LEFT JOIN users o ON o.id = l.owner_id
        ${where}`,
      where.params,
    );
    return row ? { lead: toLead(row), leadType: row.lead_type, campaign: row.campaign, owner: row.owner } : null;
  }

  /** Moves the lead to `status` (as the transition table says). */
  async setStatus(tx: EntityManager, id: string, status: LeadStatus, at: Date): Promise<void> {
    await tx.query(`UPDATE leads SET status = $2, updated_at = $3 WHERE id = $1`, [id, status, at]);
  }

  /** The rep's planned next step (null clears it); only on a lead this partner holds. Returns whether it was. */
  async setNextStep(tx: EntityManager, id: string, partnerId: string, on: string | null, note: string | null): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `UPDATE leads SET next_step_on = $3, next_step = $4 WHERE id = $1 AND current_partner_id = $2 RETURNING id`,
      [id, partnerId, on, on === null ? null : note],
    );
    return (rows as [unknown[], number])[1] > 0;
  }

  /** No partner holds the lead any more (declined). */
  async detachPartner(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE leads SET current_partner_id = NULL WHERE id = $1`, [id]);
  }

  /** No partner could have it: parked as unallocated, waiting since the first time (the attention marker counts from it). */
  async park(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE leads SET status = $2, current_partner_id = NULL, updated_at = $3, allocation_checked_at = $3,
                        unallocated_since = CASE WHEN status = $2 THEN unallocated_since ELSE $3 END
        WHERE id = $1`,
      [id, leadAfter('park', LeadStatus.New), at],
    );
  }

  /** The partner's verdict's figures: amounts, currency, reason, and when it closed the lead. */
  async recordVerdict(tx: EntityManager, id: string, verdict: VerdictFigures): Promise<void> {
    await tx.query(
      `UPDATE leads SET
         opportunity_amount_minor = CASE WHEN $2::text = $9::text THEN $3::bigint ELSE opportunity_amount_minor END,
         won_amount_minor = CASE WHEN $2::text = $10::text THEN $3::bigint ELSE won_amount_minor END,
         currency = COALESCE($4, currency),
         outcome_reason_code = COALESCE($5, outcome_reason_code),
         outcome_reason_text = COALESCE($6, outcome_reason_text),
         closed_at = CASE WHEN $7 THEN $8::timestamptz ELSE closed_at END
       WHERE id = $1`,
      [
        id, verdict.verdict, verdict.amountMinor, verdict.currency, verdict.reasonCode, verdict.reasonText, verdict.closedAt !== null,
        verdict.closedAt, LeadStatus.Opportunity, LeadStatus.Won,
      ],
    );
  }

  /**
   * The CRM change feed: leads in the scope changed after `after` (a position from an earlier page), or, for a
   * first page, updated at or after `updatedFrom`, in (change_xid, id) order, up to `limit`. Only changes of
   * transactions older than every one still running are returned (see the lead-change-feed migration), so the
   * position of the last row is a cursor that never skips a change committing later.
   */
  async changedSince(
    start: { after: { xid: string; id: string } } | { updatedFrom: Date },
    scope: LeadScope,
    limit: number,
  ): Promise<{ leads: { lead: Lead; position: { xid: string; id: string } }[]; horizon: string }> {
    const where = scoped(scope);
    if ('after' in start) {
      const xid = where.params.push(start.after.xid);
      const id = where.params.push(start.after.id);
      where.addClause(`(l.change_xid, l.id) > ($${xid}::xid8, $${id}::uuid)`);
    } else {
      where.add((p) => `l.updated_at >= ${p}`, start.updatedFrom);
    }
    const n = where.params.length;
    // One statement, one snapshot: the horizon and the rows below it are read together.
    const rows: (LeadRow & { change_xid: string; horizon: string })[] = await this.dataSource.query(
      `WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT ${COLUMNS}, l.change_xid::text AS change_xid, h.xmin::text AS horizon
         FROM h LEFT JOIN LATERAL (
           SELECT l.* FROM leads l ${where} ${where.clauses.length ? 'AND' : 'WHERE'} l.change_xid < h.xmin
            ORDER BY l.change_xid, l.id LIMIT $${n + 1}
         ) l ON true
        ORDER BY l.change_xid, l.id`,
      [...where.params, limit],
    );
    const horizon = rows[0].horizon;
    return {
      leads: rows.filter((row) => row.id !== null).map((row) => ({ lead: toLead(row), position: { xid: row.change_xid, id: row.id } })),
      horizon,
    };
  }
}
