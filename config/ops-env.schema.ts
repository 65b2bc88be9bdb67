import { z } from 'zod';

const port = z.coerce.number().int().min(0, 'must be a port number (0-65535)').max(65535, 'must be a port number (0-65535)');
const flag = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1');

/**
 * The operations part of the environment (logs, metrics, health, tracing, first administrator), merged into
 * config/env.schema.ts. Every variable is optional: a development machine runs with none of them.
 */
export const opsEnvFields = {
  /** pino level; `log` is pino's `info`. */
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug'], { error: 'must be error, warn, log or debug' }).default('log'),
  /** Human-readable logs instead of JSON: only honoured on a terminal outside production (default: on there). */
  LOG_PRETTY: flag.optional(),
  /**
   * Bearer token for the API's `/metrics`. Unset: `/metrics` answers 404 on the API port, and metrics are served
   * only on METRICS_PORT (bind it to an internal interface). Set: `/metrics` with `Authorization: Bearer <token>`.
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A separate, unauthenticated listener for the API's `/metrics` (and health), for the scraper's network only. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Business gauges are computed in the database at most this often (seconds); scrapes in between get the cache. */
  METRICS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  /** A township reserve fund (备用金) below this balance, in fen, counts in `jiuzhu_reserve_funds_below_threshold`. */
  RESERVE_LOW_THRESHOLD_FEN: z.coerce.number().int().min(0).default(1_000_000),
  /** The worker's Temporal SDK runtime metrics (Prometheus) on WORKER_METRICS_HOST:port; unset: off. */
  WORKER_METRICS_PORT: port.optional(),
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The worker's health endpoint (`/health/live`, `/health/ready`: polling state per task queue); unset: off. */
  WORKER_HEALTH_PORT: port.optional(),
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  /** Seconds a SIGTERM waits for running activities before the worker stops anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** OpenTelemetry tracing of HTTP requests, Temporal client calls and activities; off by default. */
  OTEL_TRACES_ENABLED: flag.default(false),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url('must be a URL').default('http://127.0.0.1:4318/v1/traces'),
  /** One-time bootstrap by `setup`: a national-level administrator with a temporary password (see admin:first). */
  FIRST_ADMIN_USERNAME: z.string().regex(/^[a-z][a-z0-9._-]{2,63}$/, 'must be 3-64 characters: lower-case letters, digits, . _ -').optional(),
  FIRST_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  FIRST_ADMIN_ROLE: z.enum(['security_admin', 'administrator'], { error: 'must be security_admin or administrator' }).default('security_admin'),
};

/** Cross-field rules of the operations variables: each names the variable at fault. */
export function checkOpsEnv(env: { FIRST_ADMIN_USERNAME?: string; FIRST_ADMIN_PASSWORD?: string }, ctx: z.RefinementCtx): void {
  if (Boolean(env.FIRST_ADMIN_USERNAME) !== Boolean(env.FIRST_ADMIN_PASSWORD)) {
    const missing = env.FIRST_ADMIN_USERNAME ? 'FIRST_ADMIN_PASSWORD' : 'FIRST_ADMIN_USERNAME';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other FIRST_ADMIN_ variable' });
  }
}
