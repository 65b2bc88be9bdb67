import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { PROJECT_ROOT } from '../../config/paths';
import { openDatabase } from '../../activities/db/orm';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { PolicyService } from '../../activities/regions/policy.service';
import { Region } from '../../activities/regions/region.entity';
import { addMonths, monthOf } from '../../workflows/domain/months';
import { RECIPIENT_WORKFLOW_TYPE, recipientWorkflowId, type RecipientInput } from '../../workflows/recipient/definitions';
import { startTemporalDevServer } from '../launcher/processes';
import { createRecipientWorker } from '../worker/create-recipient-worker';
import { MAX_CACHED_WORKFLOWS } from '../worker/queue-worker';
import { scratchDatabase } from './scratch-database';

/**
 * npm run bench:worker-memory [-- --counts 1000,10000,100000]: starts that many open recipient workflows (households
 * enrolled from next month, as approvals usually are) on a Temporal dev server of its own (or TEMPORAL_ADDRESS), with
 * the real recipients-queue worker in this process over a scratch database, waits after each count until the worker is
 * idle, and prints its memory (RSS and V8 heap after a full GC) and how many workflows it keeps cached. The cache bound
 * (MAX_CACHED_WORKFLOWS) is what keeps memory flat as households grow.
 */

function counts(): number[] {
  const i = process.argv.indexOf('--counts');
  return (i > 0 ? process.argv[i + 1]! : '1000,10000').split(',').map(Number);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function memory(): string {
  collectGarbage();
  const m = process.memoryUsage();
  return `rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, external ${mb(m.external)}`;
}

/** Idle: no workflow activation in flight for two seconds in a row. */
async function idle(worker: Worker): Promise<void> {
  let quietSince = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    if (worker.getStatus().numInFlightWorkflowActivations > 0) quietSince = Date.now();
    else if (Date.now() - quietSince > 2_000) return;
  }
}

/** A dev server under load may time a start out: the same workflow id is started again (a duplicate start is done). */
async function startWithRetries(start: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await start();
      return;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      if (attempt >= 5) throw err;
      console.error(`start failed (${err instanceof Error ? err.message : String(err)}); retrying`);
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
}

async function main(): Promise<void> {
  const targets = counts();
  const server = process.env.TEMPORAL_ADDRESS
    ? undefined
    : await startTemporalDevServer({ headless: true, logFile: join(mkdtempSync(join(tmpdir(), 'bench-worker-')), 'temporal.log') });
  const address = process.env.TEMPORAL_ADDRESS ?? server!.address;
  const { settings, cleanup } = await scratchDatabase('bench-worker-memory');
  const orm = await openDatabase(settings, { migrate: true });
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const temporal = new Client({ connection });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    await new PolicyService(orm).loadShipped();
    const em = orm.em.fork();
    const village = await em.findOneOrFail(Region, { level: 'village', area: { $ne: null } }, { orderBy: { code: 'asc' } });
    const policy = await new PolicyService(orm).resolveFor(em, village.code);
    const taskQueue = `bench-recipients-${randomUUID().slice(0, 8)}`;
    console.log(`before the worker: ${memory()}`);
    worker = await createRecipientWorker({
      connection: nativeConnection,
      namespace: 'default',
      orm,
      taskQueue,
      departments: new HttpDepartmentsClient({ baseUrl: 'http://127.0.0.1:9' }),
      temporal,
      workflowBundlePath: resolve(PROJECT_ROOT, 'dist', 'workflow-bundle.js'),
    });
    running = worker.run();
    console.log(`worker started (cache bound ${MAX_CACHED_WORKFLOWS} workflows per queue): ${memory()}`);
    const startMonth = addMonths(monthOf(Date.now()), 1);
    let started = 0;
    for (const target of targets) {
      const t0 = Date.now();
      const next = async (): Promise<void> => {
        while (started < target) {
          const householdId = `bench-hh-${started++}`;
          const input: RecipientInput = {
            recipientId: `bench-rcp-${householdId}`,
            householdId,
            policy,
            category: 'stable',
            area: 'urban',
            startMonth,
            amountFen: 80_000,
            incomes: [{ memberId: `${householdId}-m1`, monthlyIncomeFen: 30_000 }],
          };
          await startWithRetries(() => temporal.workflow.start(RECIPIENT_WORKFLOW_TYPE, { taskQueue, workflowId: `${taskQueue}-${recipientWorkflowId(householdId)}`, args: [input] }));
        }
      };
      await Promise.all(Array.from({ length: 32 }, next));
      await idle(worker);
      const status = worker.getStatus();
      console.log(
        `${target.toLocaleString('en')} open recipient workflows (started and idle in ${((Date.now() - t0) / 1000).toFixed(0)} s): ${memory()}, cached ${status.numCachedWorkflows}`,
      );
    }
  } finally {
    // The worker must let go of the connection before it is closed (and a failure above must not hide behind that).
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch((err: unknown) => console.error(err));
    await nativeConnection.close();
    await connection.close();
    await orm.close(true);
    await cleanup();
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
