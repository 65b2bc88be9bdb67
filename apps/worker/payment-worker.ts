import type { Worker } from '@temporalio/worker';
import { createPaymentActivities } from '../../activities/payments/payment.activities';
import { PAYMENT_TASK_QUEUE } from '../../workflows/payments/definitions';
import { createQueueWorker, type QueueWorkerOptions } from './queue-worker';

export interface PaymentWorkerOptions extends QueueWorkerOptions {
  taskQueue?: string;
}

/** A worker for the payment queue: payment runs and their activities, apart from case work so a long batch never delays it. */
export function createPaymentWorker(options: PaymentWorkerOptions): Promise<Worker> {
  return createQueueWorker(options, options.taskQueue ?? PAYMENT_TASK_QUEUE, createPaymentActivities(options.orm));
}
