// PURE: the vendor's lead page and the unallocated queue, shaped for the templates; no decisions are made here.
import { describeReason, EXCLUSION_REASONS, ExclusionReason } from '@leadgate/allocation';
import { FieldProblem, Page } from '@leadgate/common';
import type { LeadDetailDto, ListedLeadDto } from '@leadgate/leads';
import { ALLOCATABLE_STATUSES, AssignmentStatus, LeadStatus, REASSIGNABLE_STATUSES, type AllocationDecision } from '@leadgate/lifecycle';
import { localTime, spanInWords } from './lead-times';
import { errorsOf, shortIn } from './channel-view';
import { pagerView } from './view-address';

const openSlots = (p: { capacity: number; openLeads: number }): number => Math.max(0, p.capacity - p.openLeads);
/** "Alpha IT — good, 3 open slots". */
const slotsLabel = (p: { name: string; standing: string }, room: number): string => `${p.name} — ${p.standing}, ${room} open slot${room === 1 ? '' : 's'}`;

/** A partner as the move forms and the per-lead lists show it: live standing and room. */
export interface PartnerFacts {
  id: string;
  name: string;
  standing: string;
  active: boolean;
  capacity: number;
  openLeads: number;
}

/** Which partners declined the lead, with their reason code. */
export type Declines = Map<string, string | null>;

export interface MoveAttempt {
  values: Record<string, string>;
  fields: FieldProblem[];
  message: string;
}

/** The value the move form's partner list uses for "return to allocation". */
export const TO_ALLOCATION = 'allocation';

