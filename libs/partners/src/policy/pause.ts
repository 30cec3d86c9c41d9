// PURE: whether a partner's requested pause may be saved, and the window it takes. No I/O.
import { formatInstant } from '@leadgate/common/format';

/** A pause as it stands: from startsAt until endsAt (already cut short when it was ended early). */
export interface PauseWindow {
  startsAt: Date;
  endsAt: Date;
}

export interface PauseRequest {
  from: Date;
  until: Date;
}

export interface PauseProblem {
  field: 'from' | 'until';
  problems: string[];
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The window to save, or each field's problems. A `from` in the past starts the pause now (a client
 * sending "now" is a moment late by the time it arrives); `until` must come after both. A pause may not
 * run longer than maxDays, nor overlap another pause of the partner (`others`, not yet over).
 */
export function checkPause(request: PauseRequest, others: readonly PauseWindow[], now: Date, maxDays: number): PauseWindow | PauseProblem[] {
  const startsAt = new Date(Math.max(request.from.getTime(), now.getTime()));
  const endsAt = request.until;
  const until: string[] = [];
  if (endsAt.getTime() <= now.getTime()) until.push(`until must be in the future (it is now ${formatInstant(now)})`);
  else if (endsAt.getTime() <= request.from.getTime()) until.push('until must be after from');
  else if (endsAt.getTime() - startsAt.getTime() > maxDays * DAY) until.push(`a pause may last at most ${maxDays} days`);
  if (until.length > 0) return [{ field: 'until', problems: until }];
  const overlapping = others.filter((other) => other.startsAt.getTime() < endsAt.getTime() && startsAt.getTime() < other.endsAt.getTime());
  if (overlapping.length > 0) {
    const problems = overlapping.map((o) => `overlaps the pause from ${formatInstant(o.startsAt)} until ${formatInstant(o.endsAt)}`);
    return [
      { field: 'from', problems },
      { field: 'until', problems },
    ];
  }
  return { startsAt, endsAt };
}

