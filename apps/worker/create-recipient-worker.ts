import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { DepartmentsPort } from '../../activities/departments/departments.port';
import { lowIncomeRecheckActivities } from '../../activities/low-income/recheck.activities';
import { fanOutActivities } from '../../activities/recipients/fan-out.activities';
import { reReviewTaskActivities } from '../../activities/recipients/re-review-task.activities';
import { recipientCheckActivities } from '../../activities/recipients/recipient-check.activities';
import { recipientLedgerActivities } from '../../activities/recipients/recipient-ledger.activities';
import { CalendarService } from '../../activities/regions/calendar.service';
import { tekunActivities } from '../../activities/tekun/tekun.activities';
import { TekunSupportStarter } from '../../activities/tekun/tekun-starters';
import { createQueueWorker, type QueueWorkerOptions } from './queue-worker';

export interface RecipientWorkerOptions extends QueueWorkerOptions {
  taskQueue: string;
  departments: DepartmentsPort;
  /** The fan-out pages send commands to household workflows through it. */
  temporal: Client;
}

/**
 * A worker for the recipients queue: the long-lived household workflows (动态管理), the 低收入 register's
 * re-checks and the fan-out of standard changes and campaigns, with the ledger, re-review task, economic re-check,
 * 低收入 re-check and fan-out activities; and the 特困供养 cases (application and support) with theirs.
 */
export function createRecipientWorker(options: RecipientWorkerOptions): Promise<Worker> {
  const support = new TekunSupportStarter(options.orm, options.temporal, options.taskQueue);
  return createQueueWorker(options, options.taskQueue, {
    ...recipientLedgerActivities(options.orm),
    ...reReviewTaskActivities(options.orm, new CalendarService(options.orm)),
    ...recipientCheckActivities(options.orm, options.departments),
    ...fanOutActivities(options.orm, options.temporal),
    ...lowIncomeRecheckActivities(options.orm, new CalendarService(options.orm)),
    ...tekunActivities(options.orm, new CalendarService(options.orm), { startSupport: (caseId) => support.start(caseId) }),
  });
}
