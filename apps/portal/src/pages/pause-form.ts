// PURE: the pause form's fields (dates and times in the partner's zone) to the API's request, or each field's problem in plain words.
import { DateTime } from 'luxon';
import type { FieldProblem } from '@leadgate/common';

export interface PauseFormValues {
  from?: string;
  until?: string;
  reason?: string;
}

export interface PauseRequestBody {
  from: string;
  until: string;
  reason: string;
}

const REASON_MAX = 500;

/** `2026-03-10T09:00` (a datetime-local field) in `zone` as an instant; null when it is no such date and time. */
function localInstant(value: string | undefined, zone: string): DateTime | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = DateTime.fromISO(value, { zone });
  return at.isValid ? at : null;
}

/** An empty start means now. Checks what the form can see itself; the service checks the rest (overlaps, the longest pause). */
export function pauseRequestOf(values: PauseFormValues, zone: string, now: Date): PauseRequestBody | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const from = values.from ? localInstant(values.from, zone) : DateTime.fromJSDate(now, { zone });
  const until = localInstant(values.until, zone);
  if (!from) problems.push({ field: 'from', problems: ['Enter the day and time the pause begins, or leave it empty to begin now.'] });
  if (!until) problems.push({ field: 'until', problems: ['Enter the day and time the pause ends.'] });
  else if (from && until <= from) problems.push({ field: 'until', problems: ['The end must come after the start.'] });
  const reason = values.reason?.trim() ?? '';
  if (reason === '') problems.push({ field: 'reason', problems: ['Say why you pause, such as "Trade fair week".'] });
  else if (reason.length > REASON_MAX) problems.push({ field: 'reason', problems: [`Keep the reason to ${REASON_MAX} characters.`] });
  if (problems.length > 0 || !from || !until) return problems;
  return { from: from.toUTC().toISO()!, until: until.toUTC().toISO()!, reason };
}

/** The service's words about a field ("until must be after from") as the form says them ("The end must be after the start"). */
export function plainPauseProblem(problem: string): string {
  const text = problem.replace(/^until\b/, 'The end').replace(/^from\b/, 'The start').replace(/\bafter from\b/, 'after the start');
  return `${text[0].toUpperCase()}${text.slice(1)}${/[.)]$/.test(text) ? '' : '.'}`;
}
