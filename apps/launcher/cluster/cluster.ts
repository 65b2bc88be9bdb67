import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client as PgClient } from 'pg';
import { PROJECT_ROOT } from '../../../config/paths';
import { spawnManaged, waitForPort, type ManagedProcess } from '../processes';
import type { TemporalClusterConfig } from './temporal-config';
import { ensureNamespace, setupTemporalSchema, startTemporalServices, temporalBuild, type TemporalProcesses } from './temporal-cluster';

/**
 * `npm run cluster`: the production topology on one machine, every part a separate process on PostgreSQL — a
 * Temporal server built from go.temporal.io/server (frontend, history, matching and worker services), two platform
 * workers and two API processes (each serving the console), the departments sandbox. State and logs in data/cluster/.
 */

export const STATE = resolve(PROJECT_ROOT, 'data', 'cluster');
const DIST = resolve(PROJECT_ROOT, 'dist', 'apps');
const NAMESPACE = 'assistance';

export interface ClusterSettings {
  temporalDir: string;
  pgUrl: string;
  basePort: number;
}

export interface PlatformProcess {
  name: string;
  process: ManagedProcess;
  /** HTTP base of an API, or the health/metrics base of a worker. */
  url: string;
  metricsUrl: string;
}

export interface Cluster {
  temporal: TemporalProcesses;
  apis: PlatformProcess[];
  workers: PlatformProcess[];
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Defaults: the CI role of .ci/run on the local PostgreSQL, ports from 17233 (clear of npm start and the tests). */
export function clusterSettings(temporalDir: string): ClusterSettings {
  return {
    temporalDir,
    pgUrl: process.env.CLUSTER_PG_URL ?? 'postgres://jiuzhu_ci:jiuzhu_ci@127.0.0.1:5432',
    basePort: Number(process.env.CLUSTER_BASE_PORT ?? 17233),
  };
}

function secrets(): Record<string, string> {
  const file = resolve(STATE, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const created = { JWT_SECRET: randomBytes(32).toString('hex'), PII_DIGEST_KEY: randomBytes(32).toString('hex'), PII_ENCRYPTION_KEYS: `cluster1:${randomBytes(32).toString('base64')}` };
  mkdirSync(STATE, { recursive: true });
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return created;
}

async function ensureDatabase(pgUrl: string, name: string): Promise<void> {
  const pg = new PgClient({ connectionString: `${pgUrl}/postgres` });
  await pg.connect();
  try {
    const found = await pg.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await pg.query(`create database "${name}"`);
  } finally {
    await pg.end();
  }
}

function pgParts(pgUrl: string): TemporalClusterConfig['pg'] {
  const url = new URL(pgUrl);
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Refuses to start over another cluster: its frontend would answer our readiness checks. */
async function ensurePortFree(port: number): Promise<void> {
  const taken = await fetch(`http://127.0.0.1:${port}`).then(
    () => true,
    (err: unknown) => !/ECONNREFUSED/.test(String((err as { cause?: unknown }).cause ?? err)),
  );
  if (taken) throw new Error(`port ${port} is in use: is another cluster running? (CLUSTER_BASE_PORT moves the whole range)`);
}

/** Starts the whole topology and resolves once every API and worker reports ready. */
export async function startCluster(settings: ClusterSettings, log: (line: string) => void = console.log): Promise<Cluster> {
  await ensurePortFree(settings.basePort);
  const started: ManagedProcess[] = [];
  const stop = async () => {
    for (const p of started.reverse()) await p.stop();
  };
  try {
    const base = settings.basePort;
    const config: TemporalClusterConfig = {
      pg: pgParts(settings.pgUrl),
      databases: { main: 'jiuzhu_temporal', visibility: 'jiuzhu_temporal_visibility' },
      basePort: base,
      numHistoryShards: 16,
      dynamicConfigFile: resolve(STATE, 'dynamicconfig.yaml'),
    };
    const build = temporalBuild(settings.temporalDir);
    log('[cluster] Temporal schema on PostgreSQL (jiuzhu_temporal, jiuzhu_temporal_visibility)');
    setupTemporalSchema(build, config);
    const temporal = await startTemporalServices(build, config, STATE);
    started.push(...Object.values(temporal.services));
    await ensureNamespace(temporal.address, NAMESPACE, 30);
    log(`[cluster] Temporal frontend ${temporal.address}, namespace ${NAMESPACE}; history, matching and worker services running`);

    await ensureDatabase(settings.pgUrl, 'jiuzhu_cluster');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...secrets(),
      NODE_ENV: 'production',
      LOG_LEVEL: 'log',
      DATABASE_URL: `${settings.pgUrl}/jiuzhu_cluster`,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      DEPARTMENTS_URL: `http://127.0.0.1:${base + 67}`,
      DEPARTMENTS_SANDBOX_PORT: String(base + 67),
      SHUTDOWN_GRACE_SECONDS: '20',
    };
    const logs = resolve(STATE, 'logs');
    started.push(spawnManaged(process.execPath, [resolve(DIST, 'departments-sandbox', 'main.js')], { logFile: resolve(logs, 'departments.log'), env }));
    await waitForPort('127.0.0.1', base + 67, 15_000);
    // The local cluster is a demonstration: its demo users are asked for explicitly (a production setup never does).
    log('[cluster] setup --demo: migrations, shipped regions and policies, reserve funds, and the demo users (asked for)');
    const setup = spawnSync(process.execPath, [resolve(DIST, 'cli', 'setup.js'), '--demo'], { env, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}`);

    const workers: PlatformProcess[] = [1, 2].map((i) => {
      const health = base + 167 + i;
      const metrics = base + 177 + i;
      const process_ = spawnManaged(process.execPath, [resolve(DIST, 'worker', 'main.js')], { logFile: resolve(logs, `worker-${i}.log`), env: { ...env, WORKER_HEALTH_PORT: String(health), WORKER_METRICS_PORT: String(metrics) } });
      started.push(process_);
      return { name: `worker-${i}`, process: process_, url: `http://127.0.0.1:${health}`, metricsUrl: `http://127.0.0.1:${metrics}/metrics` };
    });
    const apis: PlatformProcess[] = [1, 2].map((i) => {
      const port = base + 67 + i;
      const metrics = base + 77 + i;
      const process_ = spawnManaged(process.execPath, [resolve(DIST, 'api', 'main.js')], { logFile: resolve(logs, `api-${i}.log`), env: { ...env, API_PORT: String(port), METRICS_PORT: String(metrics) } });
      started.push(process_);
      return { name: `api-${i}`, process: process_, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metrics}/metrics` };
    });
    for (const p of [...workers, ...apis]) await waitForHttp(`${p.url}/health/ready`, 90_000);
    return { temporal, apis, workers, env, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `npm run cluster`: start, print where everything is, run until Ctrl-C. */
export async function main(temporalDir: string): Promise<void> {
  const cluster = await startCluster(clusterSettings(temporalDir));
  const shutdown = () => void cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  console.log(
    [
      '',
      '社会救助 cluster is running (PostgreSQL, Temporal built from source, 2 workers, 2 APIs):',
      ...cluster.apis.map((a) => `  ${a.name}      ${a.url}/  (console; API ${a.url}/api; metrics ${a.metricsUrl})`),
      ...cluster.workers.map((w) => `  ${w.name}   health ${w.url}/health/ready; SDK metrics ${w.metricsUrl}`),
      `  Temporal   ${cluster.temporal.address} (namespace ${NAMESPACE}); server metrics on :${clusterSettings(temporalDir).basePort + 800}`,
      `  Logs       ${resolve(STATE, 'logs')}`,
      '  Demo users (asked for by this script): kc.clerk / Demo@2026 …   npm run cluster:smoke runs the smoke test on its own cluster.',
    ].join('\n'),
  );
}
