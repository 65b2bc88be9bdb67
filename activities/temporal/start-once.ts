import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import { START_DEADLINE_MS, withinDeadline } from './prompt-calls';

/**
 * Starts a workflow whose id is derived from a business id, treating "already started" as done: the API's immediate
 * attempt, a retried activity and the worker's relay may all try, and one run results. Returns whether this call
 * started it. Any other failure (Temporal unreachable, or no answer within START_DEADLINE_MS) is thrown for the caller
 * to keep the work pending.
 */
export async function startOnce(client: Client, workflowType: string, options: WorkflowStartOptions): Promise<boolean> {
  try {
    await withinDeadline(client, START_DEADLINE_MS, () => client.workflow.start(workflowType, options));
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/**
 * Tries to start each pending id once; failures stay pending for the next sweep. Returns how many were started.
 * Used by the worker's relay for records whose workflow the API could not start.
 */
export async function relayEach(ids: readonly string[], start: (id: string) => Promise<void>): Promise<number> {
  let started = 0;
  for (const id of ids) {
    try {
      await start(id);
      started += 1;
    } catch {
      // Temporal still unreachable: the next sweep tries again.
    }
  }
  return started;
}
