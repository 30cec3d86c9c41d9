// Reports and dashboards read through REPORTS_DATABASE_URL: here a login role that may only SELECT, with every
// transaction read-only (what a streaming standby enforces), on this worker's database. The rollup job still
// writes on the primary; nothing can be written through the reports' connection.
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobsService } from '@leadgate/jobs';
import { REPORTS_CONNECTION } from '@leadgate/database';
import { UsersService } from '@leadgate/users';
import { signIn } from './support/browser-session';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { createTestApp, freshDatabaseUrl, TestApp } from './support/test-app';
import { TEMPLATE_DATABASE, withAdminClient, workerDatabaseName } from './support/test-database';

const PASSWORD = 'correct horse battery';
const OUTCOMES = '/api/v1/reports/outcomes?from=2026-02-01&to=2026-03-31&granularity=month';
// Roles belong to the whole server: one per test database name, so parallel sessions never share one.
const READER = `${TEMPLATE_DATABASE}_${process.env.JEST_WORKER_ID ?? '1'}_reports_reader`;
// The embedded server asks every role for a password (scram-sha-256); the machine's trusts local roles.
const READER_PASSWORD = 'reports-reader-secret';

describe('reports on a read-only database (REPORTS_DATABASE_URL)', () => {
  let t: TestApp;
  let admin: string;
  let reportsDataSource: DataSource;

  const asAdmin = (sql: string) => withAdminClient((client) => client.query(sql));
  const insertLead = async (typeId: string, campaignId: string, partnerId: string, createdAt: string, status: string) => {
    await t.dataSource.query(
      `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id, currency, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4, 'Buyer GmbH', 'DE', $5, 'EUR', $6, $6)`,
      [typeId, campaignId, status, `b${Math.random()}@example.com`, partnerId, createdAt],
    );
  };

  beforeAll(async () => {
    const primaryUrl = await freshDatabaseUrl();
    const database = workerDatabaseName();
    await asAdmin(`DO $$ BEGIN CREATE ROLE "${READER}" LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await asAdmin(`ALTER ROLE "${READER}" LOGIN PASSWORD '${READER_PASSWORD}'`);
    await asAdmin(`ALTER ROLE "${READER}" SET default_transaction_read_only = on`);
    // The fresh database is a copy of the template: grant on it (a dropped database takes its grants along).
    const owner = new Client({ connectionString: primaryUrl });
    await owner.connect();
    try {
      await owner.query(`GRANT USAGE ON SCHEMA public TO "${READER}"`);
      await owner.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${READER}"`);
    } finally {
      await owner.end();
    }
    const readerUrl = new URL(primaryUrl);
    readerUrl.username = READER;
    readerUrl.password = READER_PASSWORD;
    readerUrl.pathname = `/${database}`;
    t = await createTestApp({ now: '2026-03-20T12:00:00Z', databaseUrl: primaryUrl, env: { REPORTS_DATABASE_URL: readerUrl.toString() } });
    reportsDataSource = t.app.get<DataSource>(getDataSourceToken(REPORTS_CONNECTION));
    admin = await makeToken(t, 'admin');

    const type = await makeLeadType(t.dataSource);
    const alpha = await makePartner(t.dataSource, { name: 'Alpha IT' });
    const webinar = await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 });
    await insertLead(type.id, webinar.id, alpha.id, '2026-02-20T10:00:00Z', 'qualified');
    await insertLead(type.id, webinar.id, alpha.id, '2026-03-02T10:00:00Z', 'offered');
    // The rollup job writes on the primary, though reports read elsewhere.
    await t.app.get(JobsService).runNow('reports-rollup');
  });
  afterAll(async () => {
    await t?.close();
    await asAdmin(`ALTER ROLE "${READER}" NOLOGIN`).catch(() => undefined);
  });

  it('reads reports through the read-only role, not the primary', async () => {
    expect(reportsDataSource).not.toBe(t.dataSource);
    const [{ user, readOnly }] = await reportsDataSource.query(`SELECT current_user AS user, current_setting('transaction_read_only') AS "readOnly"`);
    expect([user, readOnly]).toEqual([READER, 'on']);
    const res = await request(t.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.rows.map((r: { period: string; leads: number; qualified: number }) => [r.period, r.leads, r.qualified])).toEqual([
      ['2026-02-01', 1, 1],
      ['2026-03-01', 1, 0],
    ]);
    const readers = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()`, [READER]);
    expect(readers[0].n).toBeGreaterThan(0);
  });

  it('serves the dashboard pages through it', async () => {
    const email = 'replica-admin@example.com';
    await t.app.get(UsersService).createUser({ email, displayName: 'Replica Admin', role: 'admin', password: PASSWORD });
    const cookie = await signIn(t.http, email, PASSWORD);
    const page = await request(t.http).get('/dashboard?from=2026-02-01&to=2026-03-31&granularity=month').set('Cookie', cookie).expect(200);
    expect(page.text).toMatch(/Leads<\/span> <strong class="figure-value">2<\/strong>/);
    expect(page.text).toContain('Spring webinar');
  });

  it('refuses every write through the reports connection', async () => {
    await expect(reportsDataSource.query(`INSERT INTO report_rollup_state (id, leads_updated_before, ran_at) VALUES (true, now(), now())`)).rejects.toThrow(
      /read-only transaction|permission denied/,
    );
    await expect(reportsDataSource.query(`DELETE FROM report_daily`)).rejects.toThrow(/read-only transaction|permission denied/);
    // Even a session that turns read-only off may not write: the role has SELECT only.
    await expect(
      reportsDataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL transaction_read_only = off`);
        await tx.query(`UPDATE report_daily SET leads = leads + 1`);
      }),
    ).rejects.toThrow(/permission denied/);
    const [{ n }] = await t.dataSource.query(`SELECT sum(leads)::int AS n FROM report_daily`);
    expect(n).toBe(2);
  });

  it('fails reports, not intake or health, while the reports database is down; /health says so', async () => {
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body.info.reportsDatabase).toEqual({ status: 'up', reachable: true, standby: false, replayLagSeconds: null });
    await asAdmin(`ALTER ROLE "${READER}" NOLOGIN`);
    await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${READER}'`);
    // pg_terminate_backend only signals: wait until the reader's sessions are gone, or a pooled one could still answer.
    for (let waited = 0; waited < 5_000; waited += 50) {
      const { rows } = await asAdmin(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = '${READER}'`);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      const res = await request(t.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBeGreaterThanOrEqual(500);
      const down = await request(t.http).get('/health').expect(200);
      expect(down.body.info.database.status).toBe('up');
      expect(down.body.info.reportsDatabase).toMatchObject({ status: 'up', reachable: false });
    } finally {
      await asAdmin(`ALTER ROLE "${READER}" LOGIN PASSWORD '${READER_PASSWORD}'`);
    }
    await request(t.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`).expect(200);
  });
});
