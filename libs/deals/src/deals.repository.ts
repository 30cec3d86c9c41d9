// deal_registrations: every read and write of registrations, the conflict check and the protection lookup.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PartnerScope } from '@leadgate/common';
import type { BusinessCalendar } from '@leadgate/compliance';
import { CLOSED_STATUSES, LeadStatus } from '@leadgate/lifecycle';
import { businessHoursOf, holidayCalendarOf, type HolidayCalendarJson, holidaysOf } from '@leadgate/partners';
import type { Deal, DealConflict, DealStatus } from './deal';
import { BuyerKeys, MATCH_REASONS, MatchReason } from './policy';

/** A registration as submitted: the partner's facts, and the buyer keys the conflict check and its indexes read. */
export type NewDeal = Pick<
  Deal,
  | 'partnerId' | 'submittedBy' | 'company' | 'contactName' | 'email' | 'phone' | 'country' | 'postalCode' | 'productInterest'
  | 'amountMinor' | 'currency' | 'expectedCloseOn' | 'notes' | 'conflicts' | 'submittedAt'
> & { companyKey: string; emailDomain: string | null };

/** What the service needs of the registering partner: its standing, and its calendar for the lead's clocks. */
export interface DealPartner {
  id: string;
  name: string;
  active: boolean;
  standing: string;
  timezone: string;
  businessHours: { day: number; start: string; end: string }[];
  holidays: BusinessCalendar['holidays'];
}

/** An approved registration that protects a lead's buyer for its partner. */
export interface Protection {
  dealId: string;
  partnerId: string;
  protectedUntil: Date;
}

interface DealRow {
  id: string;
  partner_id: string;
  partner_name: string;
  submitted_by: string;
  status: DealStatus;
  company: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  country: string;
  postal_code: string | null;
  product_interest: string | null;
  amount_minor: string | null;
  currency: string | null;
  expected_close_on: string | null;
  notes: string | null;
  conflicts: DealConflict[];
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  reason_code: string | null;
  reason_text: string | null;
  lead_id: string | null;
  protected_until: Date | null;
  reminded_at: Date | null;
  extension_requested_at: Date | null;
  extension_note: string | null;
  extended_count: number;
  ended_at: Date | null;
}

const toDeal = (row: DealRow): Deal => ({
  id: row.id,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  submittedBy: row.submitted_by,
  status: row.status,
  company: row.company,
  contactName: row.contact_name,
  email: row.email,
  phone: row.phone,
  country: row.country,
  postalCode: row.postal_code,
  productInterest: row.product_interest,
  amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
  currency: row.currency,
  expectedCloseOn: row.expected_close_on,
  notes: row.notes,
  conflicts: row.conflicts,
  submittedAt: row.submitted_at,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
  reasonCode: row.reason_code,
  reasonText: row.reason_text,
  leadId: row.lead_id,
  protectedUntil: row.protected_until,
  remindedAt: row.reminded_at,
  extensionRequestedAt: row.extension_requested_at,
  extensionNote: row.extension_note,
  extendedCount: row.extended_count,
  endedAt: row.ended_at,
});

interface ConflictRow {
  kind: DealConflict['kind'];
  id: string;
  reasons: MatchReason[];
  partner_id: string | null;
  partner_name: string | null;
  company: string;
  email: string | null;
  country: string;
  status: string;
  at: Date;
}

const toConflict = (row: ConflictRow): DealConflict => ({
  kind: row.kind,
  id: row.id,
  reasons: MATCH_REASONS.filter((reason) => row.reasons.includes(reason)),
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  company: row.company,
  email: row.email,
  country: row.country,
  status: row.status,
  at: row.at.toISOString(),
});

const SELECT_DEAL = `SELECT d.*, to_char(d.expected_close_on, 'YYYY-MM-DD') AS expected_close_on, p.name AS partner_name
  FROM deal_registrations d JOIN partners p ON p.id = d.partner_id`;

// The registrations still in play: awaiting review, or approved with their window still open.
const LIVE = `(d.status = 'submitted' OR (d.status = 'approved' AND d.protected_until > $10))`;

