#!/usr/bin/env node
// `npm start`: runs the portal, compiling it first only when its sources changed since the last build
// (`npm ci` builds every app once, so a fresh clone starts at once).
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const main = join(root, 'dist/apps/portal/apps/portal/src/main.js');

/** The newest modification time of any file under the folders, in ms. */
function newest(folders) {
  let latest = 0;
  const visit = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else latest = Math.max(latest, statSync(child).mtimeMs);
    }
  };
  folders.forEach((folder) => visit(join(root, folder)));
  return latest;
}

const builtAt = (() => {
  try {
    return statSync(main).mtimeMs;
  } catch {
    return 0;
  }
})();
if (builtAt < newest(['apps/portal', 'libs'])) {
  const built = spawnSync('npx', ['nest', 'build', 'portal'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// The portal runs in this very process, so signals (Ctrl-C, SIGTERM) reach it directly.
require(main);
