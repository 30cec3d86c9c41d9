// Generates the demo leads and everything that happened to them: allocation decisions,
// assignments with their SLA clocks, breaches and timeline events. Plain data in, rows out.
import type { ExclusionReason, RecordedCandidates } from '@leadgate/allocation';
import type { Standing, Tier } from '@leadgate/common';
import type { LeadStatus } from '@leadgate/leads';
import { BusinessCalendar, computeDueTimes } from '@leadgate/compliance';
import { DemoCampaign, DemoLeadType } from './data/demo-catalog';
import { Country, CURRENCY, GB_AREAS } from './data/demo-partners';
import { COMPANIES, CONTACT_KINDS, DECLINE_REASONS, DISQUALIFY_REASONS, DOMAIN_SUFFIX, FIRST_NAMES, JOB_TITLES, LAST_NAMES, LOSS_REASONS } from './data/demo-people';
import { Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The SLA sweep runs every minute: that is how long a missed due time goes unnoticed. */
const DETECTION_DELAY = MINUTE;
const POLICY_VERSION = 'demo-2025.1';
const ALLOCATION_ACTOR = 'system:allocation';
const SWEEP_ACTOR = 'system:sla-sweep';

/** How many demo leads end in each status: every status is represented. */
export const STATUS_QUOTAS: Record<LeadStatus, number> = {
  new: 4, offered: 25, accepted: 25, contacted: 32, qualified: 38, opportunity: 30,
  won: 43, lost: 39, declined: 9, recalled: 9, disqualified: 50, unallocated: 16,
};

/** Age of a lead in each status, in days: later stages need older leads. */
const AGE_DAYS: Record<LeadStatus, [number, number]> = {
  new: [0.002, 0.02], offered: [0.02, 0.6], accepted: [0.2, 5], contacted: [1, 12], qualified: [6, 45],
  opportunity: [15, 90], won: [35, 120], lost: [30, 120], declined: [0.1, 3], recalled: [0.5, 5],
  disqualified: [4, 118], unallocated: [0.1, 60],
};

const COUNTRY_SHARE: Record<Country, number> = { DE: 30, US: 25, FR: 12, GB: 12, NL: 8, AT: 7, CH: 6 };
/**
 * Share of a partner's contact and feedback clocks it misses, spread evenly over its leads: what sets partners
 * apart in the compliance figures. With its accepts met (they are never late), a good partner scores about 99 %,
 * a warned one about 83 % and a suspended one about 60 %, so the standing rules agree with the demo's stories.
 */
const LATENESS: Record<Standing, number> = { good: 0.02, warning: 0.25, suspended: 0.6 };
const PRODUCTS = ['networking', 'security', 'cloud', 'collaboration', 'data-center'];

export interface SeedPartner {
  id: string;
  name: string;
  tier: Tier;
  country: Country;
  territories: string[];
  specialties: string[];
  capacity: number;
  weight: number;
  standing: Standing;
  /** Leads created after this moment never reach the partner. */
  suspendedSince: Date | null;
  calendar: BusinessCalendar;
}
export interface SeedLeadType extends DemoLeadType {
  id: string;
}
export interface SeedCampaign extends DemoCampaign {
  id: string;
}

type Row = Record<string, unknown>;
export interface LeadRows {
  leads: Row[];
  decisions: Row[];
  assignments: Row[];
  breaches: Row[];
  events: Row[];
}

interface Place {
  country: Country;
  postalCode: string;
  product: string;
}

/** Plain-English forms of the exclusion codes, for decision summaries. */
const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  inactive: 'inactive', suspended: 'suspended', outside_territory: 'outside territory', lacks_specialty: 'without the specialty',
  tier_not_allowed: 'tier not allowed', at_capacity: 'at capacity', already_had_lead: 'already had the lead',
};

export interface LeadGenerationInput {
  now: Date;
  random: Random;
  partners: SeedPartner[];
  leadTypes: SeedLeadType[];
  campaigns: SeedCampaign[];
  /** Who sent the leads, as intake records it: the actor of "created" events ("token:<id>") and its name in words. */
  intake: { actor: string; source: string };
  /** Actor per partner id for the partner's own actions ("user:<id>"); others act as "partner:<id>". */
  partnerActors: Map<string, string>;
}

