// PURE: instants and SLA clocks in the viewer's time zone and in plain words, for the lead pages.
import { formatInstant } from '@leadgate/common';
import { ClockKind, describeClock } from '@leadgate/compliance';

/** "today 15:00 CET", "tomorrow 09:00 CET", "Tue 24 Nov 09:00 CET": the shared formatter's relative style, in `zone`. */
export function localTime(at: Date, now: Date, zone: string): string {
  return formatInstant(at, zone, 'relative', now);
}

export interface ClockFacts {
  kind: ClockKind;
  minutes: number;
  businessTime: boolean;
  dueAt: Date;
  /** When the partner did it; null while still to do. */
  doneAt: Date | null;
  /** The offer ended (declined, recalled, closed) before it was done: the clock no longer runs. */
  endedAt: Date | null;
}

export type ClockState = 'due' | 'met' | 'missed' | 'stopped';

/** One SLA clock in words: "accept within 3 business hours — due today 15:00", "… — met today 10:42", "… — missed". */
export function clockInWords(clock: ClockFacts, now: Date, zone: string): { text: string; state: ClockState } {
  const rule = describeClock(clock);
  const at = (instant: Date) => localTime(instant, now, zone);
  const said = (state: ClockState, words: string) => ({ state, text: `${rule} — ${words}` });
  if (clock.doneAt) {
    return clock.doneAt <= clock.dueAt ? said('met', `met ${at(clock.doneAt)}`) : said('missed', `missed: done ${at(clock.doneAt)}, was due ${at(clock.dueAt)}`);
  }
  if (clock.endedAt) return said('stopped', 'stopped: the offer ended');
  if (now > clock.dueAt) return said('missed', `missed: was due ${at(clock.dueAt)}`);
  return said('due', `due ${at(clock.dueAt)}`);
}

/** "1 h 20 min", "3 d 4 h", "under a minute": a span in the fewest words that still tell the urgency. */
export function spanInWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

const TO_DO: Record<ClockKind, string> = { accept: 'accept', contact: 'contact', feedback: 'feedback', update: 'update' };

/** The next deadline as a rep reads it in a list: "accept within 1 h 20 min", "contact overdue by 3 h". */
export function deadlineInWords(next: { kind: ClockKind; dueAt: Date } | null, now: Date, zone: string): { text: string; due: string; overdue: boolean } | null {
  if (!next) return null;
  const left = next.dueAt.getTime() - now.getTime();
  const due = localTime(next.dueAt, now, zone);
  return left >= 0
    ? { text: `${TO_DO[next.kind]} within ${spanInWords(left)}`, due, overdue: false }
    : { text: `${TO_DO[next.kind]} overdue by ${spanInWords(-left)}`, due, overdue: true };
}

/** The next deadline of a lead as the lists give it (`nextDeadline` of the API), in words. */
export function listedDeadline(lead: { nextDeadline: { clock: ClockKind; dueAt: Date | string } | null }, now: Date, zone: string) {
  return deadlineInWords(lead.nextDeadline && { kind: lead.nextDeadline.clock, dueAt: new Date(lead.nextDeadline.dueAt) }, now, zone);
}