/*
 * The conflict check: one branch per matching rule, each read through its own index (leads by email,
 * by email domain, by company key and country; registrations likewise), then grouped per record with
 * every reason it matched. Open leads of any partner, leads won within the look-back, and other
 * partners' live registrations. At most 50 conflicts, newest first: enough to decide on.
 */
const CONFLICTS_SQL = `
  WITH lead_hits AS (
    SELECT id, 'same_email' AS reason FROM leads WHERE $1::text IS NOT NULL AND email_normalized = $1::text
    UNION ALL
    SELECT id, 'same_email_domain' FROM leads WHERE $2::text IS NOT NULL AND split_part(email_normalized, '@', 2) = $2::text
    UNION ALL
    SELECT id, 'same_company' FROM leads WHERE $3::text <> '' AND deal_company_key(company) = $3::text AND country = $4::bpchar
  ), deal_hits AS (
    SELECT id, 'same_email' AS reason FROM deal_registrations
     WHERE status = ANY('{submitted,approved}'::text[]) AND $1::text IS NOT NULL AND email_normalized = $1::text
    UNION ALL
    SELECT id, 'same_email_domain' FROM deal_registrations WHERE status = ANY('{submitted,approved}'::text[]) AND email_domain = $2::text
    UNION ALL
    SELECT id, 'same_company' FROM deal_registrations
     WHERE status = ANY('{submitted,approved}'::text[]) AND $3::text <> '' AND company_key = $3::text AND country = $4::bpchar
  )
  SELECT * FROM (
    SELECT CASE WHEN l.status = $8 THEN 'won_lead' ELSE 'lead' END AS kind, l.id, array_agg(DISTINCT h.reason) AS reasons,
           l.current_partner_id AS partner_id, p.name AS partner_name, l.company, l.email, l.country, l.status, l.created_at AS at
      FROM lead_hits h JOIN leads l ON l.id = h.id LEFT JOIN partners p ON p.id = l.current_partner_id
     WHERE l.status <> ALL($7::text[]) OR (l.status = $8 AND l.closed_at >= $6)
     GROUP BY l.id, p.name
    UNION ALL
    SELECT 'registration', d.id, array_agg(DISTINCT h.reason), d.partner_id, p.name, d.company, d.email, d.country, d.status, d.submitted_at
      FROM deal_hits h JOIN deal_registrations d ON d.id = h.id JOIN partners p ON p.id = d.partner_id
     WHERE d.partner_id <> $5 AND d.id IS DISTINCT FROM $9::uuid AND ${LIVE}
     GROUP BY d.id, p.name
  ) conflicts
  ORDER BY at DESC, id LIMIT 50`;

/**
 * The approved registration protecting the lead `lead` (an alias with email_normalized, company and country) at
 * `at`, the earliest approved first when several match: same email, same company email domain, or same company
 * key and country. One definition, for this repository and for allocation's lock statement (which reads it in
 * the same round trip as the lead).
 */
export const protectionOf = (lead: string, at: string): string => `
  SELECT d.id, d.partner_id, d.protected_until
    FROM (
      SELECT id FROM deal_registrations WHERE status = 'approved' AND email_normalized = ${lead}.email_normalized
      UNION
      SELECT id FROM deal_registrations WHERE status = 'approved' AND email_domain = split_part(${lead}.email_normalized, '@', 2)
      UNION
      SELECT id FROM deal_registrations WHERE status = 'approved' AND company_key = deal_company_key(${lead}.company) AND company_key <> '' AND country = ${lead}.country
    ) hit
    JOIN deal_registrations d ON d.id = hit.id
   WHERE d.protected_until > ${at}
   ORDER BY d.decided_at, d.id
   LIMIT 1`;

export interface ProtectionRow {
  id: string;
  partner_id: string;
  /** A Date from a query, an ISO string from json. */
  protected_until: Date | string;
}

export const toProtection = (row: ProtectionRow): Protection => ({ dealId: row.id, partnerId: row.partner_id, protectedUntil: new Date(row.protected_until) });

