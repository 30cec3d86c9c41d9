// The SQL behind every SLA figure, shared by the report's direct query and the rollup's per-period summary.

/**
 * Aggregate columns over report_sla rows aliased r: first offers, {median, p90} of each time, and the
 * clocks counted and met. A clock counts once met, or once its deadline passed unmet while the offer
 * was still open (as compliance counts it), judged at `asOf`, an SQL timestamptz expression.
 */
export function slaAggregateColumns(asOf: string): string {
  const due = (dueAt: string) => `(${dueAt} < ${asOf} AND (r.ended_at IS NULL OR r.ended_at > ${dueAt}))`;
  const pct = (column: string) => `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY r.${column})`;
  return `count(r.handoff_minutes)::int AS first_offers,
          ${pct('handoff_minutes')} AS handoff, ${pct('accept_minutes')} AS accept,
          ${pct('contact_minutes')} AS contact, ${pct('feedback_minutes')} AS feedback,
          count(*) FILTER (WHERE r.accept_met_at IS NOT NULL OR ${due('r.accept_due_at')})::int AS accept_clocks,
          count(*) FILTER (WHERE r.accept_met_at <= r.accept_due_at)::int AS accept_met,
          count(*) FILTER (WHERE r.accepted AND (r.contact_at IS NOT NULL OR ${due('r.contact_due_at')}))::int AS contact_clocks,
          count(*) FILTER (WHERE r.accepted AND r.contact_at <= r.contact_due_at)::int AS contact_met,
          count(*) FILTER (WHERE r.accepted AND (r.feedback_at IS NOT NULL OR ${due('r.feedback_due_at')}))::int AS feedback_clocks,
          count(*) FILTER (WHERE r.accepted AND r.feedback_at <= r.feedback_due_at)::int AS feedback_met`;
}

/** The columns slaAggregateColumns() names, in order; report_sla_summary stores them as they are. */
export const SLA_AGGREGATES = [
  'first_offers', 'handoff', 'accept', 'contact', 'feedback',
  'accept_clocks', 'accept_met', 'contact_clocks', 'contact_met', 'feedback_clocks', 'feedback_met',
].join(', ');

/** When the rollup last ran: SLA figures count clocks as of then, so every view of them agrees. */
export const ROLLUP_AS_OF = `(SELECT ran_at FROM report_rollup_state)`;
