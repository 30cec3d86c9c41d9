// PURE: how each demo partner's reps treat an offer — the behaviour the demo's story is scripted from.
// Whether that behaviour meets an SLA, and what standing it earns, is left to the real services.
import { CONTACT_KINDS, DECLINE_REASONS, DISQUALIFY_REASONS, LOSS_REASONS, RECYCLE_REASONS } from './data/demo-people';
import { Random } from './random';

export type DiligenceName = 'exemplary' | 'reliable' | 'sloppy' | 'negligent';

/**
 * Shares are probabilities. A rep acts on each SLA clock at a share of that clock's time, counted in
 * the partner's working time as the clock is: in time below 1, late above — the sweep and the score decide.
 */
export interface Diligence {
  declines: number;
  /** Offers the rep never answers: the accept clock runs out and the sweep recalls them. */
  lapses: number;
  /** Clocks the rep meets; the rest it meets late. */
  onTime: number;
  /** Accepted leads the rep never contacts. */
  neverContacts: number;
  /** Contacted leads the rep never gives a verdict on. */
  neverReports: number;
}

export const DILIGENCE: Record<DiligenceName, Diligence> = {
  exemplary: { declines: 0.08, lapses: 0, onTime: 1, neverContacts: 0, neverReports: 0 },
  reliable: { declines: 0.1, lapses: 0.02, onTime: 0.97, neverContacts: 0.01, neverReports: 0.01 },
  sloppy: { declines: 0.12, lapses: 0.04, onTime: 0.88, neverContacts: 0.05, neverReports: 0.03 },
  negligent: { declines: 0.05, lapses: 0.3, onTime: 0.4, neverContacts: 0.3, neverReports: 0.3 },
};

const IN_TIME: [number, number] = [0.05, 0.9];
const LATE: [number, number] = [1.2, 3];
const HOURS_TO_OPPORTUNITY: [number, number] = [48, 360];
const HOURS_TO_CLOSE: [number, number] = [120, 960];

export type Reason = { code: string; text: string };

/**
 * When the rep does one thing: at `share` of an SLA clock's time after the offer (the clock it answers),
 * or `afterHours` after its previous step (the steps after the verdict, which no clock times).
 */
export type StepTime = { clock: 'accept' | 'contact' | 'feedback'; share: number } | { afterHours: number };

export type RepStep = StepTime &
  (
    | { action: 'accept' }
    | { action: 'decline'; reason: Reason }
    | { action: 'contact'; how: string }
    | { action: 'qualified' }
    | { action: 'disqualified'; reason: Reason }
    | { action: 'recycled'; reason: Reason }
    | { action: 'opportunity'; amountMinor: number }
    | { action: 'won'; amountMinor: number }
    | { action: 'lost'; reason: Reason }
  );

/**
 * What a rep of this diligence will do with one offer, in order; an empty plan lets the offer lapse.
 * The plan stops wherever the rep stops: steps that would fall after "now" simply never happen.
 */
export function planOffer(diligence: Diligence, random: Random): RepStep[] {
  const hours = ([min, max]: [number, number]) => min + random.next() * (max - min);
  const at = (clock: 'accept' | 'contact' | 'feedback') => ({ clock, share: hours(random.chance(diligence.onTime) ? IN_TIME : LATE) });
  const roll = random.next();
  if (roll < diligence.lapses) return [];
  if (roll < diligence.lapses + diligence.declines) {
    return [{ ...at('accept'), action: 'decline', reason: random.pick(DECLINE_REASONS) }];
  }
  const steps: RepStep[] = [{ ...at('accept'), action: 'accept' }];
  if (random.chance(diligence.neverContacts)) return steps;
  steps.push({ ...at('contact'), action: 'contact', how: random.pick(CONTACT_KINDS) });
  if (random.chance(diligence.neverReports)) return steps;
  if (random.chance(0.3)) {
    // About a third of those are not sales-ready yet: back to marketing rather than disqualified.
    const recycle = random.chance(0.35);
    steps.push(recycle
      ? { ...at('feedback'), action: 'recycled', reason: random.pick(RECYCLE_REASONS) }
      : { ...at('feedback'), action: 'disqualified', reason: random.pick(DISQUALIFY_REASONS) });
    return steps;
  }
  steps.push({ ...at('feedback'), action: 'qualified' });
  const next = random.next();
  if (next < 0.15) return [...steps, { afterHours: hours(HOURS_TO_OPPORTUNITY), action: 'lost', reason: random.pick(LOSS_REASONS) }];
  if (next < 0.3) return steps;
  const amountMinor = random.int(30, 1200) * 25_000;
  steps.push({ afterHours: hours(HOURS_TO_OPPORTUNITY), action: 'opportunity', amountMinor });
  const close = random.next();
  if (close < 0.5) {
    const wonMinor = Math.round((amountMinor * random.int(80, 110)) / 100 / 100) * 100;
    steps.push({ afterHours: hours(HOURS_TO_CLOSE), action: 'won', amountMinor: wonMinor });
  } else if (close < 0.85) {
    steps.push({ afterHours: hours(HOURS_TO_CLOSE), action: 'lost', reason: random.pick(LOSS_REASONS) });
  }
  return steps;
}
