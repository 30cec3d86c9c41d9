// The SQL definition of an SLA clock's state (view sla_clocks, functions sla_clock_counts / sla_clock_met, read by
// ComplianceRepository) and the pure scoreCompliance must agree on every set of assignments: random ones, on the real database.
// Real: PostgreSQL, the migrations, ComplianceRepository. Generated: partners' assignments with their update-cadence
// cycles, some of them registered deals without an accept clock (no breaches).
import fc from 'fast-check';
import { ClockFact, ClockKind, ComplianceRepository, scoreCompliance } from '@leadgate/compliance';
import { AssignmentStatus, LeadStatus } from '@leadgate/lifecycle';
import { makeLeadType, makePartner } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const AS_OF = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const WINDOW_DAYS = 30;
const config = { windowDays: WINDOW_DAYS, breachGraceHours: 24 };
const at = (hoursFromAsOf: number) => new Date(AS_OF.getTime() + hoursFromAsOf * HOUR);

interface GeneratedAssignment {
  partner: number;
  status: AssignmentStatus;
  /** Hours from AS_OF; the rest are hours after the offer, on a coarse grid so equal instants (met exactly at due) occur. */
  offered: number;
  /** Null: no accept clock — a registered deal, held from its start (accepted at the offer). */
  acceptDue: number | null;
  contactDue: number;
  feedbackDue: number;
  accepted: number | null;
  contact: number | null;
  feedback: number | null;
  ended: number | null;
  /** Update-cadence cycles (only once accepted): hours after the offer; all but the last met. */
  updates: { start: number; due: number; met: number | null }[];
}

const after = fc.integer({ min: 0, max: 12 }).map((n) => n * 4);
const maybeAfter = fc.option(after, { freq: 2 });
// Mostly offers of the last days around AS_OF; some at the window's edge.
const windowHours = WINDOW_DAYS * 24;
const offered = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -15, max: 1 }).map((n) => n * 4) },
  { weight: 1, arbitrary: fc.constantFrom(-windowHours - 4, -windowHours, -windowHours + 4) },
);

/** A shape the lifecycle can produce: what happened depends on the status it ended in. */
const assignment: fc.Arbitrary<GeneratedAssignment> = fc
  .record({
    partner: fc.integer({ min: 0, max: 2 }),
    status: fc.constantFrom(...Object.values(AssignmentStatus)),
    offered,
    acceptDue: after,
    contactDue: after,
    feedbackDue: after,
    accepted: maybeAfter,
    contact: maybeAfter,
    feedback: maybeAfter,
    ended: after,
    endedWhileAccepted: fc.boolean(),
    registered: fc.boolean(),
    cycles: fc.array(fc.record({ length: fc.integer({ min: 1, max: 6 }).map((n) => n * 4), met: fc.option(after, { freq: 3 }) }), { maxLength: 3 }),
  })
  .map(({ endedWhileAccepted, registered, cycles, ...fields }) => {
    // Cycles follow one another from a verdict some hours after the offer; only the last may still run.
    let start = 8;
    const updates = cycles.map((cycle, i) => {
      const met = i < cycles.length - 1 ? (cycle.met ?? cycle.length) : cycle.met;
      const update = { start, due: start + cycle.length, met: met === null ? null : start + met };
      start = update.met ?? update.due;
      return update;
    });
    const a = { ...fields, updates };
    const neverAccepted = { ...a, accepted: null, contact: null, feedback: null, updates: [] };
    // A registered deal is accepted when it starts and has no accept clock; it ends only after that.
    const held = [AssignmentStatus.Accepted, AssignmentStatus.Reassigned, AssignmentStatus.Closed] as AssignmentStatus[];
    if (registered && held.includes(a.status)) return { ...a, acceptDue: null, accepted: 0, ended: a.status === AssignmentStatus.Accepted ? null : a.ended };
    switch (a.status) {
      case AssignmentStatus.Offered:
        return { ...neverAccepted, ended: null };
      case AssignmentStatus.Accepted:
        return { ...a, accepted: a.accepted ?? 0, ended: null };
      case AssignmentStatus.Declined:
      case AssignmentStatus.Recalled:
        return neverAccepted;
      default: // reassigned or closed: before or after the partner accepted
        return endedWhileAccepted ? { ...a, accepted: a.accepted ?? 0 } : neverAccepted;
    }
  });

/** The pure side's facts for one assignment: its three clocks, or two without an accept clock. */
function clockFacts(a: GeneratedAssignment): ClockFact[] {
  const offeredAt = a.offered;
  const time = (hours: number | null) => (hours === null ? null : at(offeredAt + hours));
  const common = { accepted: a.accepted !== null, endedAt: time(a.ended), declined: a.status === AssignmentStatus.Declined };
  const clock = (kind: ClockKind, due: number, met: number | null): ClockFact => ({ kind, dueAt: at(offeredAt + due), metAt: time(met), ...common });
  const offerClocks = [clock('contact', a.contactDue, a.contact), clock('feedback', a.feedbackDue, a.feedback)];
  return a.acceptDue === null ? offerClocks : [clock('accept', a.acceptDue, a.accepted), ...offerClocks];
}

