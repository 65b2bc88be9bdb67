import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { PROJECT_ROOT } from '../../config/paths';
import { CaseStarter } from '../../activities/application/case-starter';
import { startAnchoring } from '../../activities/audit/anchor-keeper';
import { openDatabase } from '../../activities/db/orm';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { APPLICATION_TASK_QUEUE } from '../../workflows/application/definitions';
import { paymentTaskQueue } from '../../workflows/payments/definitions';
import { createApplicationWorker } from './create-worker';
import { createPaymentWorker } from './payment-worker';

const RELAY_INTERVAL_MS = 5_000;

/**
 * The worker process: runs application workflows and payment runs (each on its own queue) with their activities,
 * and relays any accepted application whose workflow the API could not start. Run several for throughput; they share
 * the task queues.
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
  const relay = setInterval(() => {
    starter.relayPending().catch(() => undefined);
  }, RELAY_INTERVAL_MS);

  const stopAnchoring = startAnchoring(orm, { intervalMs: env.AUDIT_ANCHOR_INTERVAL_MINUTES * 60_000, copyFile: env.AUDIT_ANCHOR_FILE });

  console.log(`worker polling ${taskQueue} and ${paymentQueue} on ${env.TEMPORAL_ADDRESS}`);
  const shutdown = () => {
    worker.shutdown();
    paymentWorker.shutdown();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await Promise.all([worker.run(), paymentWorker.run()]);
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
