import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { CasePolicy } from '../../config/policy/policy.schema';
import { applicationWorkflow } from '../../workflows/application/application.workflow';
import { applicationWorkflowId } from '../../workflows/application/definitions';
import { bundledWorker, unique } from '../helpers/temporal';
import { shippedCalendar } from '../helpers/policies';
import { CaseDriver } from './case-driver';
import { FakeCaseStore } from './fake-activities';

/** Recorded histories of released workflow versions: every change must still replay them. */
export const HISTORIES = resolve(__dirname, '..', 'fixtures', 'histories');

export interface CaseOptions {
  policy: CasePolicy;
  applicationId?: string;
  missingDocuments?: string[];
  relativeOfStaff?: boolean;
  excludedUserIds?: string[];
  store?: FakeCaseStore;
  /** With RECORD_HISTORIES=1, the finished case's history is saved as a replay fixture under this name. */
  record?: string;
}

/** Starts one application on its own task queue and worker, runs the body, and returns what the body returns. */
export async function withCase<T>(env: TestWorkflowEnvironment, options: CaseOptions, body: (driver: CaseDriver) => Promise<T>): Promise<T> {
  const store = options.store ?? new FakeCaseStore(shippedCalendar());
  const taskQueue = unique('wf-test');
  const worker: Worker = await bundledWorker(env, { taskQueue, activities: store.activities() });
  return worker.runUntil(async () => {
    const applicationId = options.applicationId ?? unique('app');
    const handle = await env.client.workflow.start(applicationWorkflow, {
      taskQueue,
      workflowId: applicationWorkflowId(applicationId),
      args: [
        {
          applicationId,
          policy: options.policy,
          missingDocuments: options.missingDocuments ?? [],
          relativeOfStaff: options.relativeOfStaff ?? false,
          ...(options.excludedUserIds ? { excludedUserIds: options.excludedUserIds } : {}),
        },
      ],
    });
    try {
      const result = await body(new CaseDriver(env, handle, store));
      if (options.record && process.env.RECORD_HISTORIES) {
        writeFileSync(resolve(HISTORIES, `${options.record}.json`), historyToJSON(await handle.fetchHistory()));
      }
      return result;
    } finally {
      // The time-skipping clock is shared by the file: a case left running would hold back the next test's timers.
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') await handle.terminate('test finished');
    }
  });
}
