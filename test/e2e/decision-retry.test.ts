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

/** A new case's acceptance task, claimed by the clerk, and the decision to send on it. */
async function claimedAcceptance() {
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect([created.status, created.body.error]).toEqual([201, undefined]);
  const id = created.body.id as string;
  const task = await new Caseworker(clerk).task(id, 'acceptance');
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await clerk.post(`${path}/claim`)).status).toBe(200);
  return { clerk, id, task, path, decision: { step: 'acceptance', outcome: 'accept', reason: '材料齐全' } };
}

test('503 while the worker is down, then the retry joins the first decision: one acceptance, no 409', async () => {
  const { clerk, id, path, decision } = await claimedAcceptance();
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

test('a retry after the 503 that arrives once the task has closed gets the first decision; another decision is stale', async () => {
  const { clerk, id, task, path, decision } = await claimedAcceptance();
  const restart = await platform.pauseApplicationWorker();
  expect((await clerk.post(`${path}/complete`, decision)).status).toBe(503);
  await restart();
  for (let i = 0; ; i += 1) {
    const detail = await clerk.get(`/api/applications/${id}`);
    if (detail.body.tasks.some((t: { id: string; status: string }) => t.id === task.id && t.status === 'completed')) break;
    if (i > 300) throw new Error('the first decision never closed the task');
    await new Promise((r) => setTimeout(r, 100));
  }

  const retried = await clerk.post(`${path}/complete`, decision);
  expect(retried.status).toBe(200);
  expect([retried.body.taskId, typeof retried.body.submissionId, typeof retried.body.case]).toEqual([task.id, 'string', 'object']);
  const changedMind = await clerk.post(`${path}/complete`, { ...decision, reason: '改为不予受理' });
  expect([changedMind.status, changedMind.body.error?.code]).toEqual([409, 'stale_task']);
  const timeline = await clerk.get(`/api/applications/${id}/timeline`);
  const completions = timeline.body.events.filter((e: { step: string; action: string }) => e.step === 'acceptance' && e.action === 'task_completed');
  expect(completions).toHaveLength(1);
});
