// Finds the SLA clocks that ran out and records each miss once: set-based SQL, in batches, safe to run anywhere, any time.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@leadgate/common';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';

export interface SweepOptions {
  /** Rows per statement; each batch is one transaction. */
  batchSize?: number;
  /** Stop after this many batches (the next run carries on); unlimited by default. */
  maxBatches?: number;
}

export interface AcceptSweepResult {
  breachesRecorded: number;
  /** Offers taken back from partners that did not accept in time. */
  recalled: number;
  /** The leads that went back to allocation (status recalled), for re-offering at once. */
  recalledLeadIds: string[];
}

export interface ClockSweepResult {
  breachesRecorded: number;
}

export const SWEEP_ACTOR = 'system:sla-sweep';
const DEFAULT_BATCH_SIZE = 5_000;
// A deadlock or serialization failure only rolls the batch back; it is simply tried again.
const BATCH_ATTEMPTS = 3;
const RETRYABLE_CODES = ['40P01', '40001'];

// "2 March 2026, 13:00 UTC", as the compliance policy writes instants.
const formatDue = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY, HH24:MI "UTC"')`;

/*
 * Why a clock due exactly now is not swept: the partner may still meet it (accepting at the due
 * instant is on time, see FollowUpService and the compliance score), so only `due_at < now` is missed.
 *
 * Locks: the accept sweep locks each lead before its assignment, the order every partner action and
 * allocation uses, and SKIP LOCKED means a sweeper never waits for a row another transaction holds:
 * two sweepers split the work, and a lead a partner is accepting right now is left for the next run.
 */
const ACCEPT_BATCH_SQL = `
  WITH due AS (
    SELECT a.id, a.lead_id, a.partner_id, a.accept_due_at
      FROM assignments a
      JOIN leads l ON l.id = a.lead_id
     WHERE a.status = 'offered' AND a.accept_due_at < $1
     ORDER BY a.accept_due_at
     LIMIT $2
       FOR NO KEY UPDATE OF l, a SKIP LOCKED
  ), recalled AS (
    UPDATE assignments a
       SET status = 'recalled', ended_at = $1, end_reason_code = 'accept_timeout'
      FROM due
     WHERE a.id = due.id
    RETURNING a.id, a.lead_id, a.partner_id, a.accept_due_at
  ), breach AS (
    INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
    SELECT id, lead_id, partner_id, 'accept', accept_due_at, $1 FROM recalled
    ON CONFLICT (assignment_id, kind) DO NOTHING
    RETURNING assignment_id
  ), moved AS (
    UPDATE leads l
       SET status = 'recalled', current_partner_id = NULL, updated_at = $1
      FROM recalled r
     WHERE l.id = r.lead_id AND l.status = 'offered' AND l.current_partner_id = r.partner_id
    RETURNING l.id
  ), events AS (
    INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data)
    SELECT e.lead_id, $1, e.kind, e.partner_id, $3, e.summary, e.data
      FROM (
        SELECT r.lead_id, r.partner_id, 1 AS ord, 'breach' AS kind,
               format('Not accepted by %s within the agreed time (due %s)', p.name, ${formatDue('r.accept_due_at')}) AS summary,
               jsonb_build_object('assignmentId', r.id, 'breach', 'accept', 'dueAt', r.accept_due_at) AS data
          FROM recalled r
          JOIN breach b ON b.assignment_id = r.id
          JOIN partners p ON p.id = r.partner_id
        UNION ALL
        SELECT r.lead_id, r.partner_id, 2, 'recalled',
               format('Not accepted within the agreed time: offer recalled from %s', p.name),
               jsonb_build_object('assignmentId', r.id, 'reasonCode', 'accept_timeout')
          FROM recalled r
          JOIN partners p ON p.id = r.partner_id
      ) e
     ORDER BY e.lead_id, e.ord
  )
  SELECT r.id AS assignment_id, r.lead_id, r.partner_id,
         EXISTS (SELECT 1 FROM moved m WHERE m.id = r.lead_id) AS lead_recalled,
         (SELECT count(*) FROM breach)::int AS breaches
    FROM recalled r`;

const CLOCK_COLUMNS = {
  contact: { due: 'contact_due_at', met: 'first_contact_at', summary: 'Not contacted by %s within the agreed time (due %s)' },
  feedback: { due: 'feedback_due_at', met: 'feedback_at', summary: 'No feedback from %s within the agreed time (due %s)' },
} as const;

/*
 * A missed contact or feedback clock stays on an accepted assignment until the partner catches up, so
 * the NOT EXISTS skips clocks already recorded; ON CONFLICT still guarantees one breach per clock when
 * two sweepers race, and only a row actually inserted gets its timeline entry. The row lock keeps a
 * partner's contact logged in the same instant from leaving an uncured breach behind.
 */
