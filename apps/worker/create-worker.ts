import type { MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createApplicationActivities } from '../../activities/application/application.activities';
import type { DepartmentsPort } from '../../activities/departments/departments.port';
import { CalendarService } from '../../activities/regions/calendar.service';
import { APPLICATION_TASK_QUEUE } from '../../workflows/application/definitions';

export interface ApplicationWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  orm: MikroORM;
  departments: DepartmentsPort;
  /** Starts an approved household's lifecycle workflow on the recipients queue. */
  temporal: Client;
  recipientTaskQueue: string;
  /** A prebuilt workflow bundle (fast start, identical code on every worker); otherwise bundled from source. */
  workflowBundlePath?: string;
}

/** A worker for the application queue: the workflows, and activities wired to the database and departments. */
export async function createApplicationWorker(options: ApplicationWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? APPLICATION_TASK_QUEUE,
    ...workflows,
    activities: createApplicationActivities({
      orm: options.orm,
      calendars: new CalendarService(options.orm),
      departments: options.departments,
      lifecycle: { temporal: options.temporal, taskQueue: options.recipientTaskQueue },
    }),
  });
}
