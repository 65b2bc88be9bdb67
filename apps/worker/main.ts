import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { PROJECT_ROOT } from '../../config/paths';
import { CaseStarter } from '../../activities/application/case-starter';
import { EmergencyStarter } from '../../activities/emergency/emergency-starter';
import { startAnchoring } from '../../activities/audit/anchor-keeper';
import { openDatabase } from '../../activities/db/orm';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { APPLICATION_TASK_QUEUE } from '../../workflows/application/definitions';
import { EMERGENCY_TASK_QUEUE } from '../../workflows/emergency/definitions';
import { paymentTaskQueue } from '../../workflows/payments/definitions';
import { createApplicationWorker } from './create-worker';
import { createEmergencyWorker } from './emergency-worker';
import { createPaymentWorker } from './payment-worker';

const RELAY_INTERVAL_MS = 5_000;

/**
 * The worker process: runs application workflows and their activities, the 救急难 workflows on their own queue
 * (so urgent work never waits behind routine cases), payment runs on theirs, and relays any accepted application
 * whose workflow the API could not start. Run several for throughput; they share the task queues.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const bundle = resolve(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? APPLICATION_TASK_QUEUE;
  const worker = await createApplicationWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    orm,
    departments: new HttpDepartmentsClient({ baseUrl: env.DEPARTMENTS_URL }),
    workflowBundlePath: existsSync(bundle) ? bundle : undefined,
  });
  const paymentQueue = paymentTaskQueue(env.TEMPORAL_TASK_QUEUE);
  const paymentWorker = await createPaymentWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: paymentQueue,
    orm,
    workflowBundlePath: existsSync(bundle) ? bundle : undefined,
  });

  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const starter = new CaseStarter(orm, new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE }), taskQueue);
  const emergencyQueue = env.TEMPORAL_EMERGENCY_TASK_QUEUE ?? EMERGENCY_TASK_QUEUE;
  const emergency = await createEmergencyWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: emergencyQueue,
    orm,
    startApplication: (id) => starter.start(id),
    workflowBundlePath: existsSync(bundle) ? bundle : undefined,
  });
  const emergencyStarter = new EmergencyStarter(orm, new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE }), emergencyQueue);
  const relay = setInterval(() => {
    starter.relayPending().catch(() => undefined);
    emergencyStarter.relayPending().catch(() => undefined);
  }, RELAY_INTERVAL_MS);

  const stopAnchoring = startAnchoring(orm, { intervalMs: env.AUDIT_ANCHOR_INTERVAL_MINUTES * 60_000, copyFile: env.AUDIT_ANCHOR_FILE });

  console.log(`worker polling ${taskQueue}, ${emergencyQueue} and ${paymentQueue} on ${env.TEMPORAL_ADDRESS}`);
  const stop = () => {
    worker.shutdown();
    emergency.shutdown();
    paymentWorker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await Promise.all([worker.run(), emergency.run(), paymentWorker.run()]);
  clearInterval(relay);
  stopAnchoring();
  await clientConnection.close();
  await connection.close();
  await orm.close(true);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
