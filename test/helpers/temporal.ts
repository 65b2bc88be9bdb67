import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker, type WorkerOptions } from '@temporalio/worker';
import { toolPath } from '../../apps/launcher/processes';
import { testRunEnv } from '../setup/test-env';

let runtimeInstalled = false;

/** Keeps the SDK quiet in tests unless something goes wrong. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  if (process.env.DEBUG_TEMPORAL) return;
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
}

/** A time-skipping test server from the project-local binary (never downloaded). */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
  });
}

/** A unique name per test: task queues and workflow ids never collide between tests or runs. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** A worker on the workflow bundle built once for this run. */
export async function bundledWorker(
  env: TestWorkflowEnvironment,
  options: Pick<WorkerOptions, 'taskQueue' | 'activities'>,
): Promise<Worker> {
  quietRuntime();
  return Worker.create({
    connection: env.nativeConnection,
    workflowBundle: { codePath: testRunEnv().workflowBundlePath },
    ...options,
  });
}
