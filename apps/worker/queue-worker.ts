import type { MikroORM } from '@mikro-orm/core';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { activityTracing } from '../observability/temporal-tracing';

/** What every queue's worker needs: the server, the namespace, the database and where the workflow code comes from. */
export interface QueueWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  orm: MikroORM;
  /** A prebuilt workflow bundle (fast start, identical code on every worker); otherwise bundled from source. */
  workflowBundlePath?: string;
  /**
   * After shutdown() (SIGTERM), how long running activities may take to finish before they are cancelled; polling
   * stops at once. Default 0 (tests).
   */
  shutdownGraceSeconds?: number;
  /** Activity spans (OTEL_TRACES_ENABLED); the tracer provider is registered by the process. */
  tracing?: boolean;
}

/**
 * Workflows each queue's worker keeps in its cache. Recipient workflows are open for years and idle most of the month:
 * at 10,000 or 100,000 households the cache, not the number of open workflows, bounds the worker's memory. An evicted
 * workflow is replayed from its history when it next wakes (its monthly tick, a command), which continue-as-new keeps
 * short. Four queues per worker process: at most 4 × 1,000 cached workflows.
 */
export const MAX_CACHED_WORKFLOWS = 1_000;

/** A worker polling one task queue with every workflow of the bundle and the given activities. */
export function createQueueWorker(options: QueueWorkerOptions, taskQueue: string, activities: object): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue,
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    ...(options.shutdownGraceSeconds ? { shutdownGraceTime: `${options.shutdownGraceSeconds} seconds` as const } : {}),
    ...(options.workflowBundlePath ? { workflowBundle: { codePath: options.workflowBundlePath } } : { workflowsPath: require.resolve('../../workflows') }),
    activities,
    ...(options.tracing ? { interceptors: activityTracing(true) } : {}),
  });
}