const BACK_TARGETS = [
  { pattern: /^\/manage\/leads(\?[^#]*)?$/, label: 'Leads' },
  { pattern: /^\/queue(\?[^#]*)?$/, label: 'Unallocated queue' },
];

/** Where "back" goes: the console view or queue page the viewer came from (only those), else the list the lead belongs in. */
export function backLinkOf(back: unknown, status: LeadStatus): { href: string; label: string } {
  const known = typeof back === 'string' ? BACK_TARGETS.find((target) => target.pattern.test(back)) : undefined;
  if (known) return { href: back as string, label: known.label };
  return status === LeadStatus.Unallocated ? { href: '/queue', label: 'Unallocated queue' } : { href: '/manage/leads', label: 'Leads' };
}

/** A stored reason code said in words; a code this version does not know is shown as stored. */
const inWords = (code: string): string => (EXCLUSION_REASONS.includes(code as ExclusionReason) ? describeReason(code as ExclusionReason) : code);
const codeInWords = (code: string | null): string => (code ? code.replace(/_/g, ' ') : 'no reason given');

/**
 * Every partner the viewer may choose for one lead: those the lead's last decision found eligible first (best
 * score first), then the others, each with why it cannot have the lead now — the decision's reasons, refreshed with
 * what is true now (an earlier decline, a suspension, no room left).
 */
export function partnerChoices(partners: PartnerFacts[], decision: AllocationDecision | undefined, declines: Declines = new Map()) {
  const eligible = new Map(decision?.candidates.eligible.map((c) => [c.partnerId, c.score]) ?? []);
  const excluded = new Map(decision?.candidates.excluded.map((c) => [c.partnerId, c.reasons]) ?? []);
  const rows = partners.map((p) => {
    const room = openSlots(p);
    const declined = declines.has(p.id);
    const now = [
      ...(declined ? [`declined this lead: ${codeInWords(declines.get(p.id) ?? null)}`] : []),
      ...(!p.active ? ['deactivated'] : []),
      ...(p.standing === 'suspended' ? ['suspended for missed SLAs'] : []),
      ...(room === 0 ? ['at capacity for open leads'] : []),
    ];
    // The decision's own reasons, less those said again from today's facts.
    const recorded = (excluded.get(p.id) ?? []).filter((r) => !['inactive', 'suspended', 'at_capacity'].includes(r) && !(declined && r === 'already_had_lead'));
    const why = [...now, ...recorded.map(inWords), ...(!eligible.has(p.id) && !excluded.has(p.id) && decision ? ['not considered: outside its territory'] : [])];
    const score = eligible.get(p.id);
    return {
      id: p.id,
      name: p.name,
      standing: p.standing,
      room,
      score: score === undefined ? null : score.toFixed(2),
      eligible: why.length === 0 && decision !== undefined,
      unchecked: why.length === 0 && !decision,
      // Nothing against it today, but no decision has weighed the lead yet (its territory, tier, specialty).
      why: why.length === 0 && !decision ? 'not checked yet: the lead has no allocation decision' : why.join('; '),
      sortScore: score ?? -1,
    };
  });
  return rows.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.sortScore - a.sortScore || a.name.localeCompare(b.name));
}

/** The move form's partner options: each says its standing and room, and why it is not a good choice. */
function moveOptions(choices: ReturnType<typeof partnerChoices>, selected: string | undefined) {
  return choices.map((c) => ({
    value: c.id,
    label: `${slotsLabel(c, c.room)}${c.eligible ? '' : ` (${c.why})`}`,
    selected: c.id === selected,
  }));
}

function clock(dueAt: Date, doneAt: Date | null, endedAt: Date | null, now: Date, zone: string): { text: string; state: string } {
  if (doneAt) return doneAt <= dueAt ? { text: `met ${shortIn(doneAt, zone)}`, state: 'met' } : { text: `late: ${shortIn(doneAt, zone)}, due ${shortIn(dueAt, zone)}`, state: 'missed' };
  if (endedAt) return { text: `stopped (due ${shortIn(dueAt, zone)})`, state: 'stopped' };
  return now > dueAt ? { text: `missed: due ${shortIn(dueAt, zone)}`, state: 'missed' } : { text: `due ${shortIn(dueAt, zone)}`, state: 'due' };
}

const ENDINGS: Record<AssignmentStatus, string> = {
  [AssignmentStatus.Offered]: 'Offered: waiting for accept or decline',
  [AssignmentStatus.Accepted]: 'Accepted: the partner works the lead',
  [AssignmentStatus.Declined]: 'Declined',
  [AssignmentStatus.Recalled]: 'Recalled: not accepted in time',
  [AssignmentStatus.Reassigned]: 'Taken back by the channel team',
  [AssignmentStatus.Closed]: 'Closed with a verdict',
};

export function leadPageView(input: {
  lead: LeadDetailDto;
  decisions: AllocationDecision[];
  names: Map<string, string>;
  partners: PartnerFacts[];
  declines: Declines;
  back: { href: string; label: string };
  mayForce: boolean;
  now: Date;
  zone: string;
  attempt?: MoveAttempt;
}) {
  const { lead, names, now, zone } = input;
  const name = (id: string | null) => (id ? (names.get(id) ?? 'another partner') : null);
  const latest = input.decisions[input.decisions.length - 1];
  const held = REASSIGNABLE_STATUSES.includes(lead.status as LeadStatus);
  const assignable = held || ALLOCATABLE_STATUSES.includes(lead.status as LeadStatus);
  const values = input.attempt?.values ?? {};
  const choices = partnerChoices(input.partners.filter((p) => p.id !== lead.currentPartnerId), latest, input.declines);
  return {
    title: lead.company,
    lead,
    back: input.back,
    zone,
    person: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
    holder: name(lead.currentPartnerId),
    owner: lead.owner?.name ?? null,
    received: shortIn(lead.createdAt, zone),
    outcomeReason: lead.outcomeReasonCode ? `${codeInWords(lead.outcomeReasonCode)}${lead.outcomeReasonText ? ` (${lead.outcomeReasonText})` : ''}` : null,
    assignments: lead.assignments.map((a) => ({
      partner: name(a.partnerId),
      offered: shortIn(a.offeredAt, zone),
      // A registered deal has no accept clock: the partner held it from the start.
      accept: a.acceptDueAt
        ? clock(new Date(a.acceptDueAt), a.acceptedAt && new Date(a.acceptedAt), a.endedAt && new Date(a.endedAt), now, zone)
        : { text: 'no accept clock: registered deal', state: 'none' },
      contact: clock(new Date(a.contactDueAt), a.firstContactAt && new Date(a.firstContactAt), a.endedAt && new Date(a.endedAt), now, zone),
      feedback: clock(new Date(a.feedbackDueAt), a.feedbackAt && new Date(a.feedbackAt), a.endedAt && new Date(a.endedAt), now, zone),
      outcome: ENDINGS[a.status as AssignmentStatus] ?? a.status,
      ended: a.endedAt ? shortIn(a.endedAt, zone) : null,
      // A move's reason is its text; its code says only what the outcome says already.
      reason: a.endReasonCode && a.status !== AssignmentStatus.Reassigned ? codeInWords(a.endReasonCode) : null,
      reasonText: a.endReasonText,
    })),
    timeline: lead.timeline.map((e) => ({ at: shortIn(e.at, zone), summary: e.summary, kind: e.kind })),
    decisions: input.decisions.map((d) => ({
      at: shortIn(d.decidedAt, zone),
      mode: d.mode,
      summary: d.summary,
      reason: d.reason,
      winner: name(d.winnerPartnerId),
      eligible: d.candidates.eligible.map((c) => ({ name: c.name, score: c.score.toFixed(2) })),
      excluded: d.candidates.excluded.map((c) => ({ name: c.name, reasons: c.reasons.map(inWords).join('; ') })),
    })),
    move: assignable && {
      held,
      heading: held ? `Move this lead away from ${name(lead.currentPartnerId)}` : 'Assign this lead',
      toAllocation: held && { value: TO_ALLOCATION, selected: values.partnerId === TO_ALLOCATION },
      options: moveOptions(choices, values.partnerId),
      choices,
      reason: values.reason ?? '',
      mayForce: input.mayForce,
      force: values.force === 'on',
      errors: errorsOf(input.attempt?.fields),
      message: input.attempt?.message,
    },
  };
}

/** The unallocated queue as one table: why each lead waits, since when, what and where; the partners each could go to. */
export function queueTableView(input: {
  page: Page<ListedLeadDto>;
  waitingSince: Map<string, Date>;
  latest: Map<string, AllocationDecision>;
  declines: Map<string, Declines>;
  partners: PartnerFacts[];
  attentionHours: number;
  now: Date;
  zone: string;
  attempt?: MoveAttempt & { leadIds: string[] };
}) {
  const { page, now, zone } = input;
  const here = page.page > 1 ? `/queue?page=${page.page}` : '/queue';
  const values = input.attempt?.values ?? {};
  return {
    title: 'Unallocated leads',
    total: page.total,
    zone,
    attentionHours: input.attentionHours,
    rows: page.items.map((lead) => {
      const since = input.waitingSince.get(lead.id) ?? new Date(lead.createdAt);
      const waited = now.getTime() - since.getTime();
      const decision = input.latest.get(lead.id);
      return {
        id: lead.id,
        href: `/manage/leads/${lead.id}?back=${encodeURIComponent(here)}`,
        company: lead.company,
        why: decision?.summary ?? 'Not decided yet: waiting for its first allocation',
        age: spanInWords(waited),
        since: localTime(since, now, zone),
        // Waited longer than UNALLOCATED_ATTENTION_HOURS: LeadGate keeps offering it, but a person should look.
        needsAttention: waited > input.attentionHours * 3_600_000,
        leadType: lead.leadType.name,
        place: [lead.country, lead.postalCode].filter(Boolean).join(' '),
        checked: input.attempt?.leadIds.includes(lead.id) ?? false,
        choices: partnerChoices(input.partners, decision, input.declines.get(lead.id)),
      };
    }),
    partners: input.partners.map((p) => {
      const room = openSlots(p);
      const flags = [...(!p.active ? ['deactivated'] : []), ...(p.standing === 'suspended' ? ['suspended'] : []), ...(room === 0 ? ['full'] : [])];
      return { value: p.id, label: `${slotsLabel(p, room)}${flags.length ? ` (${flags.join(', ')})` : ''}`, selected: p.id === values.partnerId };
    }),
    reason: values.reason ?? '',
    errors: errorsOf(input.attempt?.fields),
    message: input.attempt?.message,
    ...pagerView(page, (n) => `/queue?page=${n}`),
  };
}
