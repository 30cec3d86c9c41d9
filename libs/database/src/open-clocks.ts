// The SQL for "an SLA clock still running on an open assignment", phrased to match the partial due-time indexes.

/**
 * Assignments (aliased `a`) with an unmet clock due in [`dueFrom`, `dueBefore`) — SQL expressions; no `dueFrom`
 * means any time before. One branch per clock, each matching one of the partial indexes on assignments
 * (accept while offered, first contact and feedback while accepted), so the planner ORs three index scans
 * instead of reading every assignment.
 */
export function openClocksDue(range: { dueFrom?: string; dueBefore: string }): string {
  const due = (column: string) => `${range.dueFrom ? `a.${column} >= ${range.dueFrom} AND ` : ''}a.${column} < ${range.dueBefore}`;
  return `((a.status = 'offered' AND ${due('accept_due_at')})
      OR (a.status = 'accepted' AND a.first_contact_at IS NULL AND ${due('contact_due_at')})
      OR (a.status = 'accepted' AND a.feedback_at IS NULL AND ${due('feedback_due_at')}))`;
}
