#!/usr/bin/env node
// `npm test`: unit specs and e2e suites against PostgreSQL. Which server:
//   with TEST_EMBEDDED_POSTGRES=1 a throwaway embedded PostgreSQL started for this run and removed after it;
//   else TEST_DATABASE_URL when set; else the server on 127.0.0.1:5432 when one answers; else the embedded one.
// jest's global setup recreates and migrates the template database; each worker copies it.
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { connect } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function throwawayDatabase() {
  require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  const { EmbeddedPostgres } = require('../libs/database/src/embedded-postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'leadgate-test-db-'));
  chmodSync(dataDir, 0o755); // as root the server runs as `postgres`, which must reach the folder
  // Durability is pointless for a database deleted after the run.
  const settings = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' };
  const server = new EmbeddedPostgres(dataDir, { settings, log: (line) => console.log(`[test database] ${line}`) });
  const url = new URL(await server.start());
  url.pathname = '/leadgate_test';
  return { url: url.toString(), stop: async () => (await server.stop(), rmSync(dataDir, { recursive: true, force: true })) };
}

function runJest(env) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['jest', '--maxWorkers=2', ...process.argv.slice(2)], { stdio: 'inherit', env });
    // Ctrl-C reaches jest through the terminal; wait for it so the throwaway database is still removed.
    process.on('SIGINT', () => undefined);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

(async () => {
  const env = { ...process.env, NODE_ENV: 'test' };
  let throwaway;
  if (env.TEST_EMBEDDED_POSTGRES === '1' || (!env.TEST_DATABASE_URL && !(await answers('127.0.0.1', 5432)))) {
    throwaway = await throwawayDatabase();
    env.TEST_DATABASE_URL = throwaway.url;
  }
  try {
    process.exitCode = await runJest(env);
  } finally {
    await throwaway?.stop();
  }
})().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