/** Builds every demo lead with its whole history. */
export function generateLeads(input: LeadGenerationInput): LeadRows {
  const generator = new LeadGenerator(input);
  let n = 0;
  for (const [status, count] of Object.entries(STATUS_QUOTAS) as [LeadStatus, number][]) {
    for (let i = 0; i < count; i++) generator.lead(status, ++n);
  }
  return generator.rows;
}

class LeadGenerator {
  readonly rows: LeadRows = { leads: [], decisions: [], assignments: [], breaches: [], events: [] };
  /** Leads each partner currently holds in an open status, so capacity is respected. */
  private readonly held = new Map<string, number>();
  /** Per partner, the contact and feedback clocks told so far and how many of them it missed. */
  private readonly clockTallies = new Map<string, { due: number; missed: number }>();

  private readonly now: Date;
  private readonly random: Random;
  private readonly partners: SeedPartner[];
  private readonly leadTypes: SeedLeadType[];
  private readonly campaigns: SeedCampaign[];
  private readonly intake: { actor: string; source: string };
  private readonly partnerActors: Map<string, string>;

  constructor(input: LeadGenerationInput) {
    ({ now: this.now, random: this.random, partners: this.partners, leadTypes: this.leadTypes, campaigns: this.campaigns, intake: this.intake, partnerActors: this.partnerActors } = input);
  }

  lead(status: LeadStatus, n: number): void {
    const type = this.random.weighted(this.leadTypes, (t) => t.share);
    const [minDays, maxDays] = AGE_DAYS[status];
    const ageMs = (minDays + this.random.next() * (maxDays - minDays)) * DAY;
    // A story whose later steps would lie in the future is retold one day earlier; a still-running
    // clock overdue for a partner that is usually in time is retold closer to now.
    const shrink = ['offered', 'accepted', 'contacted'].includes(status);
    for (let attempt = 0; attempt < 40; attempt++) {
      const age = shrink ? ageMs / 2 ** attempt : ageMs + attempt * DAY;
      const createdAt = new Date(this.now.getTime() - age);
      const story = this.story(status, type, createdAt, n);
      if (story && story.lastAt <= this.now && !story.implausible && !story.overdueOffer(this.now)) {
        this.commit(story);
        return;
      }
    }
    throw new Error(`Demo data: could not build a ${status} lead`);
  }

