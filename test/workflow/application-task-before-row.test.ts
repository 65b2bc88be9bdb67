import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateStage } from '@temporalio/client';
import { completeTaskUpdate } from '../../workflows/application/definitions';
import { DEMO_VILLAGES, shippedCalendar, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { FakeCaseStore } from './fake-activities';
import { withCase } from './workflow-harness';

/**
 * A task row is visible in the inbox as soon as the activity that writes it commits, before the workflow has seen
 * that activity complete. A decision in that window must be accepted, not refused as a stale task.
 */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

/** A store whose openTask writes the row, then holds the activity open until released. */
function slowOpeningStore(): { store: FakeCaseStore; release: () => void } {
  const store = new FakeCaseStore(shippedCalendar());
  const activities = store.activities();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const openTask = activities.openTask;
  store.activities = () => ({
    ...activities,
    openTask: async (input) => {
      const opened = await openTask(input);
      if (input.step === 'acceptance') await gate;
      return opened;
    },
  });
  return { store, release };
}

test('a decision on a row written by a still-running openTask is accepted and carried through', async () => {
  const { store, release } = slowOpeningStore();
  await withCase(env, { policy: shippedPolicy(DEMO_VILLAGES.district), store, record: 'application-v4-task-before-row' }, async (c) => {
    let row = store.openTasks('acceptance')[0];
    for (const deadline = Date.now() + 20_000; !row && Date.now() < deadline; row = store.openTasks('acceptance')[0]) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(row).toBeDefined();
    const update = await c.handle.startUpdate(completeTaskUpdate, {
      args: [{ taskId: row.taskId, submissionId: `sub:${row.taskId}`, actor: actor(row.role), decision: { step: 'acceptance', outcome: 'accept' } }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    release();
    await update.result();
    expect(store.tasks.get(row.taskId)!.status).toBe('completed');
    await c.task('home_visit');
  });
});
