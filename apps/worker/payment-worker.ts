import type { MikroORM } from '@mikro-orm/core';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createPaymentActivities } from '../../activities/payments/payment.activities';
import { PAYMENT_TASK_QUEUE } from '../../workflows/payments/definitions';

export interface PaymentWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  orm: MikroORM;
  /** A prebuilt workflow bundle (fast start, identical code on every worker); otherwise bundled from source. */
  workflowBundlePath?: string;
}

/** A worker for the payment queue: payment runs and their activities, apart from case work so a long batch never delays it. */
export async function createPaymentWorker(options: PaymentWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? PAYMENT_TASK_QUEUE,
    ...workflows,
    activities: createPaymentActivities(options.orm),
  });
}
