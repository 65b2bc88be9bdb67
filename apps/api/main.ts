import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { openDatabase } from '../../activities/db/orm';
import { promptConnectionOptions } from '../../activities/temporal/prompt-calls';
import { createApp } from './create-app';

/** The API process: HTTP on API_HOST:API_PORT, database and Temporal from the environment. */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const connection = Connection.lazy(promptConnectionOptions(env.TEMPORAL_ADDRESS));
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await createApp({ env, orm, temporal });
  await app.listen(env.API_PORT, env.API_HOST);
  console.log(`api listening on http://${env.API_HOST}:${env.API_PORT} (docs at /api/docs)`);
  const stop = async () => {
    await app.close();
    await connection.close();
    await orm.close(true);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