  private story(status: LeadStatus, type: SeedLeadType, createdAt: Date, n: number): Story | null {
    const story = new Story(this.random.uuid(), createdAt);
    const campaign = this.campaignAt(createdAt);
    if (status === 'new') {
      const place = this.placeFor(type, createdAt, true);
      if (!place) return null;
      story.lead = this.leadRow(story.leadId, n, type, campaign, place, createdAt);
      this.received(story, type, campaign);
      return story.finish('new', null);
    }
    if (status === 'unallocated') {
      const place = this.placeFor(type, createdAt, false);
      if (!place) return null;
      story.lead = this.leadRow(story.leadId, n, type, campaign, place, createdAt);
      this.received(story, type, campaign);
      const decidedAt = new Date(createdAt.getTime() + 20_000);
      const candidates = this.candidates(type, place, createdAt, []);
      const summary = summarize(candidates);
      const decisionId = this.decision(story, decidedAt, candidates, null, summary);
      story.event(decidedAt, 'unallocated', null, ALLOCATION_ACTOR, summary, { decisionId });
      return story.finish('unallocated', null);
    }

    const place = this.placeFor(type, createdAt, true);
    if (!place) return null;
    story.lead = this.leadRow(story.leadId, n, type, campaign, place, createdAt);
    this.received(story, type, campaign);
    let offeredAt = new Date(createdAt.getTime() + 20_000);
    const tried: string[] = [];

    // Some leads were turned down or recalled by a first partner before the one that kept them.
    const handedOn = !['offered', 'declined', 'recalled'].includes(status) && this.random.chance(0.12);
    if (handedOn) {
      const first = this.offer(story, type, place, offeredAt, tried);
      if (!first) return null;
      const recalled = this.random.chance(LATENESS[first.partner.standing] * 2);
      const ended = recalled ? this.recall(story, first) : this.decline(story, first);
      tried.push(first.partner.id);
      offeredAt = new Date(ended.getTime() + 20_000);
    }

    const assignment = this.offer(story, type, place, offeredAt, tried);
    if (!assignment) return null;
    if (status === 'offered') return story.finish('offered', assignment.partner);
    if (status === 'declined') {
      this.decline(story, assignment);
      return story.finish('declined', null);
    }
    if (status === 'recalled') {
      this.recall(story, assignment);
      return story.finish('recalled', null);
    }

    const acceptedAt = this.inTime(assignment.offeredAt, assignment.acceptDueAt);
    assignment.row.status = 'accepted';
    assignment.row.accepted_at = acceptedAt;
    story.event(acceptedAt, 'accepted', assignment.partner, this.partnerActor(assignment.partner), `Accepted by ${assignment.partner.name}`, { assignmentId: assignment.id });
    if (status === 'accepted') {
      this.openClock(story, assignment, 'contact', assignment.contactDueAt);
      return story.finish('accepted', assignment.partner);
    }

    const contactedAt = this.actionTime(acceptedAt, assignment.contactDueAt, assignment.partner);
    this.clock(story, assignment, 'contact', assignment.contactDueAt, contactedAt);
    assignment.row.first_contact_at = contactedAt;
    const how = this.random.pick(CONTACT_KINDS);
    story.event(contactedAt, 'activity', assignment.partner, this.partnerActor(assignment.partner), `First contact by ${assignment.partner.name} (${how})`, { assignmentId: assignment.id, type: how });
    if (status === 'contacted') {
      this.openClock(story, assignment, 'feedback', assignment.feedbackDueAt);
      return story.finish('contacted', assignment.partner);
    }

    const verdictAt = this.actionTime(contactedAt, assignment.feedbackDueAt, assignment.partner);
    this.clock(story, assignment, 'feedback', assignment.feedbackDueAt, verdictAt);
    assignment.row.feedback_at = verdictAt;
    const actor = this.partnerActor(assignment.partner);
    if (status === 'disqualified') {
      const reason = this.random.pick(DISQUALIFY_REASONS);
      story.event(verdictAt, 'feedback', assignment.partner, actor, `Disqualified by ${assignment.partner.name}: ${reason.text}`, { assignmentId: assignment.id, verdict: 'disqualified', reasonCode: reason.code, reasonText: reason.text });
      story.outcome(reason);
      this.close(assignment, verdictAt);
      return story.finish('disqualified', assignment.partner, verdictAt);
    }
    story.event(verdictAt, 'feedback', assignment.partner, actor, `Qualified by ${assignment.partner.name}`, { assignmentId: assignment.id, verdict: 'qualified' });
    if (status === 'qualified') return story.finish('qualified', assignment.partner);

    const currency = CURRENCY[place.country];
    const skipOpportunity = status === 'lost' && this.random.chance(0.4);
    let lastAt = verdictAt;
    if (!skipOpportunity) {
      const amount = this.random.int(30, 1200) * 25_000;
      lastAt = new Date(verdictAt.getTime() + this.random.int(2, 15) * DAY + this.random.int(0, 8) * HOUR);
      story.lead.opportunity_amount_minor = amount;
      story.lead.currency = currency;
      story.event(lastAt, 'feedback', assignment.partner, actor, `Opportunity of ${formatMoney(amount, currency)} reported by ${assignment.partner.name}`, { assignmentId: assignment.id, verdict: 'opportunity', amountMinor: amount, currency });
      if (status === 'opportunity') return story.finish('opportunity', assignment.partner);
    }

    const closedAt = new Date(lastAt.getTime() + this.random.int(5, 40) * DAY + this.random.int(0, 8) * HOUR);
    this.close(assignment, closedAt);
    if (status === 'won') {
      const won = Math.round(((story.lead.opportunity_amount_minor as number) * this.random.int(80, 110)) / 100 / 100) * 100;
      story.lead.won_amount_minor = won;
      story.event(closedAt, 'feedback', assignment.partner, actor, `Won: ${formatMoney(won, currency)}, reported by ${assignment.partner.name}`, { assignmentId: assignment.id, verdict: 'won', amountMinor: won, currency });
      return story.finish('won', assignment.partner, closedAt);
    }
    const reason = this.random.pick(LOSS_REASONS);
    story.outcome(reason);
    story.event(closedAt, 'feedback', assignment.partner, actor, `Lost, reported by ${assignment.partner.name}: ${reason.text}`, { assignmentId: assignment.id, verdict: 'lost', reasonCode: reason.code, reasonText: reason.text });
    return story.finish('lost', assignment.partner, closedAt);
  }

