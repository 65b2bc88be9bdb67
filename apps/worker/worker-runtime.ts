import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Env } from '../../config/env.schema';
import { logOptions } from '../observability/log-options';
import { safeError } from '../observability/safe-error';

const SDK_LEVEL: Record<Env['LOG_LEVEL'], LogLevel> = { error: 'ERROR', warn: 'WARN', log: 'INFO', debug: 'DEBUG' };
const PINO_METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * One SDK log entry as a JSON line: the SDK's metadata (workflowId, runId, workflowType, activityId, activityType,
 * taskQueue, namespace, attempt…) becomes fields; an error in it keeps its class and stack, not its message. Workflow
 * and activity payloads never reach the logger (the SDK does not log arguments).
 */
export function writeEntry(logger: Logger, entry: LogEntry): void {
  // A failure proto carries its message like an error does: it is dropped, the error's class and stack are kept.
  const { error, failure: _failure, ...meta } = (entry.meta ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = { ...meta };
  if (error !== undefined) fields.err = safeError(error);
  logger[PINO_METHOD[entry.level]](fields, entry.message);
}

/**
 * Installs the process's Temporal Runtime: SDK, workflow and activity logs as pino JSON lines (core's own logs are
 * forwarded too), and, when WORKER_METRICS_PORT is set, the SDK's Prometheus exporter on that address (task
 * latencies, schedule-to-start, sticky cache, slots). Must run before any connection or worker is created.
 */
export function installWorkerRuntime(env: Env, destination?: DestinationStream): Logger {
  const logger = pino(logOptions(env, 'worker', destination), destination);
  const level = SDK_LEVEL[env.LOG_LEVEL];
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => writeEntry(logger, entry)),
    telemetryOptions: {
      logging: { forward: {}, filter: level === 'DEBUG' ? 'INFO' : level },
      ...(env.WORKER_METRICS_PORT !== undefined ? { metrics: { prometheus: { bindAddress: `${env.WORKER_METRICS_HOST}:${env.WORKER_METRICS_PORT}` } } } : {}),
    },
  });
  return logger;
}
