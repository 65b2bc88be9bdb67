import type { Worker } from '@temporalio/worker';
import type { ProbeAnswer } from '../observability/probe-server';

/** The polling state of one task queue's worker, as the health endpoint reports it. */
export interface QueueHealth {
  taskQueue: string;
  state: string;
  workflowPoller: string;
  activityPoller: string;
  inFlightActivities: number;
  inFlightWorkflowActivations: number;
}

function queueHealth(worker: Worker): QueueHealth {
  const status = worker.getStatus();
  return {
    taskQueue: worker.options.taskQueue,
    state: status.runState,
    workflowPoller: status.workflowPollerState,
    activityPoller: status.activityPollerState,
    inFlightActivities: status.numInFlightActivities,
    inFlightWorkflowActivations: status.numInFlightWorkflowActivations,
  };
}

/**
 * The worker process's probes. `/health/ready`: 200 only while every queue's worker is RUNNING (so polling), with each
 * queue's poller states and work in flight; 503 while starting, draining after SIGTERM, or when one has failed.
 * `/health/live`: 200 unless a worker has FAILED (then restart the process).
 */
export function workerProbes(workers: Worker[]): Record<string, () => Promise<ProbeAnswer>> {
  return {
    '/health/ready': async () => {
      const queues = workers.map(queueHealth);
      const ready = queues.every((q) => q.state === 'RUNNING');
      return { status: ready ? 200 : 503, json: { status: ready ? 'ok' : 'not_ready', queues } };
    },
    '/health/live': async () => {
      const failed = workers.filter((w) => w.getState() === 'FAILED').map((w) => w.options.taskQueue);
      return { status: failed.length ? 503 : 200, json: { status: failed.length ? 'failed' : 'ok', failed } };
    },
  };
}
