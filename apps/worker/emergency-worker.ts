import type { MikroORM } from '@mikro-orm/core';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createEmergencyActivities } from '../../activities/emergency/emergency.activities';
import type { EmergencyActivities } from '../../activities/emergency/emergency.contract';
import { CalendarService } from '../../activities/regions/calendar.service';
import { PolicyService } from '../../activities/regions/policy.service';
import { EMERGENCY_TASK_QUEUE } from '../../workflows/emergency/definitions';

export interface EmergencyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  orm: MikroORM;
  /** Starts the workflow of a linked 低保 application (CaseStarter.start on the application queue). */
  startApplication: (applicationId: string) => Promise<void>;
  /** A prebuilt workflow bundle (fast start, identical code on every worker); otherwise bundled from source. */
  workflowBundlePath?: string;
  /** Wraps the activities (tests put a crash point into a payment this way); the real ones by default. */
  wrapActivities?: (activities: EmergencyActivities) => EmergencyActivities;
}

/** A worker for the emergency queue: the 救急难 workflow and its activities on the database. */
export async function createEmergencyWorker(options: EmergencyWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
  const activities = createEmergencyActivities({
    orm: options.orm,
    calendars: new CalendarService(options.orm),
    policies: new PolicyService(options.orm),
    startApplication: options.startApplication,
  });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? EMERGENCY_TASK_QUEUE,
    ...workflows,
    activities: options.wrapActivities ? options.wrapActivities(activities) : activities,
  });
}
