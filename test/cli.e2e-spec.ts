import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Test, TestingModule } from '@nestjs/testing';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { ApiTokensService } from '@leadgate/auth';
import { Clock, ManualClock } from '@leadgate/common';
import { AppConfig, validateEnvironment } from '@leadgate/config';
import { CliModule } from '../apps/cli/src/cli.module';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runCli } from '../apps/cli/src/cli';
import { EXIT_ROWS_REJECTED } from '../apps/cli/src/commands/command';
import { makeCampaign, makeLeadType, makePartner } from './support/builders';
import { freshDatabaseUrl } from './support/test-app';

/** The CLI's module on this worker's fresh test database, and a runner that captures what commands print. */
async function cliHarness() {
  const config = new AppConfig(validateEnvironment({ DATABASE_URL: await freshDatabaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'warn' }));
  const context: TestingModule = await Test.createTestingModule({ imports: [CliModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(new ManualClock(new Date('2026-03-02T09:00:00Z')))
    .compile();
  await context.init();
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { config, context, io: { out: (l) => out.push(l), err: (l) => err.push(l), errStream: new PassThrough() } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { context, dataSource: context.get(DataSource), run };
}

describe('operator commands', () => {
  let cli: Awaited<ReturnType<typeof cliHarness>>;
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-cli-'));
  beforeAll(async () => {
    cli = await cliHarness();
  });
  afterAll(async () => {
    await cli.context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const usersWithEmail = async (email: string): Promise<{ role: string; password_hash: string; display_name: string }[]> =>
    cli.dataSource.query('SELECT role, password_hash, display_name FROM users WHERE email = $1', [email]);

  describe('create-admin', () => {
    it('creates an admin with a lower-cased email and an argon2id password hash', async () => {
      const res = await cli.run('create-admin', '--email', 'Olga.Operator@Example.com', '--password', 'correct horse battery', '--name', 'Olga Operator');
      expect(res.code).toBe(EXIT_OK);
      expect(res.out).toMatch(/Created admin olga\.operator@example\.com/);
      const [user] = await usersWithEmail('olga.operator@example.com');
      expect(user.role).toBe('admin');
      expect(user.display_name).toBe('Olga Operator');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await argon2.verify(user.password_hash, 'correct horse battery')).toBe(true);
      expect(await argon2.verify(user.password_hash, 'wrong password')).toBe(false);
    });

    it('rejects a missing password with usage help and exit code 2, writing nothing', async () => {
      const res = await cli.run('create-admin', '--email', 'nopass@example.com');
      expect(res.code).toBe(EXIT_USAGE);
      expect(res.err).toMatch(/--password is required/);
      expect(res.err).toMatch(/Usage: npm run cli -- create-admin --email <email> --password <password>/);
      expect(await usersWithEmail('nopass@example.com')).toEqual([]);
    });

    it('rejects an unknown option', async () => {
      const res = await cli.run('create-admin', '--email', 'typo@example.com', '--pasword', 'secret-secret');
      expect(res.code).toBe(EXIT_USAGE);
      expect(res.err).toMatch(/Unknown option '--pasword'/);
      expect(await usersWithEmail('typo@example.com')).toEqual([]);
    });

    it('explains a too short password and a taken email with exit code 1', async () => {
      const short = await cli.run('create-admin', '--email', 'short@example.com', '--password', 'abc');
      expect(short.code).toBe(EXIT_FAILED);
      expect(short.err).toMatch(/password: password must be at least 8 characters/);
      expect(await usersWithEmail('short@example.com')).toEqual([]);

      const taken = await cli.run('create-admin', '--email', 'OLGA.operator@example.com', '--password', 'another password');
      expect(taken.code).toBe(EXIT_FAILED);
      expect(taken.err).toMatch(/A user with email olga\.operator@example\.com already exists/);
    });
  });

  describe('create-token', () => {
    it('prints a secret that authenticates as a token scoped to the partner named', async () => {
      const partner = await makePartner(cli.dataSource, { name: 'Token Test Partner GmbH' });
      const res = await cli.run('create-token', '--role', 'partner_rep', '--partner', 'Token Test Partner GmbH', '--name', 'CRM sync');
      expect(res.code).toBe(EXIT_OK);
      const secret = res.out.trim();
      expect(secret).toMatch(/^lg_/);
      const principal = await cli.context.get(ApiTokensService).authenticate(secret);
      expect(principal).toMatchObject({ kind: 'token', name: 'CRM sync', role: 'partner_rep', partnerId: partner.id });
    });

    it('accepts the partner by id, and refuses an unknown partner or role without creating a token', async () => {
      const partner = await makePartner(cli.dataSource);
      const byId = await cli.run('create-token', '--role', 'partner_admin', '--partner', partner.id, '--name', 'by id');
      expect(byId.code).toBe(EXIT_OK);
      expect(await cli.context.get(ApiTokensService).authenticate(byId.out.trim())).toMatchObject({ partnerId: partner.id });

      const before = await cli.dataSource.query('SELECT count(*)::int AS n FROM api_tokens');
      const unknown = await cli.run('create-token', '--role', 'partner_rep', '--partner', 'No Such Partner', '--name', 'x');
      expect(unknown.code).toBe(EXIT_FAILED);
      expect(unknown.err).toMatch(/no partner with name "No Such Partner"/);
      const badRole = await cli.run('create-token', '--role', 'superuser', '--name', 'x');
      expect(badRole.code).toBe(EXIT_USAGE);
      expect(badRole.err).toMatch(/--role must be one of: admin, channel_manager/);
      const partnerless = await cli.run('create-token', '--role', 'partner_rep', '--name', 'x');
      expect(partnerless.code).toBe(EXIT_FAILED);
      expect(partnerless.err).toMatch(/partnerId: a partner_rep token needs a partnerId/);
      expect(await cli.dataSource.query('SELECT count(*)::int AS n FROM api_tokens')).toEqual(before);
    });
  });

  describe('migrate', () => {
    it('reports that an up-to-date database has nothing to apply', async () => {
      const res = await cli.run('migrate');
      expect(res.code).toBe(EXIT_OK);
      expect(res.out).toBe('Nothing to apply: the schema is up to date.');
    });
  });

  describe('import-leads', () => {
    const csv = [
      'email,firstName,lastName,company,country,postalCode,productInterest,leadType,campaign,score,externalId',
      'anna@import.example,Anna,Ames,Import AG,DE,80331,networking,csv-demo,csv-campaign,80,EXT-1',
      'not-an-email,Bad,Row,Import AG,DE,80331,networking,csv-demo,,50,EXT-2',
      'ben@import.example,Ben,Bell,Import AG,de,10115,,csv-demo,,,',
      'cara@import.example,Cara,Cole,,GERMANY,,,csv-demo,,150,EXT-4',
      'dan@import.example,Dan,Dunn,Import AG,DE,,,no-such-type,,,EXT-5',
    ].join('\n');

    it('creates the good rows and reports each bad row with its line and field problems', async () => {
      await makeLeadType(cli.dataSource, { key: 'csv-demo' });
      await makeCampaign(cli.dataSource, { key: 'csv-campaign' });
      await makePartner(cli.dataSource, { territories: ['DE'], specialties: ['networking'] });
      const file = join(dir, 'leads.csv');
      const report = join(dir, 'rejected.csv');
      writeFileSync(file, csv);

      const res = await cli.run('import-leads', '--file', file, '--report', report);
      expect(res.code).toBe(EXIT_ROWS_REJECTED);
      expect(res.out).toMatch(/5 rows: 2 created, 0 duplicates, 3 rejected/);
      expect(res.out).toMatch(/line 3: rejected: email: email must be a valid email address/);
      expect(res.out).toMatch(/line 5: rejected: company: .*; country: country must be an ISO 3166-1 alpha-2 code.*; score: score must not be greater than 100/);
      expect(res.out).toMatch(/line 6: rejected: leadType: there is no lead type with key "no-such-type"/);

      const lines = readFileSync(report, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('email,firstName,lastName,company,country,postalCode,productInterest,leadType,campaign,score,externalId,problems,line');
      expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(['3', '5', '6']);
      expect(lines[1]).toBe('not-an-email,Bad,Row,Import AG,DE,80331,networking,csv-demo,,50,EXT-2,email: email must be a valid email address,3');

      // The report, corrected, imports as it is.
      writeFileSync(report, readFileSync(report, 'utf8').replace('not-an-email', 'fixed@import.example'));
      const again = await cli.run('import-leads', '--file', report);
      expect(again.out).toMatch(/3 rows: 1 created, 0 duplicates, 2 rejected/);

      const leads: { email: string; country: string; score: number | null; idempotency_key: string | null; status: string }[] = await cli.dataSource.query(
        `SELECT email, country, score, idempotency_key, status FROM leads WHERE email LIKE '%@import.example' ORDER BY email`,
      );
      expect(leads).toEqual([
        { email: 'anna@import.example', country: 'DE', score: 80, idempotency_key: expect.stringMatching(/import:EXT-1$/), status: 'offered' },
        { email: 'ben@import.example', country: 'DE', score: null, idempotency_key: null, status: 'offered' },
        { email: 'fixed@import.example', country: 'DE', score: 50, idempotency_key: expect.stringMatching(/import:EXT-2$/), status: 'offered' },
      ]);
    });

    it('creates nothing twice when the same file is imported again', async () => {
      const file = join(dir, 'leads.csv');
      const res = await cli.run('import-leads', '--file', file);
      expect(res.out).toMatch(/5 rows: 0 created, 2 duplicates, 3 rejected/);
      const [{ n }] = await cli.dataSource.query(`SELECT count(*)::int AS n FROM leads WHERE email LIKE '%@import.example'`);
      expect(n).toBe(3);
    });

    it('refuses a file whose header has unknown columns, before importing anything', async () => {
      const file = join(dir, 'wrong-header.csv');
      writeFileSync(file, 'e-mail,company,country,leadType\nzoe@import.example,Z AG,DE,csv-demo\n');
      const res = await cli.run('import-leads', '--file', file);
      expect(res.code).toBe(EXIT_FAILED);
      expect(res.err).toMatch(/unknown column\(s\): e-mail; missing column\(s\): email/);
      expect(await cli.dataSource.query(`SELECT id FROM leads WHERE email = 'zoe@import.example'`)).toEqual([]);
    });

    it('needs --file', async () => {
      const res = await cli.run('import-leads');
      expect(res.code).toBe(EXIT_USAGE);
      expect(res.err).toMatch(/--file is required/);
    });
  });

  it('lists the commands for --help and rejects an unknown command', async () => {
    const help = await cli.run('--help');
    expect(help.code).toBe(EXIT_OK);
    for (const name of ['create-admin', 'create-token', 'migrate', 'import-leads', 'seed-demo']) expect(help.out).toContain(name);
    const unknown = await cli.run('drop-everything');
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.err).toMatch(/Unknown command "drop-everything"/);
  });
});

describe('seed-demo command', () => {
  let cli: Awaited<ReturnType<typeof cliHarness>>;
  beforeAll(async () => {
    cli = await cliHarness();
  });
  afterAll(() => cli.context.close());

  it('seeds an empty database and prints the demo logins with the intake token', async () => {
    const res = await cli.run('seed-demo');
    expect(res.code).toBe(EXIT_OK);
    expect(res.out).toMatch(/Seeded \d+ partners, \d+ lead types, \d+ campaigns and \d+ leads/);
    expect(res.out).toContain('admin@leadgate.test');
    const secret = /Intake API token \(shown only now\): (lg_\S+)/.exec(res.out)?.[1];
    expect(await cli.context.get(ApiTokensService).authenticate(secret!)).toMatchObject({ role: 'intake' });
    const [admin] = await cli.dataSource.query(`SELECT password_hash FROM users WHERE email = 'admin@leadgate.test'`);
    expect(await argon2.verify(admin.password_hash, 'admin-demo-1')).toBe(true);
  });

  it('refuses a database that already has partners and changes nothing', async () => {
    const [before] = await cli.dataSource.query('SELECT count(*)::int AS leads, (SELECT count(*)::int FROM users) AS users FROM leads');
    const res = await cli.run('seed-demo');
    expect(res.code).toBe(EXIT_FAILED);
    expect(res.err).toMatch(/already has partners; demo data is only ever loaded into an empty database/);
    const [after] = await cli.dataSource.query('SELECT count(*)::int AS leads, (SELECT count(*)::int FROM users) AS users FROM leads');
    expect(after).toEqual(before);
  });
});