  private commit(story: Story): void {
    const { rows } = this;
    rows.leads.push(story.lead);
    rows.decisions.push(...story.decisions);
    rows.assignments.push(...story.assignments.map((a) => a.row));
    rows.breaches.push(...story.breaches);
    rows.events.push(...story.events);
    if (story.holder) this.held.set(story.holder.id, (this.held.get(story.holder.id) ?? 0) + 1);
  }

  // ---- allocation -------------------------------------------------------------------------

  /** Runs a demo allocation; returns the new assignment, or null when nobody is eligible. */
  private offer(story: Story, type: SeedLeadType, place: Place, offeredAt: Date, tried: string[]): Assignment | null {
    const candidates = this.candidates(type, place, offeredAt, tried);
    if (candidates.eligible.length === 0) return null;
    // The best score wins, as in the real policy; the draw only breaks ties.
    candidates.eligible.sort((a, b) => b.score - a.score);
    const partner = this.partners.find((p) => p.id === candidates.eligible[0].partnerId)!;
    const decisionId = this.decision(story, offeredAt, candidates, partner, summarize(candidates));
    const assignment = new Assignment(this.random.uuid(), story.leadId, partner, decisionId, offeredAt, type);
    story.assignments.push(assignment);
    story.event(
      offeredAt, 'offered', partner, ALLOCATION_ACTOR, `Offered to ${partner.name}`,
      { assignmentId: assignment.id, decisionId, mode: 'automatic', acceptDueAt: assignment.acceptDueAt, contactDueAt: assignment.contactDueAt, feedbackDueAt: assignment.feedbackDueAt },
    );
    return assignment;
  }

  private decision(story: Story, at: Date, candidates: RecordedCandidates, winner: SeedPartner | null, summary: string): string {
    const id = this.random.uuid();
    story.decisions.push({
      id, lead_id: story.leadId, decided_at: at, mode: 'automatic', policy_version: POLICY_VERSION,
      winner_partner_id: winner?.id ?? null, actor: ALLOCATION_ACTOR, reason: null, summary, candidates,
    });
    return id;
  }

  /** The partners in the lead's country, each eligible (with a score) or excluded (with every reason that applies). */
  private candidates(type: SeedLeadType, place: Place, at: Date, tried: string[]): RecordedCandidates {
    const recorded: RecordedCandidates = { eligible: [], excluded: [] };
    for (const p of this.partners.filter((c) => c.country === place.country)) {
      const reasons = this.exclusions(p, type, place, at, tried);
      if (reasons.length > 0) {
        recorded.excluded.push({ partnerId: p.id, name: p.name, reasons });
        continue;
      }
      const effectiveWeight = p.standing === 'warning' ? p.weight / 2 : p.weight;
      // Fair share: a partner further behind its share of recent leads scores higher; jitter stands in for history.
      const score = Math.round((effectiveWeight / ((this.held.get(p.id) ?? 0) + 1 + this.random.next())) * 1000) / 1000;
      recorded.eligible.push({ partnerId: p.id, name: p.name, score, effectiveWeight });
    }
    recorded.excluded.sort((a, b) => a.name.localeCompare(b.name));
    return recorded;
  }

  private exclusions(p: SeedPartner, type: SeedLeadType, place: Place, at: Date, tried: string[]): ExclusionReason[] {
    const reasons: ExclusionReason[] = [];
    if (p.suspendedSince && p.suspendedSince <= at) reasons.push('suspended');
    if (!coversPostalCode(p.territories, place.country, place.postalCode)) reasons.push('outside_territory');
    if (!p.specialties.includes(place.product)) reasons.push('lacks_specialty');
    if (!type.allowedTiers.includes(p.tier)) reasons.push('tier_not_allowed');
    if ((this.held.get(p.id) ?? 0) >= p.capacity) reasons.push('at_capacity');
    if (tried.includes(p.id)) reasons.push('already_had_lead');
    return reasons;
  }

  /**
   * Where a lead comes from: for allocated leads a place some partner covers, for unallocated
   * leads one nobody eligible covers.
   */
  private placeFor(type: SeedLeadType, at: Date, covered: boolean): Place | null {
    for (let i = 0; i < 200; i++) {
      const place = covered ? this.coveredPlace() : this.anyPlace();
      const eligible = this.candidates(type, place, at, []).eligible.length > 0;
      if (eligible === covered) return place;
    }
    return null;
  }