@Injectable()
export class DealsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async partner(tx: EntityManager, partnerId: string): Promise<DealPartner | null> {
    const [row]: { id: string; name: string; active: boolean; standing: string; timezone: string; business_hours: DealPartner['businessHours'];
      holiday_calendar: HolidayCalendarJson | null }[] =
      await tx.query(
        `SELECT p.id, p.name, p.active, p.standing, p.timezone,
                ${holidayCalendarOf('p')} AS holiday_calendar, ${businessHoursOf('p')} AS business_hours
           FROM partners p WHERE p.id = $1`,
        [partnerId],
      );
    return row
      ? { id: row.id, name: row.name, active: row.active, standing: row.standing, timezone: row.timezone, businessHours: row.business_hours,
          holidays: holidaysOf(row.holiday_calendar) }
      : null;
  }

  /** Who else has this buyer: see CONFLICTS_SQL. `selfId` leaves the registration itself out (the check at approval). */
  async conflicts(tx: EntityManager, keys: BuyerKeys, partnerId: string, wonSince: Date, now: Date, selfId: string | null = null): Promise<DealConflict[]> {
    const rows: ConflictRow[] = await tx.query(CONFLICTS_SQL, [
      keys.email, keys.domain, keys.companyKey, keys.country, partnerId, wonSince, CLOSED_STATUSES, LeadStatus.Won, selfId, now,
    ]);
    return rows.map(toConflict);
  }

  /**
   * Serialises decisions on the same buyer (by each of its keys) until the transaction ends, so two rival
   * registrations approved at the same moment cannot both be protected: the second sees the first approved.
   */
  async lockBuyer(tx: EntityManager, keys: BuyerKeys): Promise<void> {
    const names = [keys.email && `email:${keys.email}`, keys.domain && `domain:${keys.domain}`, keys.companyKey && `company:${keys.companyKey}:${keys.country}`]
      .filter((name): name is string => !!name)
      .sort();
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended(name, 18)) FROM unnest($1::text[]) AS name ORDER BY name`, [names]);
  }

  async insert(tx: EntityManager, deal: NewDeal): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO deal_registrations (partner_id, submitted_by, status, company, company_key, contact_name, email, email_normalized, email_domain,
                                       phone, country, postal_code, product_interest, amount_minor, currency, expected_close_on, notes,
                                       conflicts, submitted_at)
       VALUES ($1, $2, 'submitted', $3, $4, $5, $6, lower($6), $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17)
       RETURNING id`,
      [
        deal.partnerId, deal.submittedBy, deal.company, deal.companyKey, deal.contactName, deal.email, deal.emailDomain, deal.phone,
        deal.country, deal.postalCode, deal.productInterest, deal.amountMinor, deal.currency, deal.expectedCloseOn, deal.notes,
        JSON.stringify(deal.conflicts), deal.submittedAt,
      ],
    );
    return id;
  }

  /** One registration within the scope; null when it does not exist or lies outside it. `lock`: for a decision on it. */
  async find(tx: EntityManager, id: string, scope: PartnerScope, lock = false): Promise<Deal | null> {
    const [row]: DealRow[] = await tx.query(
      `${SELECT_DEAL}
        WHERE d.id = $1 AND ($2::uuid IS NULL OR d.partner_id = $2::uuid) AND ($3::uuid IS NULL OR p.channel_manager_id = $3::uuid)
        ${lock ? 'FOR NO KEY UPDATE OF d' : ''}`,
      [id, ...scopeParams(scope)],
    );
    return row ? toDeal(row) : null;
  }

  /** Registrations in the scope, newest first (the review queue: submitted, oldest first). */
  async list(scope: PartnerScope, filter: { status?: DealStatus }, page: { offset: number; limit: number }): Promise<{ deals: Deal[]; total: number }> {
    const where = `($1::uuid IS NULL OR d.partner_id = $1::uuid) AND ($2::uuid IS NULL OR p.channel_manager_id = $2::uuid) AND ($3::text IS NULL OR d.status = $3::text)`;
    const order = filter.status === 'submitted' ? 'd.submitted_at, d.id' : 'd.submitted_at DESC, d.id';
    const params = [...scopeParams(scope), filter.status ?? null];
    const [rows, [{ total }]]: [DealRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(`${SELECT_DEAL} WHERE ${where} ORDER BY ${order} OFFSET $4 LIMIT $5`, [...params, page.offset, page.limit]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM deal_registrations d JOIN partners p ON p.id = d.partner_id WHERE ${where}`, params),
    ]);
    return { deals: rows.map(toDeal), total };
  }

  async approve(tx: EntityManager, id: string, change: { at: Date; by: string; leadId: string; protectedUntil: Date; conflicts: DealConflict[] }): Promise<void> {
    await tx.query(
      `UPDATE deal_registrations SET status = 'approved', decided_at = $2, decided_by = $3, lead_id = $4, protected_until = $5, conflicts = $6::jsonb
        WHERE id = $1`,
      [id, change.at, change.by, change.leadId, change.protectedUntil, JSON.stringify(change.conflicts)],
    );
  }

  async reject(tx: EntityManager, id: string, change: { at: Date; by: string; reasonCode: string; reasonText: string | null; conflicts: DealConflict[] }): Promise<void> {
    await tx.query(
      `UPDATE deal_registrations SET status = 'rejected', decided_at = $2, decided_by = $3, reason_code = $4, reason_text = $5, conflicts = $6::jsonb
        WHERE id = $1`,
      [id, change.at, change.by, change.reasonCode, change.reasonText, JSON.stringify(change.conflicts)],
    );
  }

  async requestExtension(tx: EntityManager, id: string, at: Date, note: string | null): Promise<void> {
    await tx.query(`UPDATE deal_registrations SET extension_requested_at = $2, extension_note = $3 WHERE id = $1`, [id, at, note]);
  }

  /** A new end for the window; the reminder is due again before it. */
  async extend(tx: EntityManager, id: string, until: Date): Promise<void> {
    await tx.query(
      `UPDATE deal_registrations SET protected_until = $2, extended_count = extended_count + 1, extension_requested_at = NULL, reminded_at = NULL
        WHERE id = $1`,
      [id, until],
    );
  }

  /**
   * Approved windows within `reminderDays` of their end, not yet reminded: marked, and returned. SKIP LOCKED,
   * so two runs never remind the same registration twice.
   */
  async markReminders(tx: EntityManager, now: Date, reminderDays: number, limit: number): Promise<Deal[]> {
    // An UPDATE answers [rows, count] through the driver.
    const [rows]: [{ id: string }[], number] = await tx.query(
      `WITH due AS (
         SELECT id FROM deal_registrations
          WHERE status = 'approved' AND reminded_at IS NULL AND protected_until > $1 AND protected_until - make_interval(days => $2) <= $1
          ORDER BY protected_until LIMIT $3
            FOR UPDATE SKIP LOCKED
       )
       UPDATE deal_registrations d SET reminded_at = $1 FROM due WHERE d.id = due.id RETURNING d.id`,
      [now, reminderDays, limit],
    );
    return this.byIds(tx, rows.map((row) => row.id));
  }

  /** Approved windows that have ended: expired, and returned. */
  async expire(tx: EntityManager, now: Date, limit: number): Promise<Deal[]> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `WITH due AS (
         SELECT id FROM deal_registrations WHERE status = 'approved' AND protected_until <= $1
          ORDER BY protected_until LIMIT $2
            FOR UPDATE SKIP LOCKED
       )
       UPDATE deal_registrations d SET status = 'expired', ended_at = $1 FROM due WHERE d.id = due.id RETURNING d.id`,
      [now, limit],
    );
    return this.byIds(tx, rows.map((row) => row.id));
  }

  private async byIds(tx: EntityManager, ids: string[]): Promise<Deal[]> {
    if (ids.length === 0) return [];
    const rows: DealRow[] = await tx.query(`${SELECT_DEAL} WHERE d.id = ANY($1::uuid[]) ORDER BY d.protected_until, d.id`, [ids]);
    return rows.map(toDeal);
  }
}

/** [partner id, channel manager id]: null where the scope does not narrow. */
function scopeParams(scope: PartnerScope): [string | null, string | null] {
  if (scope.kind === 'partner') return [scope.partnerId ?? '00000000-0000-0000-0000-000000000000', null];
  if (scope.kind === 'managed') return [null, scope.managerId];
  return [null, null];
}
