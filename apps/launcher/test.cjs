// npm test: install what is missing (packages, Temporal binaries), then run the whole jest suite.
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDependencies, ensureTools, ROOT } = require('./ensure.cjs');

try {
  ensureDependencies();
  ensureTools();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
