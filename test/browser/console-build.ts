/** Builds the console (dist/web) when its sources changed, as `npm test` and `npm start` do, for a single jest file. */
const { ensureWebBuild } = require('../../apps/launcher/ensure.cjs') as { ensureWebBuild: () => void };

export function ensureWebConsole(): void {
  ensureWebBuild();
}