const clockBatchSql = (kind: keyof typeof CLOCK_COLUMNS) => {
  const { due, met } = CLOCK_COLUMNS[kind];
  return `
  WITH due AS (
    SELECT a.id, a.lead_id, a.partner_id, a.${due} AS due_at
      FROM assignments a
     WHERE a.status = 'accepted' AND a.${met} IS NULL AND a.${due} < $1
       AND NOT EXISTS (SELECT 1 FROM breaches b WHERE b.assignment_id = a.id AND b.kind = $3)
     ORDER BY a.${due}
     LIMIT $2
       FOR NO KEY UPDATE OF a SKIP LOCKED
  ), breach AS (
    INSERT INTO breaches (assignment_id, lead_id, partner_id, kind, due_at, detected_at)
    SELECT id, lead_id, partner_id, $3, due_at, $1 FROM due
    ON CONFLICT (assignment_id, kind) DO NOTHING
    RETURNING assignment_id, lead_id, partner_id, due_at
  ), events AS (
    INSERT INTO lead_events (lead_id, at, kind, partner_id, actor, summary, data)
    SELECT b.lead_id, $1, 'breach', b.partner_id, $4, format($5, p.name, ${formatDue('b.due_at')}),
           jsonb_build_object('assignmentId', b.assignment_id, 'breach', $3::text, 'dueAt', b.due_at)
      FROM breach b
      JOIN partners p ON p.id = b.partner_id
     ORDER BY b.lead_id
  )
  SELECT (SELECT count(*) FROM due)::int AS candidates, (SELECT count(*) FROM breach)::int AS recorded,
         ARRAY(SELECT assignment_id FROM breach) AS breached_assignment_ids`;
};

@Injectable()
export class SlaSweepService {
  private readonly logger = new Logger(SlaSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Offers not accepted in time: records the accept breach, recalls the offer, releases the partner's
   * capacity and puts the lead back to allocation (status recalled), all in one transaction per batch.
   * An accept breach is never cured: the offer is gone. It counts as a missed clock in the score, not
   * as an open breach (see ComplianceService).
   */
  async sweepAcceptClocks(options: SweepOptions = {}): Promise<AcceptSweepResult> {
    const now = this.clock.now();
    const result: AcceptSweepResult = { breachesRecorded: 0, recalled: 0, recalledLeadIds: [] };
    await this.inBatches(options, async (batchSize) => {
      const rows = await this.batchTransaction(async (m) => {
        const recalled: { assignment_id: string; lead_id: string; partner_id: string; lead_recalled: boolean; breaches: number }[] = await m.query(ACCEPT_BATCH_SQL, [
          now,
          batchSize,
          SWEEP_ACTOR,
        ]);
        await this.releaseCapacity(m, recalled.map((row) => row.partner_id));
        await this.notifications.leadsRecalled(m, recalled.map((row) => row.assignment_id));
        return recalled;
      });
      result.recalled += rows.length;
      result.breachesRecorded += rows[0]?.breaches ?? 0;
      result.recalledLeadIds.push(...rows.filter((row) => row.lead_recalled).map((row) => row.lead_id));
      return rows.length;
    });
    if (result.recalled > 0) this.logger.log(`Recalled ${result.recalled} offers not accepted in time`);
    return result;
  }

  /** Accepted leads with no first contact logged by the contact due time. */
  sweepContactClocks(options: SweepOptions = {}): Promise<ClockSweepResult> {
    return this.sweepClock('contact', options);
  }

  /** Accepted leads with no feedback (a verdict) by the feedback due time. */
  sweepFeedbackClocks(options: SweepOptions = {}): Promise<ClockSweepResult> {
    return this.sweepClock('feedback', options);
  }

  private async sweepClock(kind: keyof typeof CLOCK_COLUMNS, options: SweepOptions): Promise<ClockSweepResult> {
    const now = this.clock.now();
    const sql = clockBatchSql(kind);
    let breachesRecorded = 0;
    await this.inBatches(options, async (batchSize) => {
      const { candidates, recorded } = await this.batchTransaction(async (m) => {
        const [row]: { candidates: number; recorded: number; breached_assignment_ids: string[] }[] = await m.query(sql, [
          now, batchSize, kind, SWEEP_ACTOR, CLOCK_COLUMNS[kind].summary,
        ]);
        await this.notifications.slaBreached(m, kind, row.breached_assignment_ids);
        return row;
      });
      breachesRecorded += recorded;
      return candidates;
    });
    if (breachesRecorded > 0) this.logger.log(`Recorded ${breachesRecorded} ${kind} breaches`);
    return { breachesRecorded };
  }

  /** Runs batches until one comes back short: the rest is done, or held by another sweeper that will finish it. */
  private async inBatches(options: SweepOptions, batch: (batchSize: number) => Promise<number>): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    for (let done = 0; done < maxBatches; done++) {
      if ((await batch(batchSize)) < batchSize) return;
    }
  }

  private async batchTransaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, work);
      } catch (error) {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (attempt >= BATCH_ATTEMPTS || !code || !RETRYABLE_CODES.includes(code)) throw error;
        this.logger.warn(`Sweep batch rolled back (${code}); trying again`);
      }
    }
  }

  /**
   * Partner rows are locked in id order, so concurrent sweepers never deadlock on each other. NO KEY
   * UPDATE, not UPDATE: the batch's own inserts already hold KEY SHARE locks on these partners through
   * their foreign keys (as the other sweeper's do), and FOR UPDATE would wait on those. Every lock here is NO KEY UPDATE for the same reason.
   */
  private async releaseCapacity(m: EntityManager, partnerIds: string[]): Promise<void> {
    if (partnerIds.length === 0) return;
    const perPartner = new Map<string, number>();
    for (const id of partnerIds) perPartner.set(id, (perPartner.get(id) ?? 0) + 1);
    const ids = [...perPartner.keys()].sort();
    await m.query(`SELECT id FROM partners WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
    await m.query(
      `UPDATE partners p SET open_leads = GREATEST(p.open_leads - v.n, 0)
         FROM unnest($1::uuid[], $2::int[]) AS v(id, n)
        WHERE p.id = v.id`,
      [ids, ids.map((id) => perPartner.get(id)!)],
    );
  }
}
