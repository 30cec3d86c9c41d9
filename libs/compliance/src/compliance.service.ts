// Partner compliance: recompute scores and standings, overrides, and the scorecard a partner sees.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, partnerScopeOf, Principal } from '@leadgate/auth';
import { Clock, DomainError, formatInstant, pageOffset, PageQuery, Standing, toPage } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { PartnerScopeRepository, WaitingLeadsSignal } from '@leadgate/lifecycle';
import { NotificationsService } from '@leadgate/notifications';
import { WebhookOutbox } from '@leadgate/webhooks';
import { complianceConfigFrom } from './compliance.config';
import { ChannelPartnerRow, ChannelPartnerSort, ChannelPartnersRepository } from './channel-partners.repository';
import { ComplianceRepository, PartnerComplianceRow, StandingMove } from './compliance.repository';
import { PartnerComplianceDto, StandingHistoryPageDto } from './dto/partner-compliance.dto';
import { SetOverrideDto } from './dto/set-override.dto';
import { StandingOverrideDto } from './dto/standing-override.dto';
import { ComplianceConfig, nextStanding, scoreFromCounts, StandingDecision, wayBack } from './policy';
import { CountedClocksPageDto, CountedClocksQuery } from './dto/counted-clocks.dto';

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

@Injectable()
export class ComplianceService {
  private readonly logger = new Logger(ComplianceService.name);
  private readonly config: ComplianceConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ComplianceRepository,
    private readonly channelPartners: ChannelPartnersRepository,
    private readonly scopes: PartnerScopeRepository,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly waiting: WaitingLeadsSignal,
    private readonly webhooks: WebhookOutbox,
    appConfig: AppConfig,
  ) {
    this.config = complianceConfigFrom(appConfig);
  }

  /** The channel manager's partner table (managerId null: every partner), or one row of it. */
  channelPartnerTable(now: Date, managerId: string | null, sort: ChannelPartnerSort, descending: boolean, partnerId?: string): Promise<ChannelPartnerRow[]> {
    return this.channelPartners.list(now, managerId, sort, descending, partnerId);
  }

  /**
   * Scores every partner (or the given ones) in one query, lets the pure policy decide each standing,
   * writes each change with its plain-English reason in its own transaction, and the unchanged
   * partners' scores in one statement. Overrides past their end date are ended here.
   */
  async recompute(partnerIds?: string[]): Promise<RecomputeResult> {
    const now = this.clock.now();
    const rows = await this.repository.loadCounts(this.dataSource.manager, now, this.config, partnerIds);
    const scores: { id: string; score: number | null }[] = [];
    const pending: PendingChange[] = [];
    for (const row of rows) {
      const summary = scoreFromCounts(row.counts, this.config.updateWeight);
      const decision = nextStanding({ current: row.standing, summary, override: row.override, now, config: this.config });
      const expiredOverrideId = row.override && row.override.endsAt.getTime() <= now.getTime() ? row.override.id : null;
      const score = storedScore(summary.score);
      if (decision.changed || expiredOverrideId) pending.push({ row, score, decision, expiredOverrideId });
      else scores.push({ id: row.partnerId, score });
    }
    await this.repository.saveScores(this.dataSource.manager, scores);
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
    // A reinstated partner, or one whose override ended, may take waiting leads now.
    if (result.overridesEnded > 0 || result.standingChanges.some((change) => change.to !== 'suspended')) this.waiting.changed();
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
    const saved = await inTransaction(this.dataSource, async (tx) => {
      // Another channel manager's partner is a 404, as if it did not exist.
      if (!(await this.scopes.contains(partnerId, partnerScopeOf(principal), tx))) throw DomainError.notFound('Partner');
      const partner = await this.repository.lockStanding(tx, partnerId);
      if (!partner) throw DomainError.notFound('Partner');
      await this.repository.endOpenOverrides(tx, partnerId, now);
      const override = await this.repository.insertOverride(tx, {
        partnerId,
        standing: dto.standing,
        // A replaced override hands on what the partner had before it, not its own standing.
        standingBefore: partner.standingBeforeOverride,
        reason: dto.reason,
        startsAt: now,
        endsAt,
        createdBy: actor,
      });
      await this.moveStanding(tx, {
        partnerId,
        from: partner.standing,
        to: dto.standing,
        score: partner.score,
        source: 'override',
        reason: `Override by ${principal.name} until ${formatInstant(endsAt)}: ${dto.reason}`,
        actor,
        at: now,
      });
      return override;
    });
    if (dto.standing !== 'suspended') this.waiting.changed();
    return saved;
  }

  /** The scorecard. A partner outside the caller's scope (another partner's, or another manager's) is a 404. */
  async complianceFor(partnerId: string, principal: Principal): Promise<PartnerComplianceDto> {
    if (!(await this.scopes.contains(partnerId, partnerScopeOf(principal)))) throw DomainError.notFound('Partner');
    const now = this.clock.now();
    const m = this.dataSource.manager;
    const [row] = await this.repository.loadCounts(m, now, this.config, [partnerId]);
    if (!row) throw DomainError.notFound('Partner');
    const [partner, override, openBreaches, history] = await Promise.all([
      this.repository.standingOf(m, partnerId),
      this.repository.overrideInForce(m, partnerId, now),
      this.repository.openBreaches(m, [partnerId], OPEN_BREACHES_SHOWN),
      this.repository.standingHistory(m, partnerId, HISTORY_SHOWN),
    ]);
    const summary = scoreFromCounts(row.counts, this.config.updateWeight);
    // The live reason: what the policy says from today's facts (the stored standing moves at the next recompute).
    const live = nextStanding({ current: row.standing, summary, override: row.override, now, config: this.config, timeZone: principal.timeZone });
    return {
      partnerId,
      partnerName: row.name,
      standing: partner!.standing,
      standingReason: live.reason,
      wayBack: wayBack(row.standing, summary, this.config, openBreaches.filter((b) => b.detectedAt.getTime() <= now.getTime() - this.config.breachGraceHours * 3_600_000)),
      standingChangedAt: partner!.standingChangedAt,
      score: summary.score,
      windowDays: this.config.windowDays,
      counts: { ...row.counts, missedByKind: { update: 0, ...row.counts.missedByKind }, updateClocksDue: row.counts.updateClocksDue ?? 0 },
      override,
      openBreaches: openBreaches.map(({ id, leadId, company, kind, dueAt, detectedAt }) => ({ id, leadId, company, kind, dueAt, detectedAt })),
      history,
    };
  }

  /** The SLA clocks the partner's score counts, with their leads, paged. A partner outside the caller's scope is a 404. */
  async countedClocks(partnerId: string, principal: Principal, query: CountedClocksQuery): Promise<CountedClocksPageDto> {
    if (!(await this.scopes.contains(partnerId, partnerScopeOf(principal)))) throw DomainError.notFound('Partner');
    const m = this.dataSource.manager;
    const met = query.outcome === undefined ? null : query.outcome === 'met';
    const { clocks, total } = await this.repository.countedClocks(m, partnerId, this.clock.now(), this.config.windowDays, met, {
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return toPage(clocks, total, query);
  }

  /** Every standing change of the partner with its reason and time, newest first, paged. A partner outside the caller's scope is a 404. */
  async standingHistory(partnerId: string, principal: Principal, query: PageQuery): Promise<StandingHistoryPageDto> {
    if (!(await this.scopes.contains(partnerId, partnerScopeOf(principal)))) throw DomainError.notFound('Partner');
    const m = this.dataSource.manager;
    const [items, total] = await Promise.all([
      this.repository.standingHistory(m, partnerId, query.pageSize, pageOffset(query)),
      this.repository.countStandingChanges(m, partnerId),
    ]);
    return toPage(items, total, query);
  }

  /**
   * Writes one decided change. The partner row is locked and re-read first: if its standing or its
   * override moved since it was counted (an override set meanwhile, another recompute), this one
   * stands aside and the next run decides again. Returns whether it was applied.
   */
  private async applyChange(tx: EntityManager, change: PendingChange, now: Date): Promise<boolean> {
    const { row, decision, score, expiredOverrideId } = change;
    const current = await this.repository.lockStanding(tx, row.partnerId);
    if (!current || current.standing !== row.standing || current.overrideId !== (row.override?.id ?? null)) return false;
    if (expiredOverrideId && !(await this.repository.endOverride(tx, expiredOverrideId, now))) return false;
    await this.moveStanding(tx, {
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
  private async moveStanding(tx: EntityManager, change: StandingMove): Promise<void> {
    const id = await this.repository.moveStanding(tx, change);
    await this.webhooks.standingChanged(tx, { partnerId: change.partnerId, from: change.from, to: change.to, at: change.at });
    await this.notifications.standingChanged(tx, { id, partnerId: change.partnerId, from: change.from, to: change.to, reason: change.reason });
  }
}
