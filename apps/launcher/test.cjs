// npm test: install what is missing (packages, Temporal binaries), then, for a whole run, type-check and lint,
// build the web console when its sources changed, then run the jest suite (arguments are passed to jest; with arguments only jest runs).
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDependencies, ensureTools, ensureWebBuild, ROOT } = require('./ensure.cjs');

function step(label, args) {
  if (label) console.log(`== ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  ensureDependencies();
  ensureTools();
  // The browser tests drive the built console (dist/web), served by the API they start.
  ensureWebBuild();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);
const args = process.argv.slice(2);
if (args.length === 0) {
  // --incremental false: a no-emit check must not write dist/.tsbuildinfo, or the next build would think dist/ is current.
  step('type-check', [bin('typescript', 'bin/tsc'), '--noEmit', '--incremental', 'false', '-p', 'tsconfig.json']);
  step('type-check tests', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'test/tsconfig.json']);
  step('lint', [bin('eslint', 'bin/eslint.js'), '-c', '.config/eslint.config.mjs', '--max-warnings', '0', '.']);
  console.log('== jest');
}
step(null, [bin('jest', 'bin/jest.js'), ...args]);
