import { writeFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { openDatabase } from '../../activities/db/orm';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { createEmergencyWorker } from '../../apps/worker/emergency-worker';

/**
 * A real emergency worker process (real activities, real database, the run's Temporal dev server) with one crash
 * point: its payment writes the row and commits, then announces it in CRASH_MARKER and never answers, so the test
 * can kill the process with SIGKILL between the database write and the activity's completion.
 */
async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  // Warnings too: a failing activity attempt of this worker shows in the test's output.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
  useFieldKeyring({ PII_ENCRYPTION_KEYS: env.PII_ENCRYPTION_KEYS });
  const orm = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const worker = await createEmergencyWorker({
    connection: await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS }),
    namespace: 'default',
    taskQueue: env.TASK_QUEUE,
    orm,
    startApplication: async () => {
      throw new Error('no applications in the crash test');
    },
    workflowBundlePath: env.WORKFLOW_BUNDLE,
    wrapActivities: (activities) => ({
      ...activities,
      async payFromReserve(input) {
        const result = await activities.payFromReserve(input);
        writeFileSync(env.CRASH_MARKER, JSON.stringify(result));
        return new Promise<never>(() => undefined);
      },
    }),
  });
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