  private coveredPlace(): Place {
    const partner = this.random.weighted(this.partners, (p) => p.weight);
    const territory = this.random.pick(partner.territories);
    const prefix = territory.split('-')[1] ?? '';
    return { country: partner.country, postalCode: postalCode(this.random, partner.country, prefix), product: this.random.pick(partner.specialties) };
  }

  private anyPlace(): Place {
    const country = this.random.weighted(Object.keys(COUNTRY_SHARE) as Country[], (c) => COUNTRY_SHARE[c]);
    return { country, postalCode: postalCode(this.random, country, ''), product: this.random.pick(PRODUCTS) };
  }

  // ---- SLA clocks ---------------------------------------------------------------------------

  /**
   * When a partner acts on a clock running from `from` to `due`: mostly in time, sometimes late.
   * (Accepts are never late: the sweep recalls an offer at its due time.)
   */
  private actionTime(from: Date, due: Date, partner: SeedPartner): Date {
    const late = due <= from || this.missesNext(partner);
    if (!late) return this.inTime(from, due);
    const earliest = Math.max(due.getTime(), from.getTime()) + 30 * MINUTE;
    return this.between(earliest, earliest + 48 * HOUR);
  }

  /** Whether the partner misses its next clock: misses come evenly, reaching its standing's share of its clocks. */
  private missesNext(partner: SeedPartner): boolean {
    const tally = this.clockTallies.get(partner.id) ?? { due: 0, missed: 0 };
    tally.due++;
    const late = tally.missed + 1 <= LATENESS[partner.standing] * tally.due;
    if (late) tally.missed++;
    this.clockTallies.set(partner.id, tally);
    return late;
  }

  private inTime(from: Date, due: Date): Date {
    return this.between(from.getTime() + MINUTE, due.getTime());
  }

  /** A moment in [start, end], but not after now; past `end` only when even `start` lies in the future (the story is then retold). */
  private between(start: number, end: number): Date {
    const latest = Math.min(end, this.now.getTime());
    if (latest <= start) return new Date(start);
    return new Date(start + (latest - start) * (0.05 + 0.9 * this.random.next()));
  }

  /** Records a breach when the clock's action came after its due time. */
  private clock(story: Story, a: Assignment, kind: ClockKind, due: Date, doneAt: Date): void {
    if (doneAt > due) this.breach(story, a, kind, due, doneAt);
  }

  /** A clock still running: breached if "now" is already past its due time, which only late partners let happen. */
  private openClock(story: Story, a: Assignment, kind: ClockKind, due: Date): void {
    if (this.now.getTime() <= due.getTime() + DETECTION_DELAY) return;
    if (!this.random.chance(LATENESS[a.partner.standing])) story.implausible = true;
    this.breach(story, a, kind, due, null);
  }

  /** A missed clock as the sweep records it: the breach row and its timeline line, a minute after the due time. */
  private breach(story: Story, a: Assignment, kind: ClockKind, due: Date, curedAt: Date | null): Date {
    const detectedAt = new Date(due.getTime() + DETECTION_DELAY);
    story.breaches.push({ id: this.random.uuid(), assignment_id: a.id, lead_id: story.leadId, partner_id: a.partner.id, kind, due_at: due, detected_at: detectedAt, cured_at: curedAt });
    const summary = BREACH_SUMMARIES[kind].replace('%s', a.partner.name).replace('%s', formatDue(due));
    story.event(detectedAt, 'breach', a.partner, SWEEP_ACTOR, summary, { assignmentId: a.id, breach: kind, dueAt: due });
    return detectedAt;
  }

  // ---- assignment endings -------------------------------------------------------------------

  private decline(story: Story, a: Assignment): Date {
    const at = this.inTime(a.offeredAt, a.acceptDueAt);
    const reason = this.random.pick(DECLINE_REASONS);
    Object.assign(a.row, { status: 'declined', ended_at: at, end_reason_code: reason.code, end_reason_text: reason.text });
    story.event(at, 'declined', a.partner, this.partnerActor(a.partner), `Declined by ${a.partner.name}: ${reason.text}`, { assignmentId: a.id, reasonCode: reason.code, reasonText: reason.text });
    return at;
  }

