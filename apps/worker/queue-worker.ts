import type { MikroORM } from '@mikro-orm/core';
import { Worker, type NativeConnection } from '@temporalio/worker';

/** What every queue's worker needs: the server, the namespace, the database and where the workflow code comes from. */
export interface QueueWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  orm: MikroORM;
  /** A prebuilt workflow bundle (fast start, identical code on every worker); otherwise bundled from source. */
  workflowBundlePath?: string;
}

/** A worker polling one task queue with every workflow of the bundle and the given activities. */
export function createQueueWorker(options: QueueWorkerOptions, taskQueue: string, activities: object): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue,
    ...(options.workflowBundlePath ? { workflowBundle: { codePath: options.workflowBundlePath } } : { workflowsPath: require.resolve('../../workflows') }),
    activities,
  });
}
