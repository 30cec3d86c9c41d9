// Partner compliance: recompute scores and standings, overrides, and the scorecard a partner sees.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { actorOf, Principal } from '@leadgate/auth';
import { Clock, DomainError, Standing } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { NotificationsService } from '@leadgate/notifications';
import { complianceConfigFrom } from './compliance.config';
import { loadComplianceCounts, PartnerComplianceRow } from './compliance-counts.query';
import { PartnerComplianceDto, StandingChangeDto } from './dto/partner-compliance.dto';
import { SetOverrideDto } from './dto/set-override.dto';
import { StandingOverrideDto } from './dto/standing-override.dto';
import { ComplianceConfig, nextStanding, scoreFromCounts, StandingDecision } from './policy';

export const COMPLIANCE_ACTOR = 'system:compliance';
const OPEN_BREACHES_SHOWN = 200;
const HISTORY_SHOWN = 50;

export interface StandingChange {
  partnerId: string;
  partnerName: string;
  from: Standing;
  to: Standing;
  source: StandingDecision['source'];
  reason: string;
}

export interface RecomputeResult {
  partners: number;
  standingChanges: StandingChange[];
  overridesEnded: number;
}

interface PendingChange {
  row: PartnerComplianceRow;
  score: number | null;
  decision: StandingDecision;
  /** The override whose end date passed: ended in the same transaction as the standing it gave way to. */
  expiredOverrideId: string | null;
}

// partners.compliance_score is numeric(5, 4).
const storedScore = (score: number | null): number | null => (score === null ? null : Math.round(score * 10_000) / 10_000);

function formatInstant(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'utc' }).setLocale('en-GB').toFormat("d LLLL yyyy, HH:mm 'UTC'");
}

