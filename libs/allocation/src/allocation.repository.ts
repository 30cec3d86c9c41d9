// The allocation's one read: the lead, locked, with the partners that cover its territory.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BusinessCalendar } from '@leadgate/compliance';
import { PreparedStatement, PreparedStatements } from '@leadgate/database';
import { type Protection, protectionOf, type ProtectionRow, toProtection } from '@leadgate/deals';
import { businessHoursOf, holidayCalendarOf, type HolidayCalendarJson, holidaysOf } from '@leadgate/partners';
import type { LeadStatus } from '@leadgate/lifecycle';
import type { Candidate } from './policy';

export interface LockedLead {
  id: string;
  status: LeadStatus;
  country: string;
  postalCode: string | null;
  productInterest: string | null;
  currentPartnerId: string | null;
  company: string;
  leadTypeName: string;
  allowedTiers: string[];
  slaAcceptMinutes: number;
  slaContactMinutes: number;
  slaFeedbackMinutes: number;
  businessTime: boolean;
  /** Partners that held this lead before (declined, recalled, reassigned): never offered it again. */
  previousPartnerIds: string[];
}

/** A partner as the policy weighs it, plus what the offer needs (calendar for the due times). */
export interface CandidatePartner extends Candidate {
  /** Round robin: the offer also gets an owner (a routing step); manual: it stays unowned, no step. */
  routesRoundRobin: boolean;
  timezone: string;
  businessHours: { day: number; start: string; end: string }[];
  /** Its holiday calendar's days off, generated per year as due times reach them; none without a calendar. */
  holidays: BusinessCalendar['holidays'];
}

/** A lead of a batch: the ids of the partners covering it, and the registered deal protecting its buyer. */
export interface LockedLeadWithCandidates {
  lead: LockedLead;
  candidateIds: string[];
  protection: Protection | null;
}

interface LockedLeadRow {
  id: string;
  status: LeadStatus;
  country: string;
  postal_code: string | null;
  product_interest: string | null;
  current_partner_id: string | null;
  company: string;
  lead_type_name: string;
  allowed_tiers: string[];
  sla_accept_minutes: number;
  sla_contact_minutes: number;
  sla_feedback_minutes: number;
  business_time: boolean;
  previous_partner_ids: string[];
}

interface CandidateRow {
  id: string;
  name: string;
  active: boolean;
  standing: Candidate['standing'];
  tier: Candidate['tier'];
  territories: string[];
  specialties: string[];
  capacity: number;
  open_leads: number;
  weight: number;
  allocations_recent: string;
  override_ends_at: string | null;
  override_standing_before: Candidate['standing'] | null;
  pause_starts_at: string | null;
  pause_ends_at: string | null;
  lead_routing: string;
  timezone: string;
  business_hours: { day: number; start: string; end: string }[];
  holiday_calendar: HolidayCalendarJson | null;
}

const toLockedLead = (row: LockedLeadRow): LockedLead => ({
  id: row.id,
  status: row.status,
  country: row.country,
  postalCode: row.postal_code,
  productInterest: row.product_interest,
  currentPartnerId: row.current_partner_id,
  company: row.company,
  leadTypeName: row.lead_type_name,
  allowedTiers: row.allowed_tiers,
  slaAcceptMinutes: row.sla_accept_minutes,
  slaContactMinutes: row.sla_contact_minutes,
  slaFeedbackMinutes: row.sla_feedback_minutes,
  businessTime: row.business_time,
  previousPartnerIds: row.previous_partner_ids,
});

const toCandidate = (row: CandidateRow): CandidatePartner => ({
  id: row.id,
  name: row.name,
  active: row.active,
  standing: row.standing,
  tier: row.tier,
  territories: row.territories,
  specialties: row.specialties,
  capacity: row.capacity,
  openLeads: row.open_leads,
  weight: row.weight,
  allocatedInWindow: Number(row.allocations_recent),
  // Found out only when due times are computed for it (AllocationService).
  calendarUsable: true,
  // json_agg hands timestamps over as text.
  override: row.override_ends_at ? { endsAt: new Date(row.override_ends_at), standingBefore: row.override_standing_before! } : null,
  pause: row.pause_starts_at ? { startsAt: new Date(row.pause_starts_at), endsAt: new Date(row.pause_ends_at!) } : null,
  routesRoundRobin: row.lead_routing === 'round_robin',
  timezone: row.timezone,
  businessHours: row.business_hours,
  holidays: holidaysOf(row.holiday_calendar),
});

