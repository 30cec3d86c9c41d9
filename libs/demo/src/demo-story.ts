// Plays ~90 days of lead traffic through the real services on a manual clock: intake (which allocates),
// the partners' reps acting by their diligence, the SLA sweeps, the daily compliance recompute.
import { AllocationOutcome, AllocationService, JOBS_ACTOR } from '@leadgate/allocation';
import { actorOf, describePrincipal, Principal } from '@leadgate/auth';
import { DomainError, DomainErrorCode } from '@leadgate/common';
import { addBusinessMinutes, BusinessCalendar, ComplianceService, SlaSweepService } from '@leadgate/compliance';
import { FollowUpService } from '@leadgate/follow-up';
import { CreateLeadDto, IntakeService } from '@leadgate/intake';
import { ReportRollupService } from '@leadgate/reporting';
import { DEMO_LEAD_TYPES, DemoLeadType } from './data/demo-catalog';
import { DECLINE_REASONS } from './data/demo-people';
import { Country, CURRENCY, DemoPartner } from './data/demo-partners';
import { arrivalTimes, demoLeadInput } from './demo-leads';
import { createDemoContext, DemoHost } from './demo-context';
import { DILIGENCE, planOffer, RepStep } from './diligence';
import { Random } from './random';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STORY_DAYS = 90;
/** Leads received over the story: enough for every figure, few enough for a quick embedded start. */
const STORY_LEADS = 310;
/**
 * The SLA sweep's cadence in the story. The worker sweeps every minute; sweeping that often through
 * 90 days would slow the embedded start, so recalls and breaches come to light up to this much later.
 */
const SWEEP_EVERY = 6 * HOUR;
/**
 * For the last hours before "now", allocation is held (the demo's one stand-in, see createDemoContext):
 * leads received, declined or recalled meanwhile wait for the worker's allocation job (new, declined,
 * recalled), as they would after an outage. Without it, those statuses never rest: intake, a decline
 * and the sweep each re-offer a lead at once.
 */
const HELD_HOURS = 3;
/**
 * The story's last leads, scripted so that every status shows whatever the random traffic did. They ask
 * about networking in Munich (DE-80), which an exemplary platinum partner covers. Times are hours before "now".
 */
const FINALE: { hoursAgo: number; leadType: string; plan: RepStep[] }[] = [
  // Accepted, not yet contacted.
  { hoursAgo: 5, leadType: 'content-download-mql', plan: [{ afterHours: 0.5, action: 'accept' }] },
  // Offered: its accept clock (one business day) runs past "now".
  { hoursAgo: 4.5, leadType: 'content-download-mql', plan: [] },
  // Declined while allocation is held.
  { hoursAgo: 4, leadType: 'content-download-mql', plan: [{ afterHours: 3, action: 'decline', reason: DECLINE_REASONS[0] }] },
  // Recalled: its one-hour accept clock (calendar time) lapses while allocation is held.
  { hoursAgo: 3.75, leadType: 'urgent-callback', plan: [] },
  // New: received while allocation is held.
  { hoursAgo: 1.5, leadType: 'demo-request', plan: [] },
];
const FINALE_PIN = { country: 'DE', postalPrefix: '80', product: 'networking' } as const;

export interface StoryCast {
  partners: { id: string; demo: DemoPartner; calendar: BusinessCalendar }[];
  /** Per partner id, the rep who acts on its leads. */
  reps: Map<string, Principal>;
  channelManager: Principal;
  /** Sets the overrides of partners no channel manager manages (a manager may only touch its own). */
  admin: Principal;
  intake: Principal;
}

const SLA_MINUTES: Record<'accept' | 'contact' | 'feedback', (type: DemoLeadType) => number> = {
  accept: (t) => t.acceptMinutes,
  contact: (t) => t.contactMinutes,
  feedback: (t) => t.feedbackMinutes,
};

interface Happening {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** Happenings in time order (ties in the order they were planned). */
class Agenda {
  private readonly items: Happening[] = [];
  private seq = 0;

  add(at: number, run: () => Promise<void>): void {
    const item = { at, seq: this.seq++, run };
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }

