import type { AddressInfo, Server } from 'node:net';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startProbeServer } from '../../apps/observability/probe-server';
import { workerProbes } from '../../apps/worker/worker-health';
import { quietRuntime, unique } from '../helpers/temporal';
import { testRunEnv } from '../setup/test-env';

/** The worker's health endpoint against the real dev server: ready only while every queue polls. */

let connection: NativeConnection;
let server: Server | undefined;
afterAll(async () => {
  server?.close();
  await connection?.close();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}${path}`);
  return { status: res.status, body: await res.json() };
}

test('503 before polling, 200 with each queue POLLING while running, 503 once one queue shuts down', async () => {
  quietRuntime();
  const run = testRunEnv();
  connection = await NativeConnection.connect({ address: run.temporalAddress });
  const queues = [unique('health-a'), unique('health-b')];
  const workers = await Promise.all(queues.map((taskQueue) => Worker.create({ connection, taskQueue, workflowBundle: { codePath: run.workflowBundlePath }, activities: { noop: async () => undefined } })));
  server = await startProbeServer('127.0.0.1', 0, workerProbes(workers));

  expect((await get('/health/ready')).status).toBe(503);
  const running = workers.map((w) => w.run());
  let ready = await get('/health/ready');
  for (let i = 0; i < 100 && ready.status !== 200; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    ready = await get('/health/ready');
  }
  expect(ready.status).toBe(200);
  expect(ready.body.queues).toEqual(queues.map((taskQueue) => expect.objectContaining({ taskQueue, state: 'RUNNING', workflowPoller: 'POLLING', activityPoller: 'POLLING' })));
  expect((await get('/health/live')).status).toBe(200);

  workers[0]!.shutdown();
  const draining = await get('/health/ready');
  expect(draining.status).toBe(503);
  expect(draining.body.queues[0].state).not.toBe('RUNNING');
  workers[1]!.shutdown();
  await Promise.all(running);
  expect((await get('/health/ready')).body.queues.map((q: { state: string }) => q.state)).toEqual(['STOPPED', 'STOPPED']);
  expect((await get('/nothing')).status).toBe(404);
});