const CANDIDATE_COLUMNS = `p.id, p.name, p.active, p.standing, p.tier, p.territories, p.specialties, p.capacity, p.open_leads, p.weight,
                           p.allocations_recent, p.timezone, p.lead_routing,
                           ${holidayCalendarOf('p')} AS holiday_calendar,
                           ${businessHoursOf('p')} AS business_hours,
                           o.ends_at AS override_ends_at, o.standing_before AS override_standing_before,
                           pz.starts_at AS pause_starts_at, pz.stops_at AS pause_ends_at`;

/*
 * The partner's pause not over at the decision time (pauses never overlap, so the earliest such is the
 * only one that can cover it; partner_pauses_partner_idx). The policy compares it with that time.
 */
const PAUSE_AT_DECISION = `
         SELECT pp.starts_at, LEAST(pp.ends_at, COALESCE(pp.ended_at, pp.ends_at)) AS stops_at FROM partner_pauses pp
          WHERE pp.partner_id = p.id AND pp.ends_at > $2::timestamptz AND COALESCE(pp.ended_at, pp.ends_at) > $2::timestamptz
            AND COALESCE(pp.ended_at, pp.ends_at) > pp.starts_at
          ORDER BY pp.starts_at LIMIT 1`;

/*
 * The partner's latest override not yet ended by the compliance recompute (standing_overrides_active_idx):
 * the policy compares its end with the decision's time, so an override stops counting on time.
 * With it, the partner's pause as of the decision time ($2).
 */
const OVERRIDE_AND_PAUSE = `LEFT JOIN LATERAL (
         SELECT so.ends_at, so.standing_before FROM standing_overrides so
          WHERE so.partner_id = p.id AND so.ended_at IS NULL
          ORDER BY so.created_at DESC, so.id LIMIT 1
       ) o ON true
       LEFT JOIN LATERAL (${PAUSE_AT_DECISION}) pz ON true`;

// The lead's own columns and its lead type's, as allocation reads them ("leads" aliased l, "lead_types" t).
const LEAD_COLUMNS = `l.id, l.status, l.country, l.postal_code, l.product_interest, l.current_partner_id, l.company, l.email_normalized,
                t.name AS lead_type_name, t.allowed_tiers, t.sla_accept_minutes, t.sla_contact_minutes, t.sla_feedback_minutes,
                t.business_time, ARRAY(SELECT DISTINCT a.partner_id FROM assignments a WHERE a.lead_id = l.id) AS previous_partner_ids`;

// The lead's territory keys, built exactly as territoryKeys() builds them ("DE", "DE-8", "DE-80", …).
const TERRITORY_KEYS = (lead: string): string => `(
         SELECT ARRAY[${lead}.country::text] || ARRAY(SELECT ${lead}.country || '-' || left(postal.code, n) FROM generate_series(1, length(postal.code)) AS n)
           FROM (SELECT upper(regexp_replace(coalesce(${lead}.postal_code, ''), '\\s+', '', 'g')) AS code) AS postal)`;

const LOCK_LEAD_WITH_CANDIDATES: PreparedStatement = {
  name: 'allocation-lock-lead-with-candidates',
  text: `WITH lead AS (
         SELECT ${LEAD_COLUMNS}
           FROM leads l JOIN lead_types t ON t.id = l.lead_type_id
          WHERE l.id = $1
            FOR NO KEY UPDATE OF l
       ), territory AS (
         SELECT ${TERRITORY_KEYS('lead')} AS keys FROM lead
       )
       SELECT row_to_json(lead) AS lead,
              (SELECT row_to_json(pr) FROM (${protectionOf('lead', '$2::timestamptz')}) pr) AS protection,
              COALESCE((SELECT json_agg(c) FROM (
                SELECT ${CANDIDATE_COLUMNS} FROM territory, partners p ${OVERRIDE_AND_PAUSE} WHERE p.territories && territory.keys
              ) c), '[]'::json) AS candidates
         FROM lead`,
};

/*
 * Many leads at once, locked in id order (as every writer that locks several does). The partners covering any
 * of them are read once (one GIN scan for all their territory keys), and each lead lists the ids of those that
 * cover it.
 */
