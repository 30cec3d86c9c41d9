// Reports and dashboards on a real streaming replica: a throwaway primary and its hot standby (pg_basebackup -R)
// on this machine. The app writes on the primary, reads reports from the standby, and the standby's replay
// delay is the reports' extra staleness.
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { REPORTS_CONNECTION } from '@leadgate/database';
import { JobsService } from '@leadgate/jobs';
import { makeCampaign, makeLeadType, makePartner, makeToken } from './support/builders';
import { postgresBinaries, startStreamingPair, StreamingPair } from './support/streaming-standby';
import { createTestApp, TestApp } from './support/test-app';

const OUTCOMES = '/api/v1/reports/outcomes?from=2026-02-01&to=2026-03-31&granularity=month';
const bin = postgresBinaries();

// Needs PostgreSQL's initdb, pg_ctl and pg_basebackup (Debian: postgresql-15); without them there is nothing to stand up.
(bin ? describe : describe.skip)('reports on a streaming standby (REPORTS_DATABASE_URL)', () => {
  let pair: StreamingPair;
  let t: TestApp;
  let admin: string;
  let reportsDataSource: DataSource;
  let addLead: (createdAt: string) => Promise<void>;

  const leadsPerMonth = async () => {
    const res = await request(t.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`).expect(200);
    return res.body.rows.map((r: { period: string; leads: number }) => [r.period, r.leads]);
  };
  const rollUp = () => t.app.get(JobsService).runNow('reports-rollup');

  beforeAll(async () => {
    pair = await startStreamingPair(bin!);
    const server = new Client({ connectionString: pair.primaryUrl('postgres') });
    await server.connect();
    await server.query(`CREATE DATABASE leadgate`);
    await server.end();
    await pair.caughtUp();
    t = await createTestApp({ now: '2026-03-20T12:00:00Z', databaseUrl: pair.primaryUrl('leadgate'), env: { REPORTS_DATABASE_URL: pair.standbyUrl('leadgate') } });
    reportsDataSource = t.app.get<DataSource>(getDataSourceToken(REPORTS_CONNECTION));
    admin = await makeToken(t, 'admin');
    const type = await makeLeadType(t.dataSource);
    const partner = await makePartner(t.dataSource, { name: 'Alpha IT' });
    const campaign = await makeCampaign(t.dataSource, { name: 'Spring webinar', costMinor: 100_000 });
    addLead = async (createdAt) => {
      await t.dataSource.query(
        `INSERT INTO leads (lead_type_id, campaign_id, status, email, email_normalized, company, country, current_partner_id, currency, created_at, updated_at)
         VALUES ($1, $2, 'qualified', $3, $3, 'Buyer GmbH', 'DE', $4, 'EUR', $5, $5)`,
        [type.id, campaign.id, `b${Math.random()}@example.com`, partner.id, createdAt],
      );
    };
    await addLead('2026-02-20T10:00:00Z');
    await addLead('2026-03-02T10:00:00Z');
    await rollUp();
    await pair.caughtUp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  });

  it('reads reports from the standby, and /health shows it caught up', async () => {
    const [{ standby }] = await reportsDataSource.query(`SELECT pg_is_in_recovery() AS standby`);
    expect(standby).toBe(true);
    expect(await leadsPerMonth()).toEqual([['2026-02-01', 1], ['2026-03-01', 1]]);
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body.info.reportsDatabase).toEqual({ status: 'up', reachable: true, standby: true, replayLagSeconds: 0 });
  });

  it('cannot be written through', async () => {
    await expect(reportsDataSource.query(`DELETE FROM report_daily`)).rejects.toThrow(/read-only transaction/);
  });

  it('lags the primary by its replay delay: held replay shows the last replayed rollup, then catches up', async () => {
    await pair.pauseReplay();
    try {
      await addLead('2026-03-03T10:00:00Z');
      await rollUp();
      // The primary has the third lead in its rollup; the standby, not yet.
      const [{ n }] = await t.dataSource.query(`SELECT sum(leads)::int AS n FROM report_daily`);
      expect(n).toBe(3);
      expect(await leadsPerMonth()).toEqual([['2026-02-01', 1], ['2026-03-01', 1]]);
      // Once the standby has received WAL it has not replayed, /health says how old its data is.
      let lag = 0;
      for (let waited = 0; lag === 0 && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        lag = (await request(t.http).get('/health').expect(200)).body.info.reportsDatabase.replayLagSeconds;
      }
      expect(lag).toBeGreaterThan(0);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await leadsPerMonth()).toEqual([['2026-02-01', 1], ['2026-03-01', 2]]);
  });

  it('starts without its standby, answers reports 503 meanwhile, and reads from it once it is back', async () => {
    pair.stopStandby();
    let second: TestApp | undefined;
    try {
      second = await createTestApp({ now: '2026-03-20T12:00:00Z', databaseUrl: pair.primaryUrl('leadgate'), env: { REPORTS_DATABASE_URL: pair.standbyUrl('leadgate') } });
      const res = await request(second.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(503);
      const health = await request(second.http).get('/health').expect(200);
      expect(health.body.info.database.status).toBe('up');
      expect(health.body.info.reportsDatabase).toMatchObject({ status: 'up', reachable: false });
      pair.startStandby();
      let status = 0;
      for (let waited = 0; status !== 200 && waited < 20_000; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = (await request(second.http).get(OUTCOMES).set('Authorization', `Bearer ${admin}`)).status;
      }
      expect(status).toBe(200);
    } finally {
      await second?.close();
    }
  }, 60_000);
});
