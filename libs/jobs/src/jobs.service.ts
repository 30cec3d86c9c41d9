// The named background jobs, each with its schedule from configuration and a handler that can run anywhere, any time.
import { Injectable } from '@nestjs/common';
import { FairnessDecayService, PendingAllocationService } from '@leadgate/allocation';
import { DomainError, DomainErrorCode } from '@leadgate/common';
import { ChannelDigestService, ComplianceService, PartnerScorecardService, SlaSweepService } from '@leadgate/compliance';
import { AppConfig } from '@leadgate/config';
import { DealsService } from '@leadgate/deals';
import { ClockAlertsService, EMAIL_QUEUED, EmailDeliveryService } from '@leadgate/notifications';
import { ReportRollupService } from '@leadgate/reporting';
import { WEBHOOK_QUEUED, WebhookDeliveryService } from '@leadgate/webhooks';

export const JOB_NAMES = ['sla-sweep', 'compliance-recompute', 'allocate-pending', 'fairness-decay', 'deliver-email', 'reports-rollup', 'partner-scorecard', 'channel-digest', 'deliver-webhooks', 'deal-windows'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What a run did, as counts a person can read; also stored as the queued job's output. */
export type JobSummary = Record<string, unknown>;

export interface JobDefinition {
  name: JobName;
  description: string;
  /** 5-field cron, UTC; null for a job that only runs on demand. */
  schedule: string | null;
  /** A NOTIFY channel on which a run is queued at once (the schedule then only backs it up). */
  wakeOn?: string;
  run(): Promise<JobSummary>;
}

// Leads offered per sweep from the pending queue; the sweep runs every minute, so a backlog drains steadily.
const PENDING_PER_RUN = 1_000;

@Injectable()
export class JobsService {
  readonly definitions: readonly JobDefinition[];

  constructor(
    private readonly sweeps: SlaSweepService,
    private readonly compliance: ComplianceService,
    private readonly pending: PendingAllocationService,
    private readonly fairness: FairnessDecayService,
    private readonly email: EmailDeliveryService,
    private readonly clockAlerts: ClockAlertsService,
    private readonly rollup: ReportRollupService,
    private readonly scorecards: PartnerScorecardService,
    private readonly digests: ChannelDigestService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly deals: DealsService,
    config: AppConfig,
  ) {
    const env = config.env;
    this.definitions = [
      {
        name: 'sla-sweep',
        description: 'Records missed SLA clocks, recalls offers not accepted in time and re-offers them, then offers pending leads',
        schedule: env.SWEEP_SCHEDULE,
        run: () => this.sweep(),
      },
      {
        name: 'compliance-recompute',
        description: 'Recomputes every partner’s compliance score and standing, and ends overrides past their end date',
        schedule: env.COMPLIANCE_SCHEDULE,
        run: async () => ({ ...(await this.compliance.recompute()) }),
      },
      {
        name: 'allocate-pending',
        description: 'Offers new, declined and recalled leads, and a turn of the unallocated ones, that are waiting for a partner',
        // Every sla-sweep ends with this step; a schedule of its own would only race it for the same leads.
        schedule: null,
        run: async () => ({ ...(await this.pending.allocatePending(PENDING_PER_RUN)) }),
      },
      {
        name: 'fairness-decay',
        description: 'Ages each partner’s count of recent allocations (fair-share memory)',
        schedule: env.FAIRNESS_DECAY_SCHEDULE,
        run: async () => ({ ...(await this.fairness.decay()) }),
      },
      {
        name: 'deliver-email',
        description: 'Queues the warnings of SLA clocks running out and the escalations of breaches left open, then sends queued emails, retrying refused sends with exponential backoff',
        schedule: env.EMAIL_SCHEDULE,
        wakeOn: EMAIL_QUEUED,
        run: async () => ({ ...(await this.clockAlerts.sendDue()), ...(await this.email.deliverDue()) }),
      },
      {
        name: 'reports-rollup',
        description: 'Brings the report rollups up to date: recomputes the days of leads changed, or with a clock fallen due, since the last run',
        schedule: env.REPORTS_ROLLUP_SCHEDULE,
        run: async () => ({ ...(await this.rollup.run()) }),
      },
      {
        name: 'partner-scorecard',
        description: 'Queues the weekly scorecard email to each active partner’s admins (once per partner and ISO week)',
        schedule: env.PARTNER_SCORECARD_SCHEDULE,
        run: async () => ({ ...(await this.scorecards.sendWeekly()) }),
      },
      {
        name: 'channel-digest',
        description: 'Queues the daily digest email to each channel manager (its partners) and admin (all partners), once per day',
        schedule: env.CHANNEL_DIGEST_SCHEDULE,
        run: async () => ({ ...(await this.digests.sendDaily()) }),
      },
      {
        name: 'deliver-webhooks',
        description: 'Sends webhook events to their endpoints, signed and in order per lead, retrying failed ones with capped backoff',
        schedule: env.WEBHOOK_SCHEDULE,
        wakeOn: WEBHOOK_QUEUED,
        run: async () => ({ ...(await this.webhooks.deliverDue()) }),
      },
      {
        name: 'deal-windows',
        description: 'Ends deal registrations whose protection window is over, and reminds partners of windows ending soon',
        schedule: env.DEAL_WINDOW_SCHEDULE,
        run: async () => ({ ...(await this.deals.runWindows()) }),
      },
    ];
  }

  find(name: string): JobDefinition | undefined {
    return this.definitions.find((job) => job.name === name);
  }

  /** Runs a job in this process and waits for it; the handlers are idempotent, so this is safe next to a scheduled run. */
  async runNow(name: string): Promise<{ job: JobName } & JobSummary> {
    const job = this.find(name);
    if (!job) {
      throw new DomainError(DomainErrorCode.NotFound, `No job named "${name}"; the jobs are: ${JOB_NAMES.join(', ')}`);
    }
    return { job: job.name, ...(await job.run()) };
  }

  /**
   * The order matters: recalls first, so each recalled lead is re-offered (excluding the partner that
   * let it lapse) in the same run; then the clocks of accepted leads; then whatever else is pending.
   * Should the process die between steps, nothing is lost: a recalled lead is pending, and the next
   * run finds it.
   */
  private async sweep(): Promise<JobSummary> {
    const accept = await this.sweeps.sweepAcceptClocks();
    const reallocated = await this.pending.allocateEach(accept.recalledLeadIds);
    const contact = await this.sweeps.sweepContactClocks();
    const feedback = await this.sweeps.sweepFeedbackClocks();
    const update = await this.sweeps.sweepUpdateClocks();
    const pending = await this.pending.allocatePending(PENDING_PER_RUN);
    return {
      breachesRecorded: accept.breachesRecorded + contact.breachesRecorded + feedback.breachesRecorded + update.breachesRecorded,
      breaches: { accept: accept.breachesRecorded, contact: contact.breachesRecorded, feedback: feedback.breachesRecorded, update: update.breachesRecorded },
      recalled: accept.recalled,
      reallocated,
      pending,
    };
  }
}
