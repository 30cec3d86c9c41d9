#!/usr/bin/env node
// `npm test`: unit specs and e2e suites against the local PostgreSQL (TEST_DATABASE_URL to override).
// jest's global setup recreates and migrates the leadgate_test database; each worker copies it.
const { spawnSync } = require('node:child_process');

const args = ['jest', '--maxWorkers=2', ...process.argv.slice(2)];
// PGlite (the embedded-mode suite) loads its wasm with dynamic import(), which jest only allows with this flag.
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules --disable-warning=ExperimentalWarning'].filter(Boolean).join(' ');
const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', NODE_OPTIONS: nodeOptions } });
process.exit(result.status ?? 1);
