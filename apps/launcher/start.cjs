// npm start: install what is missing, build, then run the whole platform (see apps/launcher/platform.ts).
'use strict';
const { ensureDependencies, ensureTools, ensureBuild, ROOT } = require('./ensure.cjs');

try {
  ensureDependencies();
  ensureTools();
  ensureBuild();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
require(`${ROOT}/dist/apps/launcher/platform.js`)
  .main()
  .catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exit(1);
  });
