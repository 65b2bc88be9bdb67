import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { User } from '../../activities/identity/user.entity';
import { Region } from '../../activities/regions/region.entity';
import type { Role } from '../../workflows/domain/roles';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadEnv, type Env } from '../../config/env.schema';
import { PolicyService } from '../../activities/regions/policy.service';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { createApp } from '../../apps/api/create-app';
import { createApplicationWorker } from '../../apps/worker/create-worker';
import { createEmergencyWorker } from '../../apps/worker/emergency-worker';
import { CaseStarter } from '../../activities/application/case-starter';
import { createPaymentWorker } from '../../apps/worker/payment-worker';
import { paymentTaskQueue } from '../../workflows/payments/definitions';
import { createRecipientWorker } from '../../apps/worker/create-recipient-worker';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { createSandboxServer, type SandboxServer } from '../../apps/departments-sandbox/sandbox.server';
import { loadRecords } from '../../apps/departments-sandbox/main';
import { DEMO_PASSWORD, seedDemoUsers } from '../../apps/cli/demo-users';
import { createTestDatabase, TEST_FIELD_KEYS, type TestDatabase } from '../helpers/database';
import { Http } from '../helpers/http';
import { quietRuntime, unique } from '../helpers/temporal';
import { clientTracing } from '../../apps/observability/temporal-tracing';
import { testRunEnv } from '../setup/test-env';

/**
 * The whole platform in one test process, every part real: the API over HTTP, a worker with the real activities,
 * a fresh database (SQLite, or PostgreSQL when DATABASE_URL is set), the departments sandbox over HTTP, and a
 * Temporal server — the run's dev server by default, or a time-skipping server when a test must pass days.
 */
export interface Platform {
  http: Http;
  env: Env;
  db: TestDatabase;
  sandbox: SandboxServer;
  temporal: Client;
  /** Adds a user (for a second colleague of the same role and region) with the demo password. */
  addUser(username: string, role: Role, regionCode: string): Promise<void>;
  /** Stops the application queue's worker (as a dead worker would); resolves to a function that starts a new one. */
  pauseApplicationWorker(): Promise<() => Promise<void>>;
  /** Logs in a user (demo users share one password) and returns a client with their token. */
  as(username: string, password?: string): Promise<Http>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  timeSkipping?: TestWorkflowEnvironment;
  /** The demo users are created only when asked, as `setup --demo` does; every test but the gating one asks. */
  demoUsers?: boolean;
  /** Extra environment for the API (metrics token, log level…). */
  env?: Record<string, string>;
  /** Where the API writes its JSON log lines (default stdout, at LOG_LEVEL error). */
  logDestination?: DestinationStream;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  quietRuntime();
  const run = testRunEnv();
  const db = await createTestDatabase();
  await new PolicyService(db.orm).loadShipped();
  if (options.demoUsers ?? true) await seedDemoUsers(db.orm);

  const sandbox = createSandboxServer({ records: loadRecords() });
  const { url: departmentsUrl } = await sandbox.listen(0);

  const taskQueue = unique('e2e');
  const env = loadEnv({
    NODE_ENV: 'test',
    ...(db.dialect === 'postgresql' ? { DATABASE_URL: db.settings.databaseUrl } : { SQLITE_PATH: db.settings.sqlitePath }),
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_EMERGENCY_TASK_QUEUE: `${taskQueue}-emergency`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_DIGEST_KEY: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS,
    DEPARTMENTS_URL: departmentsUrl,
    LOG_LEVEL: 'error',
    ...options.env,
  });

  const ts = options.timeSkipping;
  const nativeConnection = ts ? ts.nativeConnection : await NativeConnection.connect({ address: run.temporalAddress });
  const connection = ts ? undefined : await Connection.connect({ address: run.temporalAddress });
  const temporal = ts ? ts.client : new Client({ connection: connection!, namespace: 'default', interceptors: clientTracing(env.OTEL_TRACES_ENABLED) });

  const departments = new HttpDepartmentsClient({ baseUrl: departmentsUrl });
  const recipientTaskQueue = recipientTaskQueueFor(taskQueue);
  const applicationWorkerOptions = {
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    orm: db.orm,
    departments,
    temporal,
    recipientTaskQueue,
    workflowBundlePath: run.workflowBundlePath,
    tracing: env.OTEL_TRACES_ENABLED,
  };
  let worker: Worker = await createApplicationWorker(applicationWorkerOptions);
  const recipientWorker: Worker = await createRecipientWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: recipientTaskQueue,
    orm: db.orm,
    departments,
    temporal,
    workflowBundlePath: run.workflowBundlePath,
  });
  const starter = new CaseStarter(db.orm, temporal, taskQueue);
  const emergencyWorker: Worker = await createEmergencyWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: `${taskQueue}-emergency`,
    orm: db.orm,
    startApplication: (id) => starter.start(id),
    workflowBundlePath: run.workflowBundlePath,
  });
  const paymentWorker = await createPaymentWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: paymentTaskQueue(taskQueue),
    orm: db.orm,
    workflowBundlePath: run.workflowBundlePath,
  });
  const others = [recipientWorker, emergencyWorker, paymentWorker];
  const running = Promise.all(others.map((w) => w.run()));
  let applicationRunning = worker.run();

  const app: INestApplication = await createApp({ env, orm: db.orm, temporal, logDestination: options.logDestination });
  await app.listen(0, '127.0.0.1');
  const http = new Http(await app.getUrl());

  return {
    http,
    env,
    db,
    sandbox,
    temporal,
    async addUser(username, role, regionCode) {
      const em = db.orm.em.fork();
      if (await em.findOne(User, { username })) return; // already a demo user (e.g. the second payment officer)
      const region = await em.findOneOrFail(Region, regionCode);
      em.persist(new User({ id: randomUUID(), username, displayName: username, passwordHash: await hash(DEMO_PASSWORD), role, regionCode, regionPath: region.path }));
      await em.flush();
    },
    async as(username, password = DEMO_PASSWORD) {
      const res = await http.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return http.as(res.body.accessToken);
    },
    async pauseApplicationWorker() {
      worker.shutdown();
      await applicationRunning;
      return async () => {
        worker = await createApplicationWorker(applicationWorkerOptions);
        applicationRunning = worker.run();
      };
    },
    async stop() {
      await app.close();
      for (const w of [worker, ...others]) w.shutdown();
      await Promise.all([running, applicationRunning]);
      if (!ts) {
        await connection!.close();
        await nativeConnection.close();
      }
      await sandbox.close();
      await db.drop();
    },
  };
}
