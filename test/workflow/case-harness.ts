import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundledWorker, unique } from '../helpers/temporal';

/** Recorded histories of released workflow versions: every change must still replay them. */
export const HISTORIES = resolve(__dirname, '..', 'fixtures', 'histories');

export interface CaseRun<H extends WorkflowHandle> {
  /** Prefix of the test's own task queue (a unique suffix is added). */
  queue: string;
  activities: object;
  /** Starts the case on the given queue and returns the handle the body drives. */
  start: (taskQueue: string) => Promise<H>;
  /** With RECORD_HISTORIES=1, the finished case's history is saved as a replay fixture under this name. */
  record?: string;
}

/**
 * Runs one case of any case type on its own task queue and worker: starts it, runs the body, records its history
 * when asked, and leaves nothing running — the time-skipping clock is shared by the file, and a case left running
 * would hold back the next test's timers.
 */
export async function runCase<H extends WorkflowHandle, T>(env: TestWorkflowEnvironment, run: CaseRun<H>, body: (handle: H, taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = unique(run.queue);
  const worker = await bundledWorker(env, { taskQueue, activities: run.activities });
  return worker.runUntil(async () => {
    const handle = await run.start(taskQueue);
    try {
      const result = await body(handle, taskQueue);
      if (run.record && process.env.RECORD_HISTORIES) {
        writeFileSync(resolve(HISTORIES, `${run.record}.json`), historyToJSON(await handle.fetchHistory()));
      }
      return result;
    } finally {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') await handle.terminate('test finished');
    }
  });
}
