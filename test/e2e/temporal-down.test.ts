import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { CaseStarter } from '../../activities/application/case-starter';
import { promptConnectionOptions } from '../../activities/temporal/prompt-calls';
import { createApp } from '../../apps/api/create-app';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Http } from '../helpers/http';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * An API process whose Temporal is unreachable (a dead address) beside a platform whose Temporal works, on one
 * database: intake answers at once and the relay delivers the case later; a decision answers 503 at once and
 * commits nothing, so a retry once Temporal is back decides the task.
 */

let platform: Platform;
let down: INestApplication;
let connection: Connection;
beforeAll(async () => {
  platform = await startPlatform();
  connection = Connection.lazy(promptConnectionOptions('127.0.0.1:1'));
  down = await createApp({ env: platform.env, orm: platform.db.orm, temporal: new Client({ connection, namespace: 'default' }) });
  await down.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await down?.close();
  await connection?.close();
  await platform?.stop();
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = Date.now();
  const value = await fn();
  return { ms: Date.now() - t0, value };
}

test('intake answers within 2 s while Temporal is unreachable, and the relay starts the case later', async () => {
  const live = await platform.as('kc.clerk');
  const clerk = new Http(await down.getUrl(), live.token);
  const { ms, value: created } = await timed(() => clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district)));
  expect(created.status).toBe(201);
  expect(created.body.workflowStarted).toBe(false);
  expect(ms).toBeLessThan(2_500);

  const started = await new CaseStarter(platform.db.orm, platform.temporal, platform.env.TEMPORAL_TASK_QUEUE).relayPending(0);
  expect(started).toBeGreaterThanOrEqual(1);
  const task = await new Caseworker(live).task(created.body.id, 'acceptance');
  expect(task.status).toBe('open');
});

test('a decision answers 503 with Retry-After within seconds while Temporal is unreachable; the retry decides', async () => {
  const live = await platform.as('kc.clerk');
  const created = await live.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  const task = await new Caseworker(live).task(created.body.id, 'acceptance');
  const clerk = new Http(await down.getUrl(), live.token);
  expect((await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);
  const decision = { step: 'acceptance', outcome: 'accept' };
  const { ms, value: refused } = await timed(() => clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, decision));
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBeTruthy();
  expect(ms).toBeLessThan(6_000);
  const decided = await live.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, decision);
  expect(decided.status).toBe(200);
});
