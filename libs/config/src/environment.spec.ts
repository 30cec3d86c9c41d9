import { availableParallelism } from 'node:os';
import { AppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DUPLICATE_WINDOW_DAYS).toBe(30);
  });

  it('names the variable that is wrong', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('parses numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '8080', DEMO_SEED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_SEED).toBe(false);
  });

  it('rejects thresholds out of order, naming the variable', () => {
    expect(() => validateEnvironment({ COMPLIANCE_SUSPEND_BELOW: '0.95' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ COMPLIANCE_SUSPEND_BELOW: '0.95' })).toThrow(/COMPLIANCE_SUSPEND_BELOW="0.95"/);
    expect(() => validateEnvironment({ COMPLIANCE_SUSPEND_BELOW: '0.5', COMPLIANCE_WARNING_BELOW: '0.5' })).toThrow(/COMPLIANCE_SUSPEND_BELOW/);
    expect(() => validateEnvironment({ COMPLIANCE_SUSPEND_BELOW: '0' })).toThrow(/COMPLIANCE_SUSPEND_BELOW="0"/);
    expect(validateEnvironment({ COMPLIANCE_SUSPEND_BELOW: '0.5', COMPLIANCE_WARNING_BELOW: '0.6' }).COMPLIANCE_SUSPEND_BELOW).toBe(0.5);
  });

  it('rejects a cron schedule the parser refuses, naming the variable', () => {
    expect(() => validateEnvironment({ SWEEP_SCHEDULE: '99 99 * * *' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ SWEEP_SCHEDULE: '99 99 * * *' })).toThrow(/SWEEP_SCHEDULE="99 99 \* \* \*"/);
    expect(() => validateEnvironment({ CHANNEL_DIGEST_SCHEDULE: '0 7 * 13 *' })).toThrow(/CHANNEL_DIGEST_SCHEDULE/);
    expect(validateEnvironment({ SWEEP_SCHEDULE: '*/2 * * * *' }).SWEEP_SCHEDULE).toBe('*/2 * * * *');
  });

  it('runs one portal process per core on a database server, one on the embedded database, and refuses more there', () => {
    const server = 'postgres://db.example/leadgate';
    expect(new AppConfig(validateEnvironment({ DATABASE_URL: server })).webConcurrency).toBe(availableParallelism());
    expect(new AppConfig(validateEnvironment({ DATABASE_URL: server, WEB_CONCURRENCY: '3' })).webConcurrency).toBe(3);
    expect(new AppConfig(validateEnvironment({})).webConcurrency).toBe(1);
    expect(() => validateEnvironment({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY="2".*DATABASE_URL/);
    expect(() => validateEnvironment({ DATABASE_URL: server, WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY="0"/);
  });

  it('reads reports from REPORTS_DATABASE_URL when set, else from the primary; refuses it without DATABASE_URL', () => {
    const server = 'postgres://db.example/leadgate';
    const replica = 'postgres://reports@replica.example/leadgate';
    expect(new AppConfig(validateEnvironment({ DATABASE_URL: server })).reportsDatabaseUrl).toBeNull();
    expect(new AppConfig(validateEnvironment({ DATABASE_URL: server, REPORTS_DATABASE_URL: replica })).reportsDatabaseUrl).toBe(replica);
    expect(() => validateEnvironment({ DATABASE_URL: server, REPORTS_DATABASE_URL: 'mysql://x' })).toThrow(/REPORTS_DATABASE_URL="mysql:\/\/x"/);
    expect(() => validateEnvironment({ REPORTS_DATABASE_URL: replica })).toThrow(/REPORTS_DATABASE_URL=.*needs DATABASE_URL/);
  });
});
