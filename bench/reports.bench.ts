// Report requests at 1,000,000 leads (one in ten partner-held leads a registered deal) and 2,000 partners: rollup build time
// and the median of each report request.
import { loadavg } from 'node:os';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Principal } from '@leadgate/auth';
import { ClockModule } from '@leadgate/common';
import { ConfigModule } from '@leadgate/config';
import { DatabaseModule } from '@leadgate/database';
import { ReportingModule, ReportQuery, ReportRollupService, ReportsService } from '@leadgate/reporting';
import { WebhookOutboxModule } from '@leadgate/webhooks';
import { freshBenchDatabase } from './bench-database';
import { COUNTRIES, insertPartners } from './fixtures';
import { fmt, timed } from './measure';
import { partnerDashboardReports, vendorDashboardReports } from '../apps/portal/src/pages/dashboard-reports';

// Issue 17: every report a page asks for, p50 under 100 ms at 1,000,000 leads and 2,000 partners.
const TARGET_MS = 100;

export interface ReportBenchOptions {
  leads?: number;
  partners?: number;
  /** Requests per report; the median is reported. */
  requests?: number;
}

export interface ReportFigures {
  leads: number;
  partners: number;
  loadSeconds: number;
  fullRollupSeconds: number;
  incrementalRollupSeconds: number;
  medians: Array<{ name: string; ms: number }>;
  /** A dashboard page's reports asked together, as the page does (no target of their own: the sum of the reports'). */
  pages: Array<{ name: string; ms: number }>;
  /** The host's 1-minute load average when the timings started and ended: the machine is shared. */
  load: [number, number];
}

@Module({ imports: [ConfigModule.forRoot(), ClockModule, DatabaseModule.forRoot(), WebhookOutboxModule, ReportingModule] })
class ReportsBenchModule {}

/** A year of leads through every stage, each held by one of the partners, with its assignment and SLA clocks. */
async function loadLeads(db: Client, leads: number, partners: number): Promise<void> {
  await insertPartners(db, partners);
  await db.query(
    `INSERT INTO lead_types (key, name, sla_accept_minutes, sla_contact_minutes, sla_feedback_minutes)
     SELECT 'type-' || i, 'Type ' || i, 240, 480, 4800 FROM generate_series(1, 4) AS i`,
  );
  await db.query(
    `INSERT INTO campaigns (key, name, cost_minor) SELECT 'campaign-' || i, 'Campaign ' || i, 1000000 * i FROM generate_series(1, 40) AS i`,
  );
  // Bulk load: the rows are consistent by construction, so skip the per-row foreign-key triggers.
  await db.query(`SET session_replication_role = replica`);
  await db.query(`ALTER TABLE leads SET (autovacuum_enabled = false)`);
  await db.query(`ALTER TABLE assignments SET (autovacuum_enabled = false)`);
  // Statuses by i % 20: 2 unallocated, 2 offered, 2 accepted, 3 contacted, 3 qualified, 2 opportunity, 2 won, 2 lost, 1 disqualified, 1 recycled.
  await db.query(
    `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id,
                        opportunity_amount_minor, won_amount_minor, currency, outcome_reason_code, created_at, updated_at, source)
     SELECT t.ids[(1 + i % 4)::int], CASE WHEN i % 10 = 0 THEN NULL ELSE c.ids[(1 + (i * 7) % 40)::int] END, s.status,
            'r' || i || '@reports.example', 'r' || i || '@reports.example', 'Buyer ' || i, ($1::text[])[(1 + (i * 13) % 25)::int],
            CASE WHEN s.status = 'unallocated' THEN NULL ELSE p.ids[(1 + (i * 7919) % array_length(p.ids, 1))::int] END,
            CASE WHEN s.status IN ('opportunity', 'won', 'lost') THEN 100000 * (1 + i % 50) END,
            CASE WHEN s.status = 'won' THEN 90000 * (1 + i % 50) END,
            'EUR', CASE WHEN s.status IN ('disqualified', 'recycled') THEN (ARRAY['no_budget', 'early_research', 'other'])[(1 + i % 3)::int] END, at, at,
            -- One partner-held lead in ten is a registered deal.
            CASE WHEN s.status <> 'unallocated' AND i % 10 = 3 THEN 'registered_deal' ELSE 'marketing' END
       FROM generate_series(1, $2::bigint) AS i
      CROSS JOIN (SELECT array_agg(id ORDER BY key) AS ids FROM lead_types) t
      CROSS JOIN (SELECT array_agg(id ORDER BY key) AS ids FROM campaigns) c
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM partners) p
      CROSS JOIN LATERAL (SELECT (ARRAY['unallocated', 'unallocated', 'offered', 'offered', 'accepted', 'accepted', 'recycled',
                                        'contacted', 'contacted', 'contacted', 'qualified', 'qualified', 'qualified', 'opportunity',
                                        'opportunity', 'won', 'won', 'lost', 'lost', 'disqualified'])[(1 + i % 20)::int] AS status) s
      CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (i * 31536000 / $2::int)) AS at) a`,
    [COUNTRIES, leads],
  );
  await db.query(
    `INSERT INTO assignments (lead_id, partner_id, status, offered_at, accept_due_at, contact_due_at, feedback_due_at,
                              accepted_at, first_contact_at, feedback_at)
     SELECT l.id, l.current_partner_id, CASE WHEN l.status = 'offered' THEN 'offered' ELSE 'accepted' END, o.at,
            o.at + interval '4 hours', o.at + interval '8 hours', o.at + interval '80 hours',
            CASE WHEN l.status <> 'offered' THEN o.at + make_interval(mins => (h % 300)) END,
            CASE WHEN l.status NOT IN ('offered', 'accepted') THEN o.at + make_interval(mins => 60 + (h % 600)) END,
            CASE WHEN l.status IN ('qualified', 'opportunity', 'won', 'lost', 'disqualified', 'recycled') THEN o.at + make_interval(mins => 120 + (h % 6000)) END
       FROM leads l
      CROSS JOIN LATERAL (SELECT abs(hashtext(l.id::text)) AS h) x
      CROSS JOIN LATERAL (SELECT l.created_at + make_interval(mins => (x.h % 90)) AS at) o
      WHERE l.current_partner_id IS NOT NULL`,
  );
  await db.query(`SET session_replication_role = DEFAULT`);
  await db.query(`ALTER TABLE leads RESET (autovacuum_enabled)`);
  await db.query(`ALTER TABLE assignments RESET (autovacuum_enabled)`);
  await db.query(`VACUUM ANALYZE leads`);
  await db.query(`VACUUM ANALYZE assignments`);
}

