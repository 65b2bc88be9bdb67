import type { DestinationStream, LoggerOptions } from 'pino';
import type { Env } from '../../config/env.schema';

/** LOG_LEVEL is named after Nest's levels; pino calls `log` `info`. */
const PINO_LEVEL: Record<Env['LOG_LEVEL'], string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

/** Whether pino-pretty is installed (a development dependency): production images do not have it. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The pino options of every process (API, worker, CLI): JSON lines with ISO time, `service` and the pid; level
 * from LOG_LEVEL. Human-readable output only on a terminal outside production (LOG_PRETTY=false turns it off there,
 * and it is never on when a destination stream is given, as tests do).
 */
export function logOptions(env: Pick<Env, 'LOG_LEVEL' | 'LOG_PRETTY' | 'NODE_ENV'>, service: string, destination?: DestinationStream): LoggerOptions {
  const pretty = !destination && env.NODE_ENV !== 'production' && (env.LOG_PRETTY ?? Boolean(process.stdout.isTTY)) && prettyAvailable();
  return {
    level: PINO_LEVEL[env.LOG_LEVEL],
    base: { service, pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  };
}
