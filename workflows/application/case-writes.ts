import { ActivityCancellationType, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../activities/application/application.contract';

/**
 * Versioning marker of running the procedure's own writes as local activities. Every write here (task rows, the
 * timeline, publicity, the clock, the decision and its notice) is a short, idempotent statement on our own database:
 * as a local activity it runs inside the workflow task that asked for it, instead of a round trip through the
 * server's activity queue (three history events, two server calls and one more workflow task each). Cases started
 * before the marker replay with ordinary activities, as they ran.
 */
export const LOCAL_WRITES_PATCH = 'local-case-writes';

const retry = { initialInterval: '1 second', maximumInterval: '1 minute' } as const;

/**
 * Short writes to our own database: retried quickly, forever, because they are idempotent. A cancelled procedure
 * abandons them rather than cancelling them: they finish on their own, and writes on a closed case are no-ops.
 */
const remote = proxyActivities<ApplicationActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  retry,
});

/** The same writes as local activities; a retry past `localRetryThreshold` waits on a workflow timer. */
const local = proxyLocalActivities<ApplicationActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  localRetryThreshold: '10 seconds',
  retry,
});

/** The activities the procedure writes through: local ones from the marker on, ordinary ones in older histories. */
export function caseWrites(): ApplicationActivities {
  return patched(LOCAL_WRITES_PATCH) ? local : remote;
}
