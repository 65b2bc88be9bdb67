import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { DepartmentsPort } from '../../activities/departments/departments.port';
import { fanOutActivities } from '../../activities/recipients/fan-out.activities';
import { reReviewTaskActivities } from '../../activities/recipients/re-review-task.activities';
import { recipientCheckActivities } from '../../activities/recipients/recipient-check.activities';
import { recipientLedgerActivities } from '../../activities/recipients/recipient-ledger.activities';
import { CalendarService } from '../../activities/regions/calendar.service';

export interface RecipientWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  orm: MikroORM;
  departments: DepartmentsPort;
  /** The fan-out pages send commands to household workflows through it. */
  temporal: Client;
  workflowBundlePath?: string;
}

/**
 * A worker for the recipients queue: the long-lived household workflows (动态管理) and the fan-out of standard
 * changes and campaigns, with the ledger, re-review task, economic re-check and fan-out activities.
 */
export async function createRecipientWorker(options: RecipientWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...workflows,
    activities: {
      ...recipientLedgerActivities(options.orm),
      ...reReviewTaskActivities(options.orm, new CalendarService(options.orm)),
      ...recipientCheckActivities(options.orm, options.departments),
      ...fanOutActivities(options.orm, options.temporal),
    },
  });
}