async function medianMs(requests: number, request: () => Promise<unknown>): Promise<number> {
  await request(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push((await timed(request)).seconds * 1000);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function benchReports(options: ReportBenchOptions = {}): Promise<ReportFigures> {
  const leads = options.leads ?? 1_000_000;
  const partners = options.partners ?? 2_000;
  const requests = options.requests ?? 20;
  const url = await freshBenchDatabase('_reports');
  const db = new Client({ connectionString: url });
  await db.connect();
  const load = await timed(() => loadLeads(db, leads, partners));
  const { rows: [{ partner_id: partnerId }] } = await db.query(`SELECT current_partner_id AS partner_id FROM leads WHERE current_partner_id IS NOT NULL LIMIT 1`);
  const { rows: [{ id: leadTypeId }] } = await db.query(`SELECT id FROM lead_types ORDER BY key LIMIT 1`);

  // The app's configuration reads the environment once, at start: point it at this database only while starting.
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE };
  Object.assign(process.env, { DATABASE_URL: url, DATABASE_POOL_SIZE: '4' });
  const app = await NestFactory.createApplicationContext(ReportsBenchModule, { logger: ['error', 'warn'] });
  Object.assign(process.env, saved);
  try {
    const rollup = app.get(ReportRollupService);
    const full = await timed(() => rollup.run());
    await db.query(`UPDATE leads SET updated_at = now() WHERE id IN (SELECT id FROM leads ORDER BY created_at DESC LIMIT 2000)`);
    const incremental = await timed(() => rollup.run());
    await db.query(`VACUUM ANALYZE report_daily`);
    await db.query(`VACUUM ANALYZE report_sla`);
    for (const summary of ['report_sla_summary', 'report_outcome_summary', 'report_reason_summary']) await db.query(`VACUUM ANALYZE ${summary}`);

    const reports = app.get(ReportsService);
    const admin: Principal = { kind: 'token', id: 'bench', name: 'bench', role: 'channel_manager', partnerId: null, timeZone: 'UTC' };
    const partner: Principal = { ...admin, role: 'partner_admin', partnerId };
    const q = (days: number, granularity: ReportQuery['granularity'], groupBy: ReportQuery['groupBy']): ReportQuery => {
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      return Object.assign(new ReportQuery(), { from, to, granularity, groupBy });
    };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['outcomes, 90 days by month', () => reports.outcomes(q(90, 'month', 'none'), admin)],
      ['outcomes, 365 days by month and campaign', () => reports.outcomes(q(365, 'month', 'campaign'), admin)],
      ['outcomes, 90 days by week and country', () => reports.outcomes(q(90, 'week', 'country'), admin)],
      ['outcomes, 90 days by partner (2,000)', () => reports.outcomes(q(90, 'month', 'partner'), admin)],
      ['outcomes, partner + program median, 90 days', () => reports.outcomes(q(90, 'month', 'none'), partner)],
      ['quality, 365 days by month and campaign', () => reports.quality(q(365, 'month', 'campaign'), admin)],
      ['quality, 90 days by lead type', () => reports.quality(q(90, 'month', 'leadType'), admin)],
      ['quality, partner + program median, 90 days', () => reports.quality(q(90, 'month', 'none'), partner)],
      ['sla, 90 days by month', () => reports.sla(q(90, 'month', 'none'), admin)],
      ['sla, 365 days by month', () => reports.sla(q(365, 'month', 'none'), admin)],
      ['sla, 90 days by partner (2,000)', () => reports.sla(q(90, 'month', 'partner'), admin)],
      ['sla, partner + program median, 90 days', () => reports.sla(q(90, 'month', 'none'), partner)],
      // A filter on a second dimension is answered from report_sla's rows rather than the summary.
      ['sla, 90 days by partner, one lead type', () => reports.sla(Object.assign(q(90, 'month', 'partner'), { leadTypeId }), admin)],
      ['outcomes, 90 days by week and source', () => reports.outcomes(q(90, 'week', 'source'), admin)],
      ['sla, 90 days by source', () => reports.sla(q(90, 'month', 'source'), admin)],
      ['sla, 90 days by partner, registered deals', () => reports.sla(Object.assign(q(90, 'month', 'partner'), { source: 'registered_deal' as const }), admin)],
    ];
    // Every report the dashboards ask for (their default: 90 days by month), and each page's reports together as it asks them.
    const dashboard = (groupBy: ReportQuery['groupBy']) => q(90, 'month', groupBy);
    cases.push(
      ['outcomes, 90 days by month and campaign', () => reports.outcomes(dashboard('campaign'), admin)],
      ['outcomes, 90 days by month and source', () => reports.outcomes(dashboard('source'), admin)],
      ['quality, 90 days by campaign', () => reports.quality(dashboard('campaign'), admin)],
      ['quality, 90 days by source', () => reports.quality(dashboard('source'), admin)],
      ['filter choices (2,000 partners)', () => reports.filterChoices(admin)],
    );
    // The pages' own report sets (apps/portal/src/pages/dashboard-reports.ts), so the figures follow the pages.
    const pages: Array<[string, () => Promise<unknown>]> = [
      ['staff dashboard: its reports at once', () => vendorDashboardReports(reports, dashboard, admin)],
      ['partner dashboard: its reports at once', () => partnerDashboardReports(reports, dashboard, partner)],
    ];
    const loadBefore = loadavg()[0];
    const medians: ReportFigures['medians'] = [];
    for (const [name, request] of cases) medians.push({ name, ms: await medianMs(requests, request) });
    const pageMedians: ReportFigures['pages'] = [];
    for (const [name, request] of pages) pageMedians.push({ name, ms: await medianMs(requests, request) });
    return { leads, partners, loadSeconds: load.seconds, fullRollupSeconds: full.seconds, incrementalRollupSeconds: incremental.seconds, medians, pages: pageMedians, load: [loadBefore, loadavg()[0]] };
  } finally {
    await app.close();
    await db.end();
  }
}

export function printReports(f: ReportFigures): void {
  console.log(`\nReports (${fmt(f.leads)} leads over a year, ${fmt(f.partners)} partners; loaded in ${fmt(f.loadSeconds, 1)} s)`);
  console.log(`  load average while timing: ${fmt(f.load[0], 1)} → ${fmt(f.load[1], 1)} (figures grow with it)`);
  console.log(`  full rollup:         ${fmt(f.fullRollupSeconds, 1)} s`);
  console.log(`  incremental rollup:  ${fmt(f.incrementalRollupSeconds, 2)} s  (2,000 leads changed)`);
  for (const { name, ms } of f.medians) {
    console.log(`  ${name.padEnd(46)} ${fmt(ms, 1).padStart(6)} ms p50  (target < ${TARGET_MS} ms)${ms < TARGET_MS ? '' : '  SLOW'}`);
  }
  for (const { name, ms } of f.pages) console.log(`  ${name.padEnd(46)} ${fmt(ms, 1).padStart(6)} ms p50  (no target: the page's reports together)`);
}
