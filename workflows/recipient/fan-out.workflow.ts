import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { FanOutActivities } from '../../activities/recipients/fan-out.contract';

/** Durable type name of the fan-out workflow: never rename. */
export const FAN_OUT_WORKFLOW_TYPE = 'recipientFanOutWorkflow';

/** One fan-out per job; the id is derived from the job id, so starting it twice is harmless. */
export function fanOutWorkflowId(jobId: string): string {
  return `dibao-recipient-job-${jobId}`;
}

export interface FanOutInput {
  jobId: string;
  /** The last recipient id handled by a previous run (continue-as-new), or absent to start from the beginning. */
  after?: string;
  /** Epoch milliseconds before which nothing is sent (a campaign whose window opens later). */
  startAt?: number;
}

const acts = proxyActivities<FanOutActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Sends one command (a standard change, a campaign re-review) to every live recipient household of a region subtree,
 * a page at a time: each page is one activity that reads the next recipients by id (keyset), sends each household's
 * workflow the command and records the job's progress. Nothing is loaded whole; a page repeated after a crash sends
 * commands the households refuse as duplicates. Continues as new when Temporal suggests it.
 */
export async function recipientFanOutWorkflow(input: FanOutInput): Promise<{ jobId: string }> {
  if (input.startAt !== undefined && input.startAt > Date.now()) await sleep(input.startAt - Date.now());
  let after = input.after;
  for (;;) {
    const page = await acts.fanOutPage({ jobId: input.jobId, after });
    if (page.next === null) break;
    after = page.next;
    if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof recipientFanOutWorkflow>({ jobId: input.jobId, after, startAt: input.startAt });
  }
  await acts.finishJob({ jobId: input.jobId, at: Date.now() });
  return { jobId: input.jobId };
}
