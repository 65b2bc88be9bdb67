import { WorkflowUpdateStage, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type Client, type ConnectionOptions, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';

/** How long starting a workflow may take before the caller treats Temporal as unreachable. */
export const START_DEADLINE_MS = 2_000;

/**
 * How long a decision may wait for its update to be accepted (validated by a worker) before the answer is 503. Longer
 * than a worker's sticky queue timeout (10 s), so a decision on a case cached by a worker that died is taken over by
 * another worker within the wait; and long enough that a busy worker (a case's workflow task carrying several local
 * writes on a loaded machine) is not mistaken for none. An unreachable server fails at connecting, well before it.
 */
export const ACCEPT_DEADLINE_MS = 15_000;

/**
 * Connection options for processes that answer people (the API): a refused connection fails after three quick
 * attempts instead of the default ten with backoff (~20 s), and connecting gives up after two seconds. Callers keep
 * accepted work (intake) for the relay, or answer 503 (decisions).
 */
export function promptConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    connectTimeout: '2 seconds',
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3, initialIntervalMs: () => 100, maxIntervalMs: () => 500 }))],
  };
}

/** Runs a Temporal call with an absolute gRPC deadline, so an unreachable server cannot hold the caller. */
export function withinDeadline<T>(client: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return client.connection.withDeadline(Date.now() + ms, call);
}

/**
 * A workflow update whose acceptance is bounded by ACCEPT_DEADLINE_MS: an unreachable Temporal answers promptly,
 * while a slow but accepted update (its handler carrying the decision through activities) is awaited in full.
 * With an `updateId`, a retry after a 503 joins the first attempt instead of racing it: when no worker took the
 * update within the deadline (a worker died; its workflows wait out the sticky timeout), the server still holds the
 * first request and delivers it later, and the retry gets that update's result rather than a stale-task refusal.
 */
export async function updatePromptly<Ret, Args extends [unknown, ...unknown[]]>(client: Client, handle: WorkflowHandle, update: UpdateDefinition<Ret, Args>, args: Args, updateId?: string): Promise<Ret> {
  const started = await withinDeadline(client, ACCEPT_DEADLINE_MS, () => handle.startUpdate(update, { args, waitForStage: WorkflowUpdateStage.ACCEPTED, ...(updateId ? { updateId } : {}) }));
  return started.result();
}

/** How many runs back a retry looks for its update, when the workflow continued as new since. */
const EARLIER_RUNS = 3;

/**
 * The outcome of an update sent earlier (by id), within ACCEPT_DEADLINE_MS: what a retry answers when the first
 * attempt's caller saw a 503 but the workflow took the decision. A workflow that continued as new since (a decision
 * that ends a cycle does) holds the update in an earlier run: the runs are followed back through their start events.
 * Throws when none of them holds such an update.
 */
export async function earlierUpdateResult(client: Client, workflowId: string, updateId: string): Promise<unknown> {
  return withinDeadline(client, ACCEPT_DEADLINE_MS, async () => {
    let runId: string | undefined;
    for (let hop = 0; ; hop++) {
      try {
        return await client.workflow.getHandle(workflowId).getUpdateHandle(updateId, { workflowRunId: runId }).result();
      } catch (err) {
        const previous = hop < EARLIER_RUNS ? await previousRunId(client, workflowId, runId) : undefined;
        if (!previous) throw err;
        runId = previous;
      }
    }
  });
}

/** The run the given one (or the current one) continued from, read from its first history event only. */
async function previousRunId(client: Client, workflowId: string, runId?: string): Promise<string | undefined> {
  const page = await client.workflowService.getWorkflowExecutionHistory({ namespace: client.options.namespace, execution: { workflowId, runId }, maximumPageSize: 1 });
  return page.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
}
