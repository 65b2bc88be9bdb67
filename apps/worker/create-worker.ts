import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApplicationActivities } from '../../activities/application/application.activities';
import type { DepartmentsPort } from '../../activities/departments/departments.port';
import { CalendarService } from '../../activities/regions/calendar.service';
import { APPLICATION_TASK_QUEUE } from '../../workflows/application/definitions';
import { createQueueWorker, type QueueWorkerOptions } from './queue-worker';

export interface ApplicationWorkerOptions extends QueueWorkerOptions {
  taskQueue?: string;
  departments: DepartmentsPort;
  /** Starts an approved household's lifecycle workflow on the recipients queue. */
  temporal: Client;
  recipientTaskQueue: string;
}

/** A worker for the application queue: the workflows, and activities wired to the database and departments. */
export function createApplicationWorker(options: ApplicationWorkerOptions): Promise<Worker> {
  return createQueueWorker(
    options,
    options.taskQueue ?? APPLICATION_TASK_QUEUE,
    createApplicationActivities({
      orm: options.orm,
      calendars: new CalendarService(options.orm),
      departments: options.departments,
      lifecycle: { temporal: options.temporal, taskQueue: options.recipientTaskQueue },
    }),
  );
}