  /** Not accepted in time: the sweep records the breach and recalls the offer in the same run. */
  private recall(story: Story, a: Assignment): Date {
    const at = this.breach(story, a, 'accept', a.acceptDueAt, null);
    Object.assign(a.row, { status: 'recalled', ended_at: at, end_reason_code: 'accept_timeout' });
    story.event(at, 'recalled', a.partner, SWEEP_ACTOR, `Not accepted within the agreed time: offer recalled from ${a.partner.name}`, { assignmentId: a.id, reasonCode: 'accept_timeout' });
    return at;
  }

  private close(a: Assignment, at: Date): void {
    Object.assign(a.row, { status: 'closed', ended_at: at });
  }

  // ---- the lead itself ----------------------------------------------------------------------

  private leadRow(id: string, n: number, type: SeedLeadType, campaign: SeedCampaign | null, place: Place, createdAt: Date): Row {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const company = this.random.pick(COMPANIES[place.country]);
    const domain = `${company.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '').slice(0, 18)}.${DOMAIN_SUFFIX[place.country]}`;
    const email = `${ascii(first)}.${ascii(last)}.${n}@${domain}`;
    return {
      id, lead_type_id: type.id, campaign_id: campaign?.id ?? null, status: 'new',
      external_id: `MKTO-${100_000 + n * 7}`, email, email_normalized: email.toLowerCase(),
      first_name: first, last_name: last, phone: phoneFor(this.random, place.country), job_title: this.random.pick(JOB_TITLES),
      company, country: place.country, postal_code: place.postalCode, product_interest: place.product,
      score: type.key === 'content-download-mql' ? this.random.int(60, 95) : this.random.int(35, 100),
      notes: this.random.chance(0.3) ? `Asked about ${place.product} for ${this.random.int(2, 40) * 25} users` : null,
      current_partner_id: null, opportunity_amount_minor: null, won_amount_minor: null, currency: null,
      outcome_reason_code: null, outcome_reason_text: null, created_at: createdAt, updated_at: createdAt, closed_at: null,
    };
  }

  private received(story: Story, type: SeedLeadType, campaign: SeedCampaign | null): void {
    const source = campaign ? ` via campaign "${campaign.name}"` : '';
    story.event(story.createdAt, 'created', null, this.intake.actor, `Lead received from ${this.intake.source} as "${type.name}"${source}`, { leadType: type.key, campaign: campaign?.key ?? null, externalId: story.lead.external_id });
  }

  private campaignAt(at: Date): SeedCampaign | null {
    const daysAgo = (this.now.getTime() - at.getTime()) / DAY;
    const running = this.campaigns.filter((c) => c.startsDaysAgo >= daysAgo && (c.endsDaysAgo === null || c.endsDaysAgo <= daysAgo));
    return running.length === 0 || this.random.chance(0.08) ? null : this.random.weighted(running, (c) => c.share);
  }

  private partnerActor(partner: SeedPartner): string {
    return this.partnerActors.get(partner.id) ?? `partner:${partner.id}`;
  }
}

type ClockKind = 'accept' | 'contact' | 'feedback';
/** Worded as the SLA sweep words them. */
const BREACH_SUMMARIES: Record<ClockKind, string> = {
  accept: 'Not accepted by %s within the agreed time (due %s)',
  contact: 'Not contacted by %s within the agreed time (due %s)',
  feedback: 'No feedback from %s within the agreed time (due %s)',
};

class Assignment {
  readonly acceptDueAt: Date;
  readonly contactDueAt: Date;
  readonly feedbackDueAt: Date;
  readonly row: Row;

  constructor(readonly id: string, leadId: string, readonly partner: SeedPartner, decisionId: string, readonly offeredAt: Date, type: SeedLeadType) {
    const due = computeDueTimes(
      { offeredAt, accept: type.acceptMinutes, contact: type.contactMinutes, feedback: type.feedbackMinutes, businessTime: type.businessTime },
      partner.calendar,
    );
    this.acceptDueAt = due.acceptDueAt;
    this.contactDueAt = due.contactDueAt;
    this.feedbackDueAt = due.feedbackDueAt;
    this.row = {
      id, lead_id: leadId, partner_id: partner.id, decision_id: decisionId, status: 'offered', offered_at: offeredAt,
      accept_due_at: this.acceptDueAt, contact_due_at: this.contactDueAt, feedback_due_at: this.feedbackDueAt,
      accepted_at: null, first_contact_at: null, feedback_at: null, ended_at: null, end_reason_code: null, end_reason_text: null,
    };
  }
}

