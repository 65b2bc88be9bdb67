import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CasePolicy } from '../../config/policy/policy.schema';
import { applicationWorkflow } from '../../workflows/application/application.workflow';
import { applicationWorkflowId } from '../../workflows/application/definitions';
import { unique } from '../helpers/temporal';
import { runCase } from './case-harness';
import { shippedCalendar } from '../helpers/policies';
import { CaseDriver } from './case-driver';
import { FakeCaseStore } from './fake-activities';

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
  const applicationId = options.applicationId ?? unique('app');
  const start = (taskQueue: string) =>
    env.client.workflow.start(applicationWorkflow, {
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
  return runCase(env, { queue: 'wf-test', activities: store.activities(), start, record: options.record }, (handle) => body(new CaseDriver(env, handle, store)));
}
