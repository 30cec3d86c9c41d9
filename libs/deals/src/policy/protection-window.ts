// PURE: an approved registration's exclusivity window — when it ends, when to remind, what an extension gives.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WindowSettings {
  /** Days of exclusivity an approval grants. */
  exclusivityDays: number;
  /** Days before the end at which the partner is reminded. */
  reminderDays: number;
  /** Days an approved extension adds. */
  extensionDays: number;
}

/** The end of the window an approval at `approvedAt` grants. */
export function protectedUntil(approvedAt: Date, settings: WindowSettings): Date {
  return new Date(approvedAt.getTime() + settings.exclusivityDays * DAY_MS);
}

/** When the partner is told the window is ending: reminderDays before its end, never before it began. */
export function reminderAt(approvedAt: Date, until: Date, settings: WindowSettings): Date {
  return new Date(Math.max(approvedAt.getTime(), until.getTime() - settings.reminderDays * DAY_MS));
}

/** An extension runs from the current end (or from now, for a window already over). */
export function extendedUntil(until: Date, now: Date, settings: WindowSettings): Date {
  return new Date(Math.max(until.getTime(), now.getTime()) + settings.extensionDays * DAY_MS);
}

/** Whether the window protects the buyer at `at`: it begins at approval and ends exactly at `until`. */
export function isProtected(until: Date | null, at: Date): boolean {
  return until !== null && at.getTime() < until.getTime();
}

/** Whole days left (rounded up), 0 once over: "ends in 3 days". */
export function daysLeft(until: Date, at: Date): number {
  return Math.max(0, Math.ceil((until.getTime() - at.getTime()) / DAY_MS));
}