const LOCK_LEADS_WITH_CANDIDATES: PreparedStatement = {
  name: 'allocation-lock-leads-with-candidates',
  text: `WITH lead AS (
         SELECT ${LEAD_COLUMNS}
           FROM leads l JOIN lead_types t ON t.id = l.lead_type_id
          WHERE l.id = ANY($1::uuid[])
          ORDER BY l.id
            FOR NO KEY UPDATE OF l
       ), keyed AS (
         SELECT lead.*, ${TERRITORY_KEYS('lead')} AS keys FROM lead
       ), covering AS (
         SELECT ${CANDIDATE_COLUMNS} FROM partners p ${OVERRIDE_AND_PAUSE}
          WHERE p.territories && ARRAY(SELECT DISTINCT k FROM keyed, unnest(keyed.keys) AS k)
       )
       SELECT COALESCE((SELECT json_agg(listed) FROM (
                SELECT keyed.*, ARRAY(SELECT c.id FROM covering c WHERE c.territories && keyed.keys) AS candidate_ids,
                       (SELECT row_to_json(pr) FROM (${protectionOf('keyed', '$2::timestamptz')}) pr) AS protection
                  FROM keyed
              ) listed), '[]'::json) AS leads,
              COALESCE((SELECT json_agg(covering) FROM covering), '[]'::json) AS candidates`,
};

// Waits for the countries' other allocations, then reads the counters (migrations 1764400000000, 1764600000000).
const GATE: PreparedStatement = {
  name: 'allocation-gate',
  text: `SELECT partner_id, partner_open_leads, partner_allocations FROM allocation_gate($1::text[], $2::uuid[])`,
};

@Injectable()
export class AllocationRepository {
  constructor(private readonly prepared: PreparedStatements) {}

  /**
   * Waits until no other transaction is allocating a lead of these countries, and keeps the others waiting
   * until this one ends, so each decision reads the offers made before it, as if they came one by one.
   * Returns the partners' counters as committed once it is this transaction's turn.
   */
  async gate(tx: EntityManager, countries: string[], partnerIds: string[]): Promise<Map<string, Pick<CandidatePartner, 'openLeads' | 'allocatedInWindow'>>> {
    const rows = await this.prepared.query<{ partner_id: string; partner_open_leads: number; partner_allocations: string }>(tx, GATE, [countries, partnerIds]);
    return new Map(rows.map((row) => [row.partner_id, { openLeads: row.partner_open_leads, allocatedInWindow: Number(row.partner_allocations) }]));
  }

  /**
   * Locks the lead and reads its candidates and the registered deal protecting its buyer in one round
   * trip. The candidates are the partners whose territories cover
   * it (through a GIN index). Partners elsewhere are never listed, which keeps each decision record
   * small at thousands of partners. The keys are built in SQL exactly as territoryKeys() builds them
   * ("DE", "DE-8", "DE-80", …); the policy checks coverage again, so a difference could only ever
   * leave a partner out, never let a wrong one in.
   */
  async lockLeadWithCandidates(
    tx: EntityManager,
    leadId: string,
    at: Date,
  ): Promise<{ lead: LockedLead; candidates: CandidatePartner[]; protection: Protection | null } | null> {
    const [found] = await this.prepared.query<{ lead: LockedLeadRow; candidates: CandidateRow[]; protection: ProtectionRow | null }>(tx, LOCK_LEAD_WITH_CANDIDATES, [leadId, at]);
    return found
      ? { lead: toLockedLead(found.lead), candidates: found.candidates.map(toCandidate), protection: found.protection && toProtection(found.protection) }
      : null;
  }

  /**
   * Locks the leads and reads, in one round trip, each one's candidates (as partner ids) and registered deal,
   * and every candidate once: the partners are shared, so a batch weighs each of them with the offers before.
   */
  async lockLeadsWithCandidates(
    tx: EntityManager,
    leadIds: string[],
    at: Date,
  ): Promise<{ leads: LockedLeadWithCandidates[]; candidates: Map<string, CandidatePartner> }> {
    const [found] = await this.prepared.query<{ leads: (LockedLeadRow & { candidate_ids: string[]; protection: ProtectionRow | null })[]; candidates: CandidateRow[] }>(
      tx, LOCK_LEADS_WITH_CANDIDATES, [leadIds, at],
    );
    return {
      leads: found.leads.map((row) => ({ lead: toLockedLead(row), candidateIds: row.candidate_ids, protection: row.protection && toProtection(row.protection) })),
      candidates: new Map(found.candidates.map((row) => [row.id, toCandidate(row)])),
    };
  }

  /** One partner, wherever it works: a channel manager may assign outside the territory. */
  async candidate(tx: EntityManager, partnerId: string, at: Date): Promise<CandidatePartner | null> {
    const [row]: CandidateRow[] = await tx.query(`SELECT ${CANDIDATE_COLUMNS} FROM partners p ${OVERRIDE_AND_PAUSE} WHERE p.id = $1`, [partnerId, at]);
    return row ? toCandidate(row) : null;
  }
}