@Injectable()
export class ComplianceService {
  private readonly logger = new Logger(ComplianceService.name);
  private readonly config: ComplianceConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    appConfig: AppConfig,
  ) {
    this.config = complianceConfigFrom(appConfig);
  }

  /**
   * Scores every partner (or the given ones) in one query, lets the pure policy decide each standing,
   * writes each change with its plain-English reason in its own transaction, and the unchanged
   * partners' scores in one statement. Overrides past their end date are ended here.
   */
  async recompute(partnerIds?: string[]): Promise<RecomputeResult> {
    const now = this.clock.now();
    const rows = await loadComplianceCounts(this.dataSource.manager, now, this.config, partnerIds);
    const scores: { id: string; score: number | null }[] = [];
    const pending: PendingChange[] = [];
    for (const row of rows) {
      const summary = scoreFromCounts(row.counts);
      const decision = nextStanding({ current: row.standing, summary, override: row.override, now, config: this.config });
      const expiredOverrideId = row.override && row.override.endsAt.getTime() <= now.getTime() ? row.override.id : null;
      const score = storedScore(summary.score);
      if (decision.changed || expiredOverrideId) pending.push({ row, score, decision, expiredOverrideId });
      else scores.push({ id: row.partnerId, score });
    }
    await this.saveScores(scores);
    const result: RecomputeResult = { partners: rows.length, standingChanges: [], overridesEnded: 0 };
    for (const change of pending) {
      const applied = await inTransaction(this.dataSource, (m) => this.applyChange(m, change, now));
      if (!applied) continue;
      if (change.expiredOverrideId) result.overridesEnded++;
      if (change.decision.changed) {
        const { row, decision } = change;
        result.standingChanges.push({
          partnerId: row.partnerId,
          partnerName: row.name,
          from: row.standing,
          to: decision.standing,
          source: decision.source,
          reason: decision.reason,
        });
        this.logger.log(`${row.name}: ${row.standing} → ${decision.standing} (${decision.reason})`);
      }
    }
    return result;
  }

  /** One partner at once, e.g. right after an action that moves its standing. */
  recomputeOne(partnerId: string): Promise<RecomputeResult> {
    return this.recompute([partnerId]);
  }

  /** Sets a standing until a date, at once: allocation reads partners.standing, so a suspension stops new leads now. */
  async setOverride(partnerId: string, dto: SetOverrideDto, principal: Principal): Promise<StandingOverrideDto> {
    const now = this.clock.now();
    const endsAt = new Date(dto.endsAt);
    if (!(endsAt.getTime() > now.getTime())) {
      throw DomainError.invalid([{ field: 'endsAt', problems: [`endsAt must be in the future (it is now ${now.toISOString()})`] }]);
    }
    const actor = actorOf(principal);
    return inTransaction(this.dataSource, async (m) => {
      const [partner]: { id: string; standing: Standing; compliance_score: string | null }[] = await m.query(
        `SELECT id, standing, compliance_score FROM partners WHERE id = $1 FOR NO KEY UPDATE`,
        [partnerId],
      );
      if (!partner) throw DomainError.notFound('Partner');
      // One override in force per partner: a new one replaces the last.
      await m.query(`UPDATE standing_overrides SET ended_at = $2 WHERE partner_id = $1 AND ended_at IS NULL`, [partnerId, now]);
      const [row] = await m.query(
        `INSERT INTO standing_overrides (partner_id, standing, reason, starts_at, ends_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $4)
         RETURNING id, partner_id, standing, reason, starts_at, ends_at, created_by`,
        [partnerId, dto.standing, dto.reason, now, endsAt, actor],
      );
      await this.moveStanding(m, {
        partnerId,
        from: partner.standing,
        to: dto.standing,
        score: partner.compliance_score === null ? null : Number(partner.compliance_score),
        source: 'override',
        reason: `Override by ${principal.name} until ${formatInstant(endsAt)}: ${dto.reason}`,
        actor,
        at: now,
      });
      return toOverrideDto(row);
    });
  }

  /** The scorecard. Partner users see only their own partner: any other id is a 404. */
  async complianceFor(partnerId: string, principal: Principal): Promise<PartnerComplianceDto> {
    if (principal.partnerId && principal.partnerId !== partnerId) throw DomainError.notFound('Partner');
    const now = this.clock.now();
    const m = this.dataSource.manager;
    const [row] = await loadComplianceCounts(m, now, this.config, [partnerId]);
    if (!row) throw DomainError.notFound('Partner');
    const [[partner], override, openBreaches, history] = await Promise.all([
      m.query(`SELECT standing, standing_changed_at FROM partners WHERE id = $1`, [partnerId]),
      m.query(
        `SELECT id, partner_id, standing, reason, starts_at, ends_at, created_by
           FROM standing_overrides
          WHERE partner_id = $1 AND ended_at IS NULL AND ends_at > $2
          ORDER BY created_at DESC, id LIMIT 1`,
        [partnerId, now],
      ),
      m.query(
        `SELECT b.id, b.lead_id AS "leadId", l.company, b.kind, b.due_at AS "dueAt", b.detected_at AS "detectedAt"
           FROM breaches b
           JOIN assignments a ON a.id = b.assignment_id
           JOIN leads l ON l.id = b.lead_id
          WHERE b.partner_id = $1 AND b.cured_at IS NULL AND b.kind IN ('contact', 'feedback') AND a.status = 'accepted'
          ORDER BY b.due_at, b.id
          LIMIT ${OPEN_BREACHES_SHOWN}`,
        [partnerId],
      ),
      m.query(
        `SELECT at, from_standing AS "from", to_standing AS "to", score, source, reason, actor
           FROM standing_changes
          WHERE partner_id = $1
          ORDER BY at DESC, id
          LIMIT ${HISTORY_SHOWN}`,
        [partnerId],
      ),
    ]);
    const summary = scoreFromCounts(row.counts);
    return {
      partnerId,
      partnerName: row.name,
      standing: partner.standing,
      standingChangedAt: partner.standing_changed_at,
      score: summary.score,
      windowDays: this.config.windowDays,
      counts: row.counts,
      override: override[0] ? toOverrideDto(override[0]) : null,
      openBreaches,
      history: history.map((h: StandingChangeDto & { score: string | null }) => ({ ...h, score: h.score === null ? null : Number(h.score) })),
    };
  }

  private async saveScores(scores: { id: string; score: number | null }[]): Promise<void> {
    if (scores.length === 0) return;
    await this.dataSource.query(
      `UPDATE partners p SET compliance_score = v.score
         FROM unnest($1::uuid[], $2::numeric[]) AS v(id, score)
        WHERE p.id = v.id AND p.compliance_score IS DISTINCT FROM v.score`,
      [scores.map((s) => s.id), scores.map((s) => s.score)],
    );
  }

  /**
   * Writes one decided change. The partner row is locked and re-read first: if its standing or its
   * override moved since it was counted (an override set meanwhile, another recompute), this one
   * stands aside and the next run decides again. Returns whether it was applied.
   */
  private async applyChange(m: EntityManager, change: PendingChange, now: Date): Promise<boolean> {
    const { row, decision, score, expiredOverrideId } = change;
    const [current]: { standing: Standing; override_id: string | null }[] = await m.query(
      `SELECT p.standing,
              (SELECT so.id FROM standing_overrides so WHERE so.partner_id = p.id AND so.ended_at IS NULL
                ORDER BY so.created_at DESC, so.id LIMIT 1) AS override_id
         FROM partners p WHERE p.id = $1 FOR NO KEY UPDATE OF p`,
      [row.partnerId],
    );
    if (!current || current.standing !== row.standing || current.override_id !== (row.override?.id ?? null)) return false;
    if (expiredOverrideId) {
      const ended = await m.query(`UPDATE standing_overrides SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL RETURNING id`, [
        expiredOverrideId,
        now,
      ]);
      if (ended.length === 0) return false;
    }
    await this.moveStanding(m, {
      partnerId: row.partnerId,
      from: row.standing,
      to: decision.standing,
      score,
      source: decision.source,
      reason: decision.reason,
      actor: COMPLIANCE_ACTOR,
      at: now,
    });
    return true;
  }

  /** The partner's standing and its history row, together; an override ending without a change is still recorded. */
  private async moveStanding(
    m: EntityManager,
    change: { partnerId: string; from: Standing; to: Standing; score: number | null; source: StandingDecision['source']; reason: string; actor: string; at: Date },
  ): Promise<void> {
    await m.query(
      `UPDATE partners
          SET standing = $2, compliance_score = $3,
              standing_changed_at = CASE WHEN standing <> $2 THEN $4::timestamptz ELSE standing_changed_at END
        WHERE id = $1`,
      [change.partnerId, change.to, change.score, change.at],
    );
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO standing_changes (partner_id, at, from_standing, to_standing, score, source, reason, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [change.partnerId, change.at, change.from, change.to, change.score, change.source, change.reason, change.actor],
    );
    await this.notifications.standingChanged(m, { id, partnerId: change.partnerId, from: change.from, to: change.to, reason: change.reason });
  }
}

interface OverrideRow {
  id: string;
  partner_id: string;
  standing: Standing;
  reason: string;
  starts_at: Date;
  ends_at: Date;
  created_by: string;
}

function toOverrideDto(row: OverrideRow): StandingOverrideDto {
  return {
    id: row.id,
    partnerId: row.partner_id,
    standing: row.standing,
    reason: row.reason,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    createdBy: row.created_by,
  };
}
