// Runs a compiled command after making sure the build is current: node apps/launcher/run.cjs <apps/cli name> [args]
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDependencies, ensureBuild, ROOT } = require('./ensure.cjs');

ensureDependencies();
ensureBuild();
const [name, ...args] = process.argv.slice(2);
const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', `${name}.js`), ...args], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
