// npm run cluster / npm run cluster:smoke: installs and builds what is missing (npm packages, the Temporal CLI, the
// TypeScript build, the console, and the Temporal server from Go — cached in .tools/temporal-server/<version>/),
// then runs dist/apps/launcher/cluster/<cluster|cluster-smoke>.js.
'use strict';
const { ensureDependencies, ensureTools, ensureBuild, ensureWebBuild, ROOT } = require('../ensure.cjs');
const { buildTemporal, ensureSchemas } = require('./build-temporal.cjs');

const script = process.argv[2] === 'smoke' ? 'cluster-smoke' : 'cluster';
let temporalDir;
try {
  ensureDependencies();
  ensureTools();
  ensureBuild();
  ensureWebBuild();
  temporalDir = buildTemporal();
  ensureSchemas();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
require(`${ROOT}/dist/apps/launcher/cluster/${script}.js`)
  .main(temporalDir)
  .catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exit(1);
  });