/** The pure side's facts for one assignment's update cycles (counted in the window by their start). */
function updateFacts(a: GeneratedAssignment): { startedAt: Date; fact: ClockFact }[] {
  const time = (hours: number | null) => (hours === null ? null : at(a.offered + hours));
  return a.updates.map((u) => ({
    startedAt: at(a.offered + u.start),
    fact: { kind: 'update', dueAt: at(a.offered + u.due), metAt: time(u.met), accepted: a.accepted !== null, endedAt: time(a.ended), declined: false },
  }));
}

describe('the SLA clock definition', () => {
  let t: TestApp;
  let partnerIds: string[];
  let leadTypeId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: AS_OF });
    partnerIds = [];
    for (let i = 0; i < 3; i++) partnerIds.push((await makePartner(t.dataSource, { name: `Clock partner ${i}` })).id);
    leadTypeId = (await makeLeadType(t.dataSource)).id;
  });

  afterAll(() => t.close());

  async function insert(assignments: GeneratedAssignment[]): Promise<void> {
    await t.dataSource.query(`DELETE FROM leads`);
    if (assignments.length === 0) return;
    const hours = (a: GeneratedAssignment, h: number | null) => (h === null ? null : at(a.offered + h));
    await t.dataSource.query(
      `WITH generated AS (
         SELECT * FROM unnest($2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
                              $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::uuid[])
           AS g(n, status, offered_at, accept_due_at, contact_due_at, feedback_due_at, accepted_at, first_contact_at, feedback_at, ended_at, partner_id)
       ), leads AS (
         INSERT INTO leads (lead_type_id, status, email, email_normalized, company, country, postal_code, created_at)
         SELECT $1, $13, 'buyer' || n || '@example.com', 'buyer' || n || '@example.com', 'Buyer ' || n, 'DE', '80331', offered_at
           FROM generated
         RETURNING id, email
       )
       INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at,
                                accepted_at, first_contact_at, feedback_at, ended_at)
       SELECT l.id, g.partner_id, g.status, g.offered_at, g.accept_due_at, g.contact_due_at, g.feedback_due_at,
              g.accepted_at, g.first_contact_at, g.feedback_at, g.ended_at
         FROM generated g JOIN leads l ON l.email = 'buyer' || g.n || '@example.com'`,
      [
        leadTypeId,
        assignments.map((_, i) => i),
        assignments.map((a) => a.status),
        assignments.map((a) => at(a.offered)),
        assignments.map((a) => hours(a, a.acceptDue)),
        assignments.map((a) => hours(a, a.contactDue)),
        assignments.map((a) => hours(a, a.feedbackDue)),
        assignments.map((a) => hours(a, a.accepted)),
        assignments.map((a) => hours(a, a.contact)),
        assignments.map((a) => hours(a, a.feedback)),
        assignments.map((a) => hours(a, a.ended)),
        assignments.map((a) => partnerIds[a.partner]),
        LeadStatus.Offered,
      ],
    );
    const cycles = assignments.flatMap((a, n) => a.updates.map((u) => ({ n, started: hours(a, u.start), due: hours(a, u.due), met: hours(a, u.met) })));
    if (cycles.length === 0) return;
    await t.dataSource.query(
      `INSERT INTO update_clocks (assignment_id, lead_id, partner_id, started_at, due_at, met_at)
       SELECT a.id, a.lead_id, a.partner_id, c.started_at, c.due_at, c.met_at
         FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[]) AS c(n, started_at, due_at, met_at)
         JOIN leads l ON l.email = 'buyer' || c.n || '@example.com'
         JOIN assignments a ON a.lead_id = l.id`,
      [cycles.map((c) => c.n), cycles.map((c) => c.started), cycles.map((c) => c.due), cycles.map((c) => c.met)],
    );
  }

  it('counts every partner’s clocks in SQL exactly as scoreCompliance does', async () => {
    const repository = t.app.get(ComplianceRepository);
    const windowStart = AS_OF.getTime() - WINDOW_DAYS * 24 * HOUR;
    await fc.assert(
      fc.asyncProperty(fc.array(assignment, { maxLength: 24 }), async (assignments) => {
        await insert(assignments);
        const rows = await repository.loadCounts(t.dataSource.manager, AS_OF, config, partnerIds);
        expect(rows.map((row) => row.partnerId)).toEqual([...partnerIds].sort());
        for (const row of rows) {
          const p = partnerIds.indexOf(row.partnerId);
          const mine = assignments.filter((a) => a.partner === p);
          const clocks = [
            ...mine.filter((a) => at(a.offered).getTime() >= windowStart).flatMap(clockFacts),
            ...mine.flatMap(updateFacts).filter((u) => u.startedAt.getTime() >= windowStart).map((u) => u.fact),
          ];
          const { score: _score, ...expected } = scoreCompliance({ clocks, openBreaches: [], now: AS_OF, config });
          expect(row.counts).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});