  nextAt(): number {
    return this.items[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  take(): Happening {
    return this.items.shift()!;
  }
}

/** Plays the story up to `now`; returns how many leads came in. */
export async function playDemoStory(host: DemoHost, now: Date, cast: StoryCast, random: Random): Promise<{ leads: number }> {
  const end = now.getTime();
  const start = end - STORY_DAYS * DAY;
  const context = await createDemoContext(host, new Date(start));
  const { app, clock } = context;
  const intake = app.get(IntakeService);
  const followUp = app.get(FollowUpService);
  const allocation = app.get(AllocationService);
  const sweeps = app.get(SlaSweepService);
  const compliance = app.get(ComplianceService);
  const partnerOf = new Map(cast.partners.map((p) => [p.id, p]));
  /** Per lead: where it is from, its type, and the scripted plan of a finale lead. */
  const leadOf = new Map<string, { country: Country; type: DemoLeadType; plan?: RepStep[] }>();
  const agenda = new Agenda();
  let leads = 0;

  /** A rep's plan for a new offer, step by step; it ends early once the lead is no longer theirs to act on. */
  const offeredTo = (leadId: string, partnerId: string) => {
    const rep = cast.reps.get(partnerId)!;
    const { demo, calendar } = partnerOf.get(partnerId)!;
    const { type, plan } = leadOf.get(leadId)!;
    const steps = plan ?? planOffer(DILIGENCE[demo.diligence], random);
    const offeredAt = clock.now();
    /** The rep's time for a step: a clock's share in the partner's working time (as the clock runs), or hours after the last step. */
    const timeOf = (step: RepStep, from: number): number => {
      if ('afterHours' in step) return from + step.afterHours * HOUR;
      const minutes = step.share * SLA_MINUTES[step.clock](type);
      const at = type.businessTime ? addBusinessMinutes(offeredAt, minutes, calendar).getTime() : offeredAt.getTime() + minutes * MINUTE;
      return Math.max(at, from + MINUTE);
    };
    const next = (i: number, from: number) => {
      if (i >= steps.length) return;
      const at = timeOf(steps[i], from);
      agenda.add(at, async () => {
        if (await act(leadId, rep, steps[i])) next(i + 1, at);
      });
    };
    next(0, offeredAt.getTime());
  };
  const offered = (outcome: AllocationOutcome | undefined) => {
    if (outcome?.kind === 'offered') offeredTo(outcome.leadId, outcome.partnerId);
  };

  const act = async (leadId: string, rep: Principal, step: RepStep): Promise<boolean> => {
    const currency = CURRENCY[leadOf.get(leadId)!.country];
    try {
      switch (step.action) {
        case 'accept':
          await followUp.accept(leadId, rep);
          break;
        case 'decline':
          offered((await followUp.decline(leadId, rep, { reasonCode: step.reason.code, reasonText: step.reason.text })).reallocation);
          break;
        case 'contact':
          await followUp.logActivity(leadId, rep, { type: step.how as 'call' | 'email' | 'meeting' });
          break;
        case 'qualified':
          await followUp.feedback(leadId, rep, { verdict: 'qualified' });
          break;
        case 'opportunity':
        case 'won':
          await followUp.feedback(leadId, rep, { verdict: step.action, amountMinor: step.amountMinor, currency });
          break;
        case 'disqualified':
        case 'recycled':
        case 'lost':
          await followUp.feedback(leadId, rep, { verdict: step.action, reasonCode: step.reason.code, reasonText: step.reason.text });
          break;
      }
      return true;
    } catch (error) {
      // Too late: the offer was recalled, or the lead moved on without the rep.
      if (error instanceof DomainError && [DomainErrorCode.NotFound, DomainErrorCode.Conflict].includes(error.code)) return false;
      throw error;
    }
  };

  const source = { actor: actorOf(cast.intake), source: describePrincipal(cast.intake) };
  const receive = (input: CreateLeadDto, at: number, plan?: RepStep[]) =>
    agenda.add(at, async () => {
      const { lead } = await intake.intake(input, source);
      leads++;
      leadOf.set(lead.id, { country: input.country as Country, type: DEMO_LEAD_TYPES.find((t) => t.key === input.leadType)!, plan });
      if (lead.currentPartnerId) offeredTo(lead.id, lead.currentPartnerId);
    });
  const arrivals = arrivalTimes(random, new Date(start), new Date(end - FINALE[0].hoursAgo * HOUR), STORY_LEADS - FINALE.length);
  arrivals.forEach((at, i) => receive(demoLeadInput(random, i + 1, at, now), at.getTime()));
  FINALE.forEach(({ hoursAgo, leadType, plan }, i) => {
    const at = new Date(end - hoursAgo * HOUR);
    receive(demoLeadInput(random, arrivals.length + i + 1, at, now, { leadType, ...FINALE_PIN }), at.getTime(), plan);
  });

  for (const { id, demo } of cast.partners) {
    if (!demo.override) continue;
    const { daysAgo, days, reason } = demo.override;
    const at = end - daysAgo * DAY;
    agenda.add(at, async () => {
      const by = demo.managed ? cast.channelManager : cast.admin;
      await compliance.setOverride(id, { standing: 'suspended', reason, endsAt: new Date(at + days * DAY).toISOString() }, by);
    });
  }
  agenda.add(end - HELD_HOURS * HOUR, async () => context.holdAllocation(true));

  // As the sla-sweep job: recalls first, each recalled lead re-offered at once, then the other clocks.
  const sweep = async () => {
    const accept = await sweeps.sweepAcceptClocks();
    for (const leadId of accept.recalledLeadIds) offered(await allocation.allocate(leadId, JOBS_ACTOR));
    await sweeps.sweepContactClocks();
    await sweeps.sweepFeedbackClocks();
  };

  let nextSweep = start + SWEEP_EVERY;
  let nextRecompute = start + DAY;
  for (;;) {
    const at = Math.min(agenda.nextAt(), nextSweep, nextRecompute);
    if (at > end) break;
    clock.set(new Date(at));
    if (agenda.nextAt() === at) await agenda.take().run();
    else if (nextSweep === at) {
      await sweep();
      nextSweep += SWEEP_EVERY;
    } else {
      await compliance.recompute();
      nextRecompute += DAY;
    }
  }
  // "Now": the last sweep, the standings the story earned, and the dashboards' figures.
  clock.set(now);
  await sweep();
  await compliance.recompute();
  await app.get(ReportRollupService).run();
  await app.close();
  return { leads };
}
