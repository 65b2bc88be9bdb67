import 'reflect-metadata';
import type { Server } from 'node:http';
import { Client } from '@temporalio/client';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { openDatabase } from '../../activities/db/orm';
import { lazyClientConnection } from '../../activities/temporal/connection-settings';
import { startProbeServer } from '../observability/probe-server';
import { Logger } from 'nestjs-pino';
import { createApiApplication } from './create-app';
import { startTracing } from '../observability/tracing';
import { clientTracing } from '../observability/temporal-tracing';

/**
 * The API process: HTTP on API_HOST:API_PORT, database and Temporal from the environment; metrics and probes also
 * on METRICS_PORT when set. SIGTERM: readiness turns 503 at once, the listener stops accepting and the requests in
 * flight finish, then the connections close.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const tracing = startTracing(env, 'api');
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  const { connection, namespace } = lazyClientConnection(env);
  const temporal = new Client({ connection, namespace, interceptors: clientTracing(env.OTEL_TRACES_ENABLED) });
  const { app, registry, readiness } = await createApiApplication({ env, orm, temporal });
  await app.listen(env.API_PORT, env.API_HOST);
  let probes: Server | undefined;
  if (env.METRICS_PORT !== undefined) {
    probes = await startProbeServer(env.METRICS_HOST, env.METRICS_PORT, {
      '/metrics': async () => ({ status: 200, text: await registry.metrics(), contentType: registry.contentType }),
      '/health/live': async () => ({ status: 200, json: { status: 'ok' } }),
      '/health/ready': async () => {
        const r = await readiness.check();
        return { status: r.ready ? 200 : 503, json: r };
      },
    });
  }
  app.get(Logger).log(`api listening on http://${env.API_HOST}:${env.API_PORT} (docs at /api/docs)${probes ? `; metrics on ${env.METRICS_HOST}:${env.METRICS_PORT}` : ''}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    readiness.drain();
    await app.close();
    probes?.close();
    await connection.close();
    await orm.close(true);
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
