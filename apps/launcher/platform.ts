import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../config/paths';
import { spawnManaged, startTemporalDevServer, waitForPort, type ManagedProcess } from './processes';

/**
 * `npm start`: runs the whole platform on one machine. Uses TEMPORAL_ADDRESS / DATABASE_URL / DEPARTMENTS_URL when
 * set; otherwise starts a Temporal dev server with its state in data/temporal.sqlite, uses the SQLite file
 * data/jiuzhu.sqlite, and starts the departments sandbox. Then migrates and seeds (demo users only locally), starts the worker and the API,
 * and prints the URLs. Ctrl-C stops everything; the next start keeps the data.
 */

const DATA = resolve(PROJECT_ROOT, 'data');
const LOGS = resolve(DATA, 'logs');
const DIST = resolve(PROJECT_ROOT, 'dist', 'apps');

interface LocalSecrets {
  JWT_SECRET: string;
  PII_DIGEST_KEY: string;
  PII_ENCRYPTION_KEYS: string;
}

/**
 * Secrets generated once per installation, kept out of git in data/. A secrets file from before a secret existed
 * gets the missing one added; existing secrets are never replaced (that would orphan tokens, digests or ciphertext).
 */
function localSecrets(): LocalSecrets {
  const file = resolve(DATA, 'secrets.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    JWT_SECRET: existing.JWT_SECRET ?? randomBytes(32).toString('hex'),
    PII_DIGEST_KEY: existing.PII_DIGEST_KEY ?? randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEYS: existing.PII_ENCRYPTION_KEYS ?? `local1:${randomBytes(32).toString('base64')}`,
  };
  if (Object.keys(secrets).some((k) => !(k in existing))) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...existing, ...secrets }, null, 2), { mode: 0o600 });
  }
  return secrets;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not become healthy in ${timeoutMs / 1000} s; see ${LOGS}/api.log`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function main(): Promise<void> {
  mkdirSync(LOGS, { recursive: true });
  const started: ManagedProcess[] = [];
  const env: NodeJS.ProcessEnv = { ...localSecrets(), ...process.env };
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    for (const p of started.reverse()) await p.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    let temporalUi: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      const temporal = await startTemporalDevServer({ port: 7233, uiPort: 8233, dbFile: resolve(DATA, 'temporal.sqlite'), logFile: resolve(LOGS, 'temporal.log') });
      started.push(temporal);
      env.TEMPORAL_ADDRESS = temporal.address;
      temporalUi = temporal.uiUrl;
    }
    if (!env.DEPARTMENTS_URL) {
      started.push(spawnManaged(process.execPath, [resolve(DIST, 'departments-sandbox', 'main.js')], { logFile: resolve(LOGS, 'departments.log'), env }));
      await waitForPort('127.0.0.1', 7300, 15_000);
      env.DEPARTMENTS_URL = 'http://127.0.0.1:7300';
      // The sandbox also stands in for the unified messaging platform that deadline reminders go to.
      env.REMINDER_GATEWAY_URL ??= env.DEPARTMENTS_URL;
    }
    // Demo users (published password) only for a local installation on this machine's own SQLite file, or when
    // asked with `npm start -- --demo`; never against an external database (`-- --no-demo` turns them off here too).
    const demo = process.argv.includes('--demo') || (!env.DATABASE_URL && env.NODE_ENV !== 'production' && !process.argv.includes('--no-demo'));
    if (demo) console.log('local installation: creating the demo users (password Demo@2026); a production setup never does (npm start -- --no-demo)');
    const setup = spawnSync(process.execPath, [resolve(DIST, 'cli', 'setup.js'), ...(demo ? ['--demo', '--print-users'] : [])], { env, stdio: 'inherit' });
    if (setup.status !== 0) throw new Error('database setup failed');

    started.push(spawnManaged(process.execPath, [resolve(DIST, 'worker', 'main.js')], { logFile: resolve(LOGS, 'worker.log'), env }));
    started.push(spawnManaged(process.execPath, [resolve(DIST, 'api', 'main.js')], { logFile: resolve(LOGS, 'api.log'), env }));
    for (const p of started) {
      p.child.once('exit', (code) => {
        if (!stopping) {
          console.error(`a platform process exited (${code}); logs in ${LOGS}`);
          void stop(1);
        }
      });
    }
    const api = `http://${env.API_HOST ?? '127.0.0.1'}:${env.API_PORT ?? '3000'}`;
    await waitForHealth(api, 60_000);
    console.log(
      [
        '',
        '社会救助 platform is running:',
        `  Console      ${api}/   ${demo ? '(log in as a demo user, e.g. kc.clerk / Demo@2026)' : '(no demo users: npm run admin:first -- --username NAME)'}`,
        `  API          ${api}/api`,
        `  OpenAPI      ${api}/api/docs   (JSON: ${api}/api/docs-json)`,
        `  Health       ${api}/api/health`,
        `  Temporal UI  ${temporalUi ?? `(external Temporal at ${env.TEMPORAL_ADDRESS})`}`,
        `  Database     ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : resolve(PROJECT_ROOT, env.SQLITE_PATH ?? 'data/jiuzhu.sqlite')}`,
        `  Logs         ${LOGS}`,
        '',
        'Try it: npm run demo   (plays every role for one application per demo region). Ctrl-C stops.',
      ].join('\n'),
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}
