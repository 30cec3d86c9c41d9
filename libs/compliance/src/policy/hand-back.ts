/** Handing back an accepted lead: a plain decline within the grace, a missed contact clock after it. */

export interface HandBackFacts {
  /** Null: the offer was never accepted, so declining it answers the accept clock and nothing else. */
  acceptedAt: Date | null;
  firstContactAt: Date | null;
  contactDueAt: Date;
  /** When the partner hands the lead back. */
  at: Date;
  graceMinutes: number;
}

/**
 * The due time the contact clock is counted against when a decline is a hand-back that missed it, or
 * null for a plain decline. A partner that accepted a lead and returns it without a logged contact more
 * than `graceMinutes` after accepting held the buyer for nothing: its contact clock counts as missed,
 * due at the end of the grace — or at its own due time if that had passed already. Returning it within
 * the grace (a quick "not for us after all"), or after a contact, is a plain decline.
 */
export function handBackContactDue(facts: HandBackFacts): Date | null {
  if (facts.acceptedAt === null || facts.firstContactAt !== null) return null;
  const graceEnd = facts.acceptedAt.getTime() + facts.graceMinutes * 60_000;
  if (facts.at.getTime() <= graceEnd) return null;
  return facts.contactDueAt.getTime() < facts.at.getTime() ? facts.contactDueAt : new Date(graceEnd);
}
