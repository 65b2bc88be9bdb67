import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * A decision sent while no worker polls the case's queue answers 503 (nothing accepted in time), but the server keeps
 * the update and applies it when a worker comes back. The caller's retry must get that decision's answer — not a
 * stale-task refusal for a decision that did go through — and the case must hold it once.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('503 while the worker is down, then the retry joins the first decision: one acceptance, no 409', async () => {
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const task = await new Caseworker(clerk).task(id, 'acceptance');
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await clerk.post(`${path}/claim`)).status).toBe(200);
  const decision = { step: 'acceptance', outcome: 'accept', reason: '材料齐全' };

  const restart = await platform.pauseApplicationWorker();
  const unavailable = await clerk.post(`${path}/complete`, decision);
  expect([unavailable.status, unavailable.body.error?.code]).toEqual([503, 'unavailable']);
  await restart();

  const retried = await clerk.post(`${path}/complete`, decision);
  expect(retried.status).toBe(200);
  const timeline = await clerk.get(`/api/applications/${id}/timeline`);
  const completions = timeline.body.events.filter((e: { step: string; action: string }) => e.step === 'acceptance' && e.action === 'task_completed');
  expect(completions).toHaveLength(1);
});
