import request from 'supertest';
import { JobRunner } from '@leadgate/jobs';
import { makePartner, makeToken } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

// This app runs the durable job workers too (as the worker app does); the schedules are set far
// apart so no scheduled run fires during the test.
const NEVER_DURING_TEST = '0 0 1 1 *';

describe('background jobs', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: { JOBS_IN_PORTAL: 'true', SWEEP_SCHEDULE: NEVER_DURING_TEST, COMPLIANCE_SCHEDULE: NEVER_DURING_TEST, FAIRNESS_DECAY_SCHEDULE: NEVER_DURING_TEST, EMAIL_SCHEDULE: NEVER_DURING_TEST, REPORTS_ROLLUP_SCHEDULE: NEVER_DURING_TEST, PARTNER_SCORECARD_SCHEDULE: NEVER_DURING_TEST, CHANNEL_DIGEST_SCHEDULE: NEVER_DURING_TEST, WEBHOOK_SCHEDULE: NEVER_DURING_TEST, DEAL_WINDOW_SCHEDULE: NEVER_DURING_TEST },
    });
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.dataSource.query(`TRUNCATE partners, api_tokens CASCADE`);
    admin = await makeToken(t, 'admin');
  });

  const run = (name: string, token: string) => request(t.http).post(`/api/v1/jobs/${name}/run`).set('Authorization', `Bearer ${token}`);

  it('runs a job now for an admin and answers with what it did', async () => {
    const partner = await makePartner(t.dataSource);
    await t.dataSource.query(`UPDATE partners SET allocations_recent = 8 WHERE id = $1`, [partner.id]);

    const res = await run('fairness-decay', admin).expect(200);

    expect(res.body).toEqual({ job: 'fairness-decay', partners: 1, factor: 0.5 });
    const [row] = await t.dataSource.query(`SELECT allocations_recent FROM partners WHERE id = $1`, [partner.id]);
    expect(row.allocations_recent).toBe('4.0000');
  });

  it('refuses anyone but an admin', async () => {
    const manager = await makeToken(t, 'channel_manager');
    await run('sla-sweep', manager).expect(403);
    await request(t.http).post('/api/v1/jobs/sla-sweep/run').expect(401);
  });

  it('answers 404 for an unknown job, naming the jobs there are', async () => {
    const res = await run('make-coffee', admin).expect(404);
    expect(res.body.message).toBe('No job named "make-coffee"; the jobs are: sla-sweep, compliance-recompute, allocate-pending, fairness-decay, deliver-email, reports-rollup, partner-scorecard, channel-digest, deliver-webhooks, deal-windows');
  });

  it('lists the jobs with their schedules', async () => {
    const res = await request(t.http).get('/api/v1/jobs').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.map((j: { name: string; schedule: string }) => [j.name, j.schedule])).toEqual([
      ['sla-sweep', NEVER_DURING_TEST],
      ['compliance-recompute', NEVER_DURING_TEST],
      ['allocate-pending', null],
      ['fairness-decay', NEVER_DURING_TEST],
      ['deliver-email', NEVER_DURING_TEST],
      ['reports-rollup', NEVER_DURING_TEST],
      ['partner-scorecard', NEVER_DURING_TEST],
      ['channel-digest', NEVER_DURING_TEST],
      ['deliver-webhooks', NEVER_DURING_TEST],
      ['deal-windows', NEVER_DURING_TEST],
    ]);
  });

  it('runs a queued job once through the durable queue in PostgreSQL', async () => {
    const runner = t.app.get(JobRunner);
    expect(runner.running).toBe(true);
    const partner = await makePartner(t.dataSource);
    await t.dataSource.query(`UPDATE partners SET allocations_recent = 2 WHERE id = $1`, [partner.id]);

    const id = await runner.enqueue('fairness-decay');

    let job = await runner.queuedJob('fairness-decay', id!);
    for (const deadline = Date.now() + 20_000; job?.state !== 'completed' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      job = await runner.queuedJob('fairness-decay', id!);
    }
    expect(job).toMatchObject({ state: 'completed', output: { job: 'fairness-decay', partners: 1 } });
    const [row] = await t.dataSource.query(`SELECT allocations_recent FROM partners WHERE id = $1`, [partner.id]);
    expect(row.allocations_recent).toBe('1.0000');
  });
});
