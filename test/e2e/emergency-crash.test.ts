import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateStage } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { EmergencyEvent } from '../../activities/emergency/emergency-event.entity';
import { EmergencyRequest } from '../../activities/emergency/emergency-request.entity';
import { EmergencyStarter } from '../../activities/emergency/emergency-starter';
import { creditReserve } from '../../activities/emergency/reserve.activities';
import { ReserveLedger, ReserveMovement } from '../../activities/emergency/reserve.entity';
import { PolicyService } from '../../activities/regions/policy.service';
import { Region } from '../../activities/regions/region.entity';
import { Task } from '../../activities/tasks/task.entity';
import { createEmergencyWorker } from '../../apps/worker/emergency-worker';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { decideUpdate, emergencyPaymentKey, emergencyWorkflowId, type EmergencySnapshot } from '../../workflows/emergency/definitions';
import { TEST_FIELD_KEYS, createTestDatabase, type TestDatabase } from '../helpers/database';
import { quietRuntime, unique } from '../helpers/temporal';
import { testRunEnv } from '../setup/test-env';

/**
 * The worker dies during the payment: a real worker process pays (row committed) and is killed with SIGKILL before
 * it can report the activity done. After the activity's start-to-close timeout Temporal retries it on a fresh worker,
 * which finds the payment by its idempotency key: one payment row, the balance lowered once, the workflow paid.
 */

const ROOT = resolve(__dirname, '..', '..');
const TOWNSHIP = '320723100';
/** Installs the swc transform (as jest uses it) so the child runs the TypeScript worker directly. */
const TS_HOOK = `const { transformSync } = require('@swc/core'); const fs = require('fs');
require.extensions['.ts'] = (m, filename) => m._compile(transformSync(fs.readFileSync(filename, 'utf8'), { filename,
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' } }).code, filename);
require(process.argv[1]);`;

let db: TestDatabase;
let child: ChildProcess | undefined;
let connection: Connection;
let client: Client;
beforeAll(async () => {
  quietRuntime();
  db = await createTestDatabase();
  await new PolicyService(db.orm).loadShipped();
  connection = await Connection.connect({ address: testRunEnv().temporalAddress });
  client = new Client({ connection });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await connection?.close();
  await db?.drop();
});

async function raisedRequest(): Promise<string> {
  const em = db.orm.em.fork();
  const township = await em.findOneOrFail(Region, TOWNSHIP);
  const policy = await new PolicyService(db.orm).resolveFor(em, TOWNSHIP);
  const id = randomUUID();
  em.persist(
    new EmergencyRequest({
      id, caseNo: `JJ-CRASH-${id.slice(0, 8)}`, householdId: randomUUID(), townshipCode: TOWNSHIP, countyCode: '320723', regionPath: township.path,
      householdRegionPath: `${township.path}320723100201/`, raisedById: 'clerk', raisedByRole: 'township_clerk', eventType: 'fire', peopleAffected: 2,
      amountAskedFen: 100_000, eventDescription: '火灾', need: '临时生活费', policySnapshotId: policy.snapshotId, createdAt: new Date(),
    }),
  );
  await em.flush();
  return id;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a worker killed after the payment row is written: restarted, the payment exists exactly once', async () => {
  const run = testRunEnv();
  const taskQueue = unique('emergency-crash');
  const marker = join(mkdtempSync(join(tmpdir(), 'crash-')), 'paid.json');
  const year = ledgerYear(Date.now());
  await creditReserve(db.orm, { townshipCode: TOWNSHIP, year, kind: 'funding', amountFen: 500_000, idempotencyKey: `funding:${TOWNSHIP}:${year}` });

  child = spawn(process.execPath, ['-e', TS_HOOK, resolve(__dirname, 'crash-worker.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...(db.dialect === 'postgresql' ? { DATABASE_URL: db.settings.databaseUrl } : { SQLITE_PATH: db.settings.sqlitePath }),
      PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS,
      TEMPORAL_ADDRESS: run.temporalAddress,
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: run.workflowBundlePath,
      CRASH_MARKER: marker,
    },
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child!.once('exit', (_code, signal) => done(signal)));

  const requestId = await raisedRequest();
  await new EmergencyStarter(db.orm, client, taskQueue).start(requestId);
  const handle = client.workflow.getHandle(emergencyWorkflowId(requestId));
  const task = await until('the township decision task', () => db.orm.em.fork().findOne(Task, { caseId: requestId, step: 'emergency_township_decision' }).then((t) => t ?? undefined));
  const update = await handle.startUpdate(decideUpdate, {
    args: [{ taskId: task.id, outcome: 'approve', amountFen: 100_000, actor: { userId: 'reviewer', role: 'township_reviewer' } }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });

  // The crashing worker has committed the payment and hangs before answering: kill it there.
  const written = await until('the payment to be written', () => (existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { paid: true; paymentId: string }) : undefined));
  expect(await db.orm.em.fork().count(ReserveMovement, { kind: 'payment' })).toBe(1);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  child = undefined;

  const nativeConnection = await NativeConnection.connect({ address: run.temporalAddress });
  const worker = await createEmergencyWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    orm: db.orm,
    startApplication: async () => undefined,
    workflowBundlePath: run.workflowBundlePath,
  });
  try {
    const snapshot: EmergencySnapshot = await worker.runUntil(update.result());
    expect(snapshot).toMatchObject({ status: 'follow_up', payment: { paymentId: written.paymentId, amountFen: 100_000 } });
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
    await nativeConnection.close();
  }

  const em = db.orm.em.fork();
  const payments = await em.find(ReserveMovement, { kind: 'payment' });
  expect(payments.map((p) => [p.id, p.amountFen, p.idempotencyKey])).toEqual([[written.paymentId, -100_000, emergencyPaymentKey(requestId)]]);
  expect((await em.findOneOrFail(ReserveLedger, `${TOWNSHIP}:${year}`)).balanceFen).toBe(400_000);
  expect(await em.count(EmergencyEvent, { requestId, action: 'paid' })).toBe(1);
  expect(await em.findOneOrFail(EmergencyRequest, requestId, { fields: ['status', 'paidFen'] })).toMatchObject({ status: 'follow_up', paidFen: 100_000 });
}, 300_000);
