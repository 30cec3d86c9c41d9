// Fault injection with real worker processes: several starting together on a fresh database, and one killed mid-job.
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import request from 'supertest';
import { makePartner } from './support/builders';
import { AppProcess, startApp, stopAll } from './support/processes';
import { createTestApp, TestApp } from './support/test-app';
import { recreateDatabase, serverUrl, withAdminClient, workerDatabaseName } from './support/test-database';

// Far-off schedules, so only the jobs a test sends run.
const QUIET = {
  SWEEP_SCHEDULE: '0 0 1 1 *',
  COMPLIANCE_SCHEDULE: '0 0 1 1 *',
  FAIRNESS_DECAY_SCHEDULE: '0 0 1 1 *',
  EMAIL_SCHEDULE: '0 0 1 1 *',
  REPORTS_ROLLUP_SCHEDULE: '0 0 1 1 *',
};

describe('worker processes', () => {
  const workers: AppProcess[] = [];
  afterEach(() => stopAll(workers.splice(0)));

  it('starts two workers at the same moment on a fresh database, both of them', async () => {
    const name = `${workerDatabaseName()}_fresh`;
    await withAdminClient((client) => recreateDatabase(client, name));
    for (let i = 0; i < 2; i++) workers.push(startApp('worker', { DATABASE_URL: serverUrl(name), ...QUIET }));
    await Promise.all(workers.map((w) => w.waitFor(/worker ready/, 90_000)));
    for (const w of workers) expect(w.output()).not.toMatch(/deadlock/);
  }, 120_000);

  describe('a worker killed with kill -9 mid-job', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('leaves its job to another worker soon after its last heartbeat, says so, and /health shows the last success', async () => {
      const url = t.config.databaseUrl!;
      const env = { DATABASE_URL: url, ...QUIET, JOB_EXPIRE_SECONDS: '4', JOB_MAINTENANCE_SECONDS: '1' };
      const partner = await makePartner(t.dataSource);
      await t.dataSource.query(`UPDATE partners SET allocations_recent = 8 WHERE id = $1`, [partner.id]);
      const first = startApp('worker', env);
      workers.push(first);
      await first.waitFor(/worker ready/, 90_000);

      // Hold the partner's row, so the fairness decay blocks mid-run in the first worker.
      const blocker = new Client({ connectionString: url });
      await blocker.connect();
      await blocker.query(`BEGIN; SELECT id FROM partners WHERE id = '${partner.id}' FOR UPDATE`);
      const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
      await boss.start();
      const jobId = (await boss.send('fairness-decay', {}))!;
      await boss.stop({ graceful: false });
      const state = async () => (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId]))[0]?.state;
      await until(async () => (await state()) === 'active', 30_000);

      // Another worker is up and polling, but the running job is the first worker's (stately: one at a time).
      const second = startApp('worker', env);
      workers.push(second);
      await second.waitFor(/worker ready/, 90_000);
      expect(await state()).toBe('active');

      first.child.kill('SIGKILL');
      await first.exited;
      const killedAt = Date.now();
      await blocker.query('ROLLBACK');
      await blocker.end();

      // Expiry (4 s after the last heartbeat), maintenance (every second), polling (2 s), the run itself.
      await until(async () => (await state()) === 'completed', 60_000);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      expect(second.output()).toMatch(/fairness-decay \(job [0-9a-f-]+\) runs again: its previous run sent no heartbeat for 4 s/);

      const health = await request(t.http).get('/health').expect(200);
      expect(health.body.details.jobs['fairness-decay']).toMatchObject({ lagSeconds: 0, runningSince: null, stuck: false });
      expect(Date.parse(health.body.details.jobs['fairness-decay'].lastSuccessAt)).toBeGreaterThanOrEqual(killedAt - 1_000);
    }, 180_000);
  });
});

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
