import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../../activities/db/orm';
import { startMissingLifecycles } from '../../activities/recipients/lifecycle-backfill';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { loadEnv } from '../../config/env.schema';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { connectionOptionsOf, temporalSettings } from '../../activities/temporal/connection-settings';

/**
 * Starts the lifecycle workflow of every live recipient that has none (households enrolled before approvals started
 * it). Safe to repeat: running workflows are left alone. Usage: npm run lifecycles:start
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const temporal = temporalSettings(env);
  const connection = await Connection.connect(connectionOptionsOf(temporal));
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    const seen = await startMissingLifecycles(orm, client, recipientTaskQueueFor(env.TEMPORAL_TASK_QUEUE));
    console.log(JSON.stringify({ recipients: seen }));
  } finally {
    await connection.close();
    await orm.close(true);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
