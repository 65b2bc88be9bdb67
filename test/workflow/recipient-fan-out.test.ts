import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FanOutActivities } from '../../activities/recipients/fan-out.contract';
import { fanOutWorkflowId, recipientFanOutWorkflow } from '../../workflows/recipient/fan-out.workflow';
import { bundledWorker, timeSkippingEnv, unique } from '../helpers/temporal';
import { HISTORIES } from './case-harness';

/** The fan-out of a standard change or campaign: page after page by cursor, not before its window opens, finished once. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

/** Five households in pages of two; records each page's cursor and when (server time) it ran. */
function fakePages(clock: () => Promise<number>, ids = ['a', 'b', 'c', 'd', 'e'], size = 2) {
  const pages: { after?: string; at: number }[] = [];
  const finished: string[] = [];
  const activities: FanOutActivities = {
    async fanOutPage({ after }) {
      pages.push({ after, at: await clock() });
      const rest = ids.filter((id) => after === undefined || id > after).slice(0, size);
      return { next: rest.length ? rest[rest.length - 1] : null };
    },
    async finishJob({ jobId }) {
      if (!finished.includes(jobId)) finished.push(jobId);
    },
  };
  return { activities, pages, finished };
}

test('pages follow the cursor to the end, after the window opens, and the job finishes once', async () => {
  const fake = fakePages(() => env.currentTimeMs());
  const taskQueue = unique('wf-fan-out');
  const worker = await bundledWorker(env, { taskQueue, activities: fake.activities });
  const jobId = unique('job');
  const startAt = (await env.currentTimeMs()) + 3 * 86_400_000;
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(recipientFanOutWorkflow, { taskQueue, workflowId: fanOutWorkflowId(jobId), args: [{ jobId, startAt }] });
    expect(await handle.result()).toEqual({ jobId });
    if (process.env.RECORD_HISTORIES) writeFileSync(resolve(HISTORIES, 'recipient-fan-out-v1.json'), historyToJSON(await handle.fetchHistory()));
  });
  expect(fake.pages.map((p) => p.after)).toEqual([undefined, 'b', 'd', 'e']);
  expect(fake.pages[0].at).toBeGreaterThanOrEqual(startAt);
  expect(fake.finished).toEqual([jobId]);
});
