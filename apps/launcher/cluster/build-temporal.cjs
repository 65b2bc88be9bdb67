// Builds the multi-service Temporal server and its SQL schema tool from the Go module go.temporal.io/server,
// cached under .tools/temporal-server/<version>/ so a second run costs nothing. Needs Go ≥ 1.23 on PATH.
// Usage: node apps/launcher/cluster/build-temporal.cjs  (prints the folder holding temporal-server and temporal-sql-tool)
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, renameSync, rmSync, cpSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..', '..');
const VERSION = process.env.TEMPORAL_SERVER_VERSION ?? 'v1.32.1'; // v1.32.2 needs Go 1.26.10
const CACHE = join(ROOT, '.tools', 'temporal-server', VERSION);
const TARGETS = [
  { pkg: 'go.temporal.io/server/cmd/server', built: 'server', name: 'temporal-server' },
  { pkg: 'go.temporal.io/server/cmd/tools/sql', built: 'sql', name: 'temporal-sql-tool' },
];

/** Returns the cache folder, building what is missing first. */
function buildTemporal() {
  const missing = TARGETS.filter((t) => !existsSync(join(CACHE, t.name)));
  if (missing.length === 0) return CACHE;
  const staging = join(CACHE, '.staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  console.log(`[cluster] building Temporal ${VERSION} (${missing.map((t) => t.name).join(', ')}) with Go; first build takes a while`);
  const result = spawnSync('go', ['install', ...missing.map((t) => `${t.pkg}@${VERSION}`)], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: staging, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod', CGO_ENABLED: '0' },
  });
  if (result.status !== 0) throw new Error(`go install failed with status ${result.status ?? result.signal}`);
  for (const t of missing) {
    renameSync(join(staging, t.built), join(CACHE, t.name));
  }
  rmSync(staging, { recursive: true, force: true });
  console.log(`[cluster] Temporal ${VERSION} built in ${Math.round((Date.now() - started) / 1000)} s → ${CACHE}`);
  return CACHE;
}

/** Copies the schema folders shipped inside the Go module next to the binaries (temporal-sql-tool needs them). */
function ensureSchemas() {
  const target = join(CACHE, 'schema');
  if (existsSync(target)) return target;
  const res = spawnSync('go', ['mod', 'download', '-json', `go.temporal.io/server@${VERSION}`], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`go mod download failed: ${res.stderr}`);
  const dir = JSON.parse(res.stdout).Dir;
  cpSync(join(dir, 'schema'), target, { recursive: true });
  return target;
}

module.exports = { buildTemporal, ensureSchemas, CACHE, VERSION };

if (require.main === module) {
  buildTemporal();
  ensureSchemas();
  console.log(CACHE);
}
