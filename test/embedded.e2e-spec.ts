import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, ManualClock } from '@leadgate/common';
import { ComplianceService } from '@leadgate/compliance';
import { AppConfig, validateEnvironment } from '@leadgate/config';
import { EmbeddedDatabaseError, EmbeddedPostgres } from '@leadgate/database';
import { LEAD_STATUSES } from '@leadgate/lifecycle';
import { runCli } from '../apps/cli/src/cli';
import { configureApp } from '../apps/portal/src/configure-app';
import { PortalModule } from '../apps/portal/src/portal.module';

/** The portal as `npm start` runs it without DATABASE_URL: the embedded PostgreSQL under DATA_DIR. */
async function startEmbedded(dataDir: string): Promise<INestApplication> {
  const config = new AppConfig(validateEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', DATA_DIR: dataDir }));
  const moduleRef = await Test.createTestingModule({ imports: [PortalModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(new ManualClock(new Date('2026-03-02T09:00:00Z')))
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.init();
  return app;
}

async function counts(ds: DataSource): Promise<Record<string, number>> {
  const [row] = await ds.query(`
    SELECT (SELECT count(*) FROM partners)::int AS partners, (SELECT count(*) FROM lead_types)::int AS "leadTypes",
           (SELECT count(*) FROM campaigns)::int AS campaigns, (SELECT count(*) FROM leads)::int AS leads,
           (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM api_tokens)::int AS tokens,
           (SELECT count(*) FROM lead_events)::int AS events`);
  return row;
}

/** A fresh folder the `postgres` system user can reach when the tests run as root (mkdtemp makes it 0700). */
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-embedded-'));
  chmodSync(dir, 0o755);
  return dir;
}

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('embedded mode (no DATABASE_URL)', () => {
  // Creating a cluster and playing 90 days of demo takes ~10 s alone, several times that beside busy suites.
  jest.setTimeout(180_000);
  const dataDir = freshFolder();
  let app: INestApplication | undefined;
  let firstCounts: Record<string, number>;
  const printed: string[] = [];

  beforeAll(() => {
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  });
  afterAll(async () => {
    await app?.close();
    jest.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty folder, migrates, seeds the demo data and answers /health', async () => {
    app = await startEmbedded(dataDir);
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.info.database.status).toBe('up');

    const ds = app.get(DataSource);
    firstCounts = await counts(ds);
    expect(firstCounts.partners).toBeGreaterThanOrEqual(24);
    expect(firstCounts.leadTypes).toBeGreaterThanOrEqual(4);
    expect(firstCounts.campaigns).toBeGreaterThanOrEqual(5);
    expect(firstCounts.leads).toBeGreaterThanOrEqual(300);
    expect(firstCounts.tokens).toBe(1);
  });

  it('starts every partner in the standing its compliance rules give: a recompute changes nothing', async () => {
    const { standingChanges } = await app!.get(ComplianceService).recompute();
    expect(standingChanges).toEqual([]);
    // …and the demo still shows every standing, so each part of the portal has something to show.
    const standings: { standing: string }[] = await app!.get(DataSource).query(`SELECT DISTINCT standing FROM partners ORDER BY standing`);
    expect(standings.map((s) => s.standing)).toEqual(['good', 'suspended', 'warning']);
  });

  it('rolls the demo leads up for the reports, so the dashboards show figures at once', async () => {
    const ds = app!.get(DataSource);
    const [{ leads }] = await ds.query(`SELECT COALESCE(sum(leads), 0)::int AS leads FROM report_daily`);
    expect(leads).toBe(firstCounts.leads);
    const [{ months }] = await ds.query(`SELECT count(*)::int AS months FROM report_sla_summary WHERE granularity = 'month' AND dimension = 'none'`);
    expect(months).toBeGreaterThan(0);
  });

  it('puts demo leads in every status', async () => {
    const rows: { status: string }[] = await app!.get(DataSource).query('SELECT DISTINCT status FROM leads');
    expect(rows.map((r) => r.status).sort()).toEqual([...LEAD_STATUSES].sort());
  });

  it('keeps each partner’s open_leads equal to the leads it holds in open statuses', async () => {
    const mismatched = await app!.get(DataSource).query(`
      SELECT p.name, p.open_leads, count(l.id)::int AS held FROM partners p
      LEFT JOIN leads l ON l.current_partner_id = p.id AND l.status IN ('offered', 'accepted', 'contacted', 'qualified', 'opportunity')
      GROUP BY p.id HAVING p.open_leads <> count(l.id) OR p.open_leads > p.capacity`);
    expect(mismatched).toEqual([]);
    const [{ total }] = await app!.get(DataSource).query('SELECT sum(open_leads)::int AS total FROM partners');
    expect(total).toBeGreaterThan(0);
  });

  it('gives every partner-held lead an open assignment and every lead a timeline', async () => {
    const ds = app!.get(DataSource);
    const [{ missing }] = await ds.query(`
      SELECT count(*)::int AS missing FROM leads l
      WHERE l.status IN ('offered', 'accepted', 'contacted', 'qualified', 'opportunity')
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.lead_id = l.id AND a.partner_id = l.current_partner_id AND a.status IN ('offered', 'accepted'))`);
    expect(missing).toBe(0);
    const [{ silent }] = await ds.query(`SELECT count(*)::int AS silent FROM leads l WHERE NOT EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id)`);
    expect(silent).toBe(0);
    const [{ suspended }] = await ds.query(`SELECT count(*)::int AS suspended FROM partners WHERE standing = 'suspended'
      AND EXISTS (SELECT 1 FROM standing_changes s WHERE s.partner_id = partners.id AND s.to_standing = 'suspended')`);
    expect(suspended).toBeGreaterThanOrEqual(1);
  });

  it('prints the demo logins, the portal URL and the intake token', () => {
    const banner = printed.join('\n');
    expect(banner).toContain('admin@leadgate.test');
    expect(banner).toContain('http://localhost:3000');
    expect(banner).toMatch(/Intake API token \(shown only now\): lg_/);
  });

  it('does not seed again when restarted on the same folder, but still prints the logins', async () => {
    await app!.close();
    printed.length = 0;
    app = await startEmbedded(dataDir);
    await request(app.getHttpServer()).get('/health').expect(200);
    // Timeline lines may grow meanwhile (the jobs offer the leads the demo left waiting, the sweep records what
    // fell due): only a second seed would add partners, users, leads or tokens.
    const { events, ...seeded } = await counts(app.get(DataSource));
    const { events: firstEvents, ...firstSeeded } = firstCounts;
    expect(seeded).toEqual(firstSeeded);
    expect(events).toBeGreaterThanOrEqual(firstEvents);
    const banner = printed.join('\n');
    expect(banner).toContain('admin@leadgate.test');
    expect(banner).not.toMatch(/Intake API token \(shown only now\)/);
  });

  it('runs a CLI command while the portal runs, on the same database', async () => {
    const out: string[] = [];
    // The command builds its own context from the environment, as `npm run cli` does.
    process.env.DATA_DIR = dataDir;
    const code = await runCli(['create-admin', '--email', 'ops@embedded.test', '--name', 'Ops', '--password', 'correct horse battery'], {
      io: { out: (line) => out.push(line), err: (line) => out.push(line), errStream: new PassThrough() },
    }).finally(() => delete process.env.DATA_DIR);
    expect({ code, out }).toEqual({ code: 0, out: [expect.stringContaining('ops@embedded.test')] });
    const [{ admins }] = await app!.get(DataSource).query(`SELECT count(*)::int AS admins FROM users WHERE email = 'ops@embedded.test'`);
    expect(admins).toBe(1);
    // The command found the portal's server and left it running.
    await request(app!.getHttpServer()).get('/health').expect(200);
  });

  it('recovers after the database is killed with SIGKILL and finds every committed lead', async () => {
    const before = await counts(app!.get(DataSource));
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    await app!.close();
    app = await startEmbedded(dataDir);
    await request(app.getHttpServer()).get('/health').expect(200);
    expect(await counts(app.get(DataSource))).toEqual(before);
  });

  it('starts over a stale postmaster.pid whose pid now belongs to another program', async () => {
    await app!.close();
    app = undefined;
    writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `${process.pid}\n${dataDir}/postgres\n0\n1\n\n127.0.0.1\n`);
    const embedded = new EmbeddedPostgres(dataDir, { log: () => undefined });
    const url = await embedded.start();
    expect(postmasterPid(dataDir)).not.toBe(process.pid);
    expect(url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    await embedded.stop();
  });
});

describe('embedded database: what it refuses', () => {
  const quiet = { log: () => undefined };
  const folders: string[] = [];
  const folder = () => {
    const dir = freshFolder();
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('a DATA_DIR it cannot write: a clear message, nothing created', async () => {
    const file = join(folder(), 'a-file');
    writeFileSync(file, '');
    await expect(new EmbeddedPostgres(join(file, 'data'), quiet).start()).rejects.toThrow(
      new EmbeddedDatabaseError(`DATA_DIR ${join(file, 'data')} cannot hold the embedded database (ENOTDIR). Point DATA_DIR at a writable folder, or set DATABASE_URL to use a PostgreSQL server.`),
    );
  });

  it('a data folder of another PostgreSQL major version: names both versions and leaves the folder as it was', async () => {
    const dataDir = folder();
    mkdirSync(join(dataDir, 'postgres'));
    writeFileSync(join(dataDir, 'postgres', 'PG_VERSION'), '15\n');
    await expect(new EmbeddedPostgres(dataDir, quiet).start()).rejects.toThrow(/created by PostgreSQL 15, but the embedded server is PostgreSQL 17/);
    expect(readFileSync(join(dataDir, 'postgres', 'PG_VERSION'), 'utf8')).toBe('15\n');
  });

  it('a folder in the way that is not a PostgreSQL data folder: refuses rather than overwrite it', async () => {
    const dataDir = folder();
    mkdirSync(join(dataDir, 'postgres'));
    writeFileSync(join(dataDir, 'postgres', 'notes.txt'), 'mine');
    await expect(new EmbeddedPostgres(dataDir, quiet).start()).rejects.toThrow(/exists but is not a PostgreSQL data folder/);
    expect(readFileSync(join(dataDir, 'postgres', 'notes.txt'), 'utf8')).toBe('mine');
  });
});