/** One lead's rows while they are being built; kept only if every step lies in the past. */
class Story {
  lead: Row = {};
  readonly decisions: Row[] = [];
  readonly assignments: Assignment[] = [];
  readonly breaches: Row[] = [];
  readonly events: Row[] = [];
  holder: SeedPartner | null = null;
  lastAt: Date;
  /** Set when the story does not fit its partner's habits; it is then told again. */
  implausible = false;

  constructor(readonly leadId: string, readonly createdAt: Date) {
    this.lastAt = createdAt;
  }

  event(at: Date, kind: string, partner: SeedPartner | null, actor: string, summary: string, data: Record<string, unknown>): void {
    this.events.push({ lead_id: this.leadId, at, kind, partner_id: partner?.id ?? null, actor, summary, data });
    if (at > this.lastAt) this.lastAt = at;
  }

  /** An offer still open past its accept time, which the sweep would already have recalled. */
  overdueOffer(now: Date): boolean {
    return this.assignments.some((a) => a.row.status === 'offered' && a.acceptDueAt < now);
  }

  outcome(reason: { code: string; text: string }): void {
    this.lead.outcome_reason_code = reason.code;
    this.lead.outcome_reason_text = reason.text;
  }

  /** Sets the final status; open statuses count against the holder's capacity. */
  finish(status: LeadStatus, partner: SeedPartner | null, closedAt: Date | null = null): Story {
    this.events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
    Object.assign(this.lead, { status, current_partner_id: partner?.id ?? null, closed_at: closedAt, updated_at: this.lastAt });
    this.holder = partner && !['won', 'lost', 'disqualified'].includes(status) ? partner : null;
    return this;
  }
}

export function coversPostalCode(territories: string[], country: string, postalCode: string): boolean {
  const compact = postalCode.replace(/\s+/g, '').toUpperCase();
  return territories.some((t) => {
    const [c, prefix] = t.split('-');
    return c === country && (!prefix || compact.startsWith(prefix));
  });
}

function postalCode(random: Random, country: Country, prefix: string): string {
  switch (country) {
    case 'DE': case 'FR': case 'US':
      return prefix + random.digits(5 - prefix.length);
    case 'AT': case 'CH':
      return prefix + random.digits(4 - prefix.length);
    case 'NL':
      return `${prefix}${random.digits(4 - prefix.length)} ${random.pick(['AB', 'CD', 'GH', 'KL', 'PR', 'XT'])}`;
    case 'GB': {
      const area = prefix || random.pick(GB_AREAS);
      return `${area}${random.int(1, 20)} ${random.int(1, 9)}${random.pick(['AA', 'BD', 'HT', 'NP', 'RX', 'UW'])}`;
    }
  }
}

const DIAL_CODE: Record<Country, string> = { DE: '+49', AT: '+43', CH: '+41', FR: '+33', NL: '+31', GB: '+44', US: '+1' };
function phoneFor(random: Random, country: Country): string {
  return `${DIAL_CODE[country]} ${random.digits(3)} ${random.digits(7)}`;
}

function ascii(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
}

/** The decision's one-line explanation, in the words the allocation policy uses. */
function summarize({ eligible, excluded }: RecordedCandidates): string {
  const counts = (Object.keys(EXCLUSION_LABELS) as ExclusionReason[])
    .map((reason) => ({ reason, count: excluded.filter((p) => p.reasons.includes(reason)).length }))
    .filter(({ count }) => count > 0)
    .map(({ reason, count }) => `${count} ${EXCLUSION_LABELS[reason]}`);
  const exclusions = `${excluded.length} excluded (${counts.join(', ')})`;
  if (eligible.length === 0) return excluded.length === 0 ? 'No eligible partner: no partners to consider' : `No eligible partner: ${exclusions}`;
  const why = eligible.length === 1 ? 'the only eligible partner' : `best fair-share score among ${eligible.length} eligible partners`;
  return excluded.length === 0 ? `Offered to ${eligible[0].name}: ${why}` : `Offered to ${eligible[0].name}: ${why}; ${exclusions}`;
}

/** "2 March 2026, 13:00 UTC", like the sweep's summaries. */
function formatDue(at: Date): string {
  const month = at.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${at.getUTCDate()} ${month} ${at.getUTCFullYear()}, ${at.toISOString().slice(11, 16)} UTC`;
}

function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}
