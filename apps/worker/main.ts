import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { PROJECT_ROOT } from '../../config/paths';
import { CaseStarter } from '../../activities/application/case-starter';
import { EmergencyStarter } from '../../activities/emergency/emergency-starter';
import { LowIncomeRecheckStarter } from '../../activities/low-income/recheck-starter';
import { TekunApplicationStarter, TekunSupportStarter } from '../../activities/tekun/tekun-starters';
import { relayAll } from '../../activities/casework/case-starters';
import { remindDueTasks } from '../../activities/tasks/deadline-reminders';
import { CalendarService } from '../../activities/regions/calendar.service';
import { startPeriodic } from './periodic';
import { sweepIdempotentRequests } from '../../activities/idempotency/idempotency-sweep';
import { startAnchoring } from '../../activities/audit/anchor-keeper';
import { openDatabase } from '../../activities/db/orm';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { APPLICATION_TASK_QUEUE } from '../../workflows/application/definitions';
import { EMERGENCY_TASK_QUEUE } from '../../workflows/emergency/definitions';
import { paymentTaskQueue } from '../../workflows/payments/definitions';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { createRecipientWorker } from './create-recipient-worker';
import { createApplicationWorker } from './create-worker';
import { createEmergencyWorker } from './emergency-worker';
import { createPaymentWorker } from './payment-worker';
import { connectionOptionsOf, temporalSettings } from '../../activities/temporal/connection-settings';
import { startProbeServer } from '../observability/probe-server';
import { installWorkerRuntime } from './worker-runtime';
import { workerProbes } from './worker-health';
import { startTracing } from '../observability/tracing';
import { clientTracing } from '../observability/temporal-tracing';

const RELAY_INTERVAL_MS = 5_000;

/**
 * The worker process: one process polling every queue, each with its own worker: applications; the recipient
 * households' lifecycles (动态管理) and their fan-outs; 救急难 requests (so urgent work never waits behind routine
 * cases); payment runs. It also relays any accepted application or emergency request whose workflow the API could
 * not start. Run several for throughput; they share the task queues. Logs are JSON lines through the Temporal
 * Runtime logger; SDK metrics on WORKER_METRICS_PORT and probes on WORKER_HEALTH_PORT when set. SIGTERM stops
 * polling and lets running activities finish (up to SHUTDOWN_GRACE_SECONDS), then closes the connections.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = installWorkerRuntime(env);
  const tracer = startTracing(env, 'worker');
  useFieldKeyring(env);
  const temporal = temporalSettings(env);
  const namespace = temporal.namespace;
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const connection = await NativeConnection.connect(connectionOptionsOf(temporal));
  const bundle = resolve(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? APPLICATION_TASK_QUEUE;
  const recipientTaskQueue = recipientTaskQueueFor(env.TEMPORAL_TASK_QUEUE);
  const clientConnection = await Connection.connect(connectionOptionsOf(temporal));
  const client = new Client({ connection: clientConnection, namespace, interceptors: clientTracing(env.OTEL_TRACES_ENABLED) });
  const tracing = env.OTEL_TRACES_ENABLED;
  const shutdownGraceSeconds = env.SHUTDOWN_GRACE_SECONDS;
  const departments = new HttpDepartmentsClient({ baseUrl: env.DEPARTMENTS_URL });
  const workflowBundlePath = existsSync(bundle) ? bundle : undefined;
  const worker = await createApplicationWorker({
    connection,
    namespace,
    shutdownGraceSeconds,
    tracing,
    taskQueue,
    orm,
    departments,
    temporal: client,
    recipientTaskQueue,
    workflowBundlePath,
  });
  const recipientWorker = await createRecipientWorker({
    connection,
    namespace,
    shutdownGraceSeconds,
    tracing,
    taskQueue: recipientTaskQueue,
    orm,
    departments,
    temporal: client,
    workflowBundlePath,
  });
  const paymentQueue = paymentTaskQueue(env.TEMPORAL_TASK_QUEUE);
  const paymentWorker = await createPaymentWorker({
    connection,
    namespace,
    shutdownGraceSeconds,
    tracing,
    taskQueue: paymentQueue,
    orm,
    workflowBundlePath,
  });

  const starter = new CaseStarter(orm, client, taskQueue);
  const emergencyQueue = env.TEMPORAL_EMERGENCY_TASK_QUEUE ?? EMERGENCY_TASK_QUEUE;
  const emergency = await createEmergencyWorker({
    connection,
    namespace,
    shutdownGraceSeconds,
    tracing,
    taskQueue: emergencyQueue,
    orm,
    startApplication: (id) => starter.start(id),
    workflowBundlePath,
  });
  const emergencyStarter = new EmergencyStarter(orm, client, emergencyQueue);
  // Every case type whose records start a workflow: one sweep relays what the API could not start.
  const recheckStarter = new LowIncomeRecheckStarter(orm, client, recipientTaskQueue);
  const tekunStarters = [new TekunApplicationStarter(orm, client, recipientTaskQueue), new TekunSupportStarter(orm, client, recipientTaskQueue)];
  const relay = setInterval(() => void relayAll([starter, emergencyStarter, recheckStarter, ...tekunStarters]), RELAY_INTERVAL_MS);

  const stopSweep = startPeriodic(() => sweepIdempotentRequests(orm, env.IDEMPOTENCY_RETENTION_HOURS * 3_600_000), 3_600_000, 60_000);
  const calendars = new CalendarService(orm);
  const reminders = { workingDays: env.REMINDER_WORKING_DAYS, gatewayUrl: env.REMINDER_GATEWAY_URL };
  const stopReminders = startPeriodic(() => remindDueTasks(orm, calendars, reminders), env.REMINDER_INTERVAL_MINUTES * 60_000);
  const stopAnchoring = startAnchoring(orm, { intervalMs: env.AUDIT_ANCHOR_INTERVAL_MINUTES * 60_000, copyFile: env.AUDIT_ANCHOR_FILE });

  const workers = [worker, recipientWorker, emergency, paymentWorker];
  const probes = env.WORKER_HEALTH_PORT !== undefined ? await startProbeServer(env.WORKER_HEALTH_HOST, env.WORKER_HEALTH_PORT, workerProbes(workers)) : undefined;
  log.info({ taskQueues: workers.map((w) => w.options.taskQueue), address: temporal.address, namespace, metricsPort: env.WORKER_METRICS_PORT, healthPort: env.WORKER_HEALTH_PORT }, 'worker polling');
  const stop = (signal: string) => {
    log.info({ signal, graceSeconds: shutdownGraceSeconds }, 'worker shutting down: polling stops, running activities finish');
    clearInterval(relay);
    workers.forEach((w) => w.shutdown());
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await Promise.all(workers.map((w) => w.run()));
  probes?.close();
  clearInterval(relay);
  stopAnchoring();
  stopReminders();
  stopSweep();
  await clientConnection.close();
  await connection.close();
  await orm.close(true);
  await tracer?.shutdown();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
