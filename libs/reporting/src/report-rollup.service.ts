// Keeps the report rollups current: recomputes only the arrival days of leads changed since the last run.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { inTransaction } from '@leadgate/database';
import { GRANULARITIES, wholePeriods } from './report-figures';
import { ReportRollupRepository } from './report-rollup.repository';

export interface RollupSummary {
  /** 'full' on the first run (no state yet), 'incremental' after. */
  mode: 'full' | 'incremental';
  days: number;
  dailyRows: number;
  slaRows: number;
  /** Summary rows written (report_sla_summary, report_outcome_summary, report_reason_summary): the figures per whole day, week and month. */
  summaryRows: number;
}

/*
 * Staleness: a lead's figures are re-rolled by the first run after it changes, so reports lag the
 * live data by at most the job's schedule (REPORTS_ROLLUP_SCHEDULE) plus the run time. Every change
 * that moves a figure (status, partner, amounts, and the accept/contact/feedback that come with a
 * status change) sets leads.updated_at, which is the high-water mark. Campaign costs are read live.
 */
@Injectable()
export class ReportRollupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportRollupRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RollupSummary> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.repository.lock(tx);
      // The SLA figures count clocks as of this run (report_rollup_state.ran_at).
      const asOf = this.clock.now();
      const state = await this.repository.state(tx);
      const mark = await this.repository.leadsMark(tx);
      /*
       * Days to re-roll: those of leads changed since the last run, and those of leads with a clock that
       * fell due unmet since then (it now counts as missed). The window is [last run, this run), the same
       * half-open bound as the counting (`due < asOf`), so a clock due exactly at a run is re-rolled once.
       */
      const days = state ? await this.repository.touchedDays(tx, state, this.config.env.REPORTS_ROLLUP_OVERLAP_MINUTES, asOf) : null;
      const [dailyRows, slaRows] = days?.length === 0 ? [0, 0] : await this.repository.rollDays(tx, days);
      const summaryRows = days?.length === 0 ? 0 : await this.summarize(tx, days, asOf);
      await this.repository.saveState(tx, mark, asOf);
      return { mode: state ? 'incremental' : 'full', days: days?.length ?? (await this.repository.dayCount(tx)), dailyRows, slaRows, summaryRows };
    });
  }

  /**
   * Recomputes the SLA, outcome and reason summaries of every whole day, week and month that holds one of the
   * days (null: all), for the program and per dimension, in one pass per granularity and summary.
   */
  private async summarize(tx: EntityManager, days: string[] | null, asOf: Date): Promise<number> {
    let written = 0;
    for (const granularity of GRANULARITIES) {
      // The first day of each period that holds a touched day.
      const periods = days === null ? null : [...new Set(days.map((day) => wholePeriods(day, day, granularity).from))];
      written += await this.repository.summarizePeriods(tx, granularity, periods, asOf);
      written += await this.repository.summarizeOutcomePeriods(tx, granularity, periods);
    }
    return written;
  }
}
