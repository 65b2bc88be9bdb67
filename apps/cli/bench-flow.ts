import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DEMO_PASSWORD } from './demo-users';
import { FlowDriver, FlowStats, loginFlowUsers, runFlows, type CallKind } from './flow-driver';
import { baselineDecideUpdate, baselineTaskQuery, flowBaselineWorkflow } from './bench-baseline.workflow';

/**
 * npm run bench:flow [-- --levels 1,8,32 --cases 2]: against the running platform (API_URL, default
 * http://127.0.0.1:3000; its database is whatever it was started with: SQLite, or PostgreSQL with DATABASE_URL),
 * drives 宽城区 cases through HTTP as the demo roles at each concurrency, alternating with a bare-Temporal workflow of
 * the same shape (17 activities, 6 updates, 7 timers) on the same Temporal server (TEMPORAL_ADDRESS). Prints cases/s,
 * p50/p99 per kind of call, 5xx and refusal counts, and the ratio. `--cases` is per concurrent user (default 2).
 */

const API = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** One baseline case: start, then each task decided by an update once the workflow shows it (as the inbox would). */
async function baselineCase(client: Client, taskQueue: string, stats: FlowStats): Promise<void> {
  const t0 = performance.now();
  const handle = await client.workflow.start(flowBaselineWorkflow, { taskQueue, workflowId: `bench-baseline-${randomUUID()}` });
  stats.record('intake', performance.now() - t0);
  const done = new Set<string>();
  for (;;) {
    const q0 = performance.now();
    const task = await handle.query(baselineTaskQuery);
    stats.record('case', performance.now() - q0);
    if (task === null && done.size === 6) break;
    if (task === null || done.has(task)) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const u0 = performance.now();
    try {
      await handle.executeUpdate(baselineDecideUpdate, { args: [task] });
      done.add(task);
    } catch {
      stats.refused += 1;
    }
    stats.record('complete', performance.now() - u0);
  }
  await handle.result();
  stats.cases += 1;
}

async function timedRun(run: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
}

function line(label: string, concurrency: number, stats: FlowStats, seconds: number): string {
  const kinds: CallKind[] = ['intake', 'case', 'claim', 'complete'];
  const per = kinds
    .filter((k) => stats.latencies.has(k))
    .map((k) => `${k} ${stats.percentile(k, 50).toFixed(0)}/${stats.percentile(k, 99).toFixed(0)}`)
    .join('  ');
  return `${label.padEnd(9)} C=${String(concurrency).padEnd(3)} ${String(stats.cases).padStart(4)} cases ${(stats.cases / seconds).toFixed(2).padStart(7)} cases/s  5xx ${stats.status5xx}  refused ${stats.refused}  p50/p99 ms: ${per}`;
}

async function main(): Promise<void> {
  const levels = option('levels', '1,8,32').split(',').map(Number);
  const perUser = Number(option('cases', '2'));
  const health = (await (await fetch(`${API}/api/health`)).json()) as { database?: { dialect?: string } };
  const tokens = await loginFlowUsers(API, DEMO_PASSWORD);

  const taskQueue = `bench-baseline-${randomUUID()}`;
  const native = await NativeConnection.connect({ address: TEMPORAL });
  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./bench-baseline.workflow'),
    activities: { step: async () => Date.now() },
  });
  const running = worker.run();
  console.log(`bench:flow against ${API} (database ${health.database?.dialect ?? '?'}), Temporal ${TEMPORAL}; ${perUser} case(s) per user per level`);
  try {
    for (const c of levels) {
      const cases = Math.max(4, perUser * c);
      const platform = new FlowStats();
      const driver = new FlowDriver(API, tokens, platform);
      const platformSeconds = await timedRun(() => runFlows(driver, cases, c));
      console.log(line('platform', c, platform, platformSeconds));
      const bare = new FlowStats();
      let next = 0;
      const bareSeconds = await timedRun(async () => {
        await Promise.all(Array.from({ length: c }, async () => {
          while (next < cases) {
            next += 1;
            await baselineCase(client, taskQueue, bare);
          }
        }));
      });
      console.log(line('temporal', c, bare, bareSeconds));
      const ratio = bare.cases / bareSeconds / (platform.cases / platformSeconds);
      console.log(`          C=${c}: platform is ${ratio.toFixed(2)}× slower than bare Temporal${platform.refusals.length ? `; refusals: ${platform.refusals.slice(0, 5).join(', ')}` : ''}${platform.faults.length ? `; 5xx: ${platform.faults.slice(0, 5).join(', ')}` : ''}`);
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(`is the platform running at ${API}? (npm start)`);
  process.exit(1);
});
