import type { Worker } from '@temporalio/worker';
import { createEmergencyActivities } from '../../activities/emergency/emergency.activities';
import type { EmergencyActivities } from '../../activities/emergency/emergency.contract';
import { CalendarService } from '../../activities/regions/calendar.service';
import { PolicyService } from '../../activities/regions/policy.service';
import { EMERGENCY_TASK_QUEUE } from '../../workflows/emergency/definitions';
import { createQueueWorker, type QueueWorkerOptions } from './queue-worker';

export interface EmergencyWorkerOptions extends QueueWorkerOptions {
  taskQueue?: string;
  /** Starts the workflow of a linked 低保 application (CaseStarter.start on the application queue). */
  startApplication: (applicationId: string) => Promise<void>;
  /** Wraps the activities (tests put a crash point into a payment this way); the real ones by default. */
  wrapActivities?: (activities: EmergencyActivities) => EmergencyActivities;
}

/** A worker for the emergency queue: the 救急难 workflow and its activities on the database. */
export function createEmergencyWorker(options: EmergencyWorkerOptions): Promise<Worker> {
  const activities = createEmergencyActivities({
    orm: options.orm,
    calendars: new CalendarService(options.orm),
    policies: new PolicyService(options.orm),
    startApplication: options.startApplication,
  });
  return createQueueWorker(options, options.taskQueue ?? EMERGENCY_TASK_QUEUE, options.wrapActivities ? options.wrapActivities(activities) : activities);
}
