import { Connection, type ConnectionOptions } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { ConfigValidationError } from '../../config/config-error';
import type { Env } from '../../config/env.schema';
import { temporalEnvFields } from '../../config/temporal-env.schema';
import { promptConnectionOptions } from './prompt-calls';

/** Where the platform connects when neither the environment nor a profile says: the local dev server. */
export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

export interface TemporalSettings {
  address: string;
  namespace: string;
  apiKey?: string;
  tls?: ConnectionOptions['tls'];
  metadata?: Record<string, string>;
}

/** The validated TEMPORAL_* variables as text, as envconfig reads them (it parses booleans itself). */
function temporalVariables(env: Env): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of Object.keys(temporalEnvFields) as (keyof typeof temporalEnvFields)[]) {
    const value = env[name];
    if (value !== undefined) vars[name] = String(value);
  }
  return vars;
}

/**
 * The connection of every process (API, worker, CLI) through `@temporalio/envconfig`: the TOML profile
 * (TEMPORAL_PROFILE in TEMPORAL_CONFIG_FILE or the default file, when present), overridden by the TEMPORAL_*
 * variables, then the local defaults. TLS is on with client certificates, a server CA or an API key. A profile that
 * does not exist or a file that does not parse stops the process naming the variable.
 */
export function temporalSettings(env: Env): TemporalSettings {
  let loaded: ReturnType<typeof loadClientConnectConfig>;
  try {
    loaded = loadClientConnectConfig({ profile: env.TEMPORAL_PROFILE, configSource: env.TEMPORAL_CONFIG_FILE ? { path: env.TEMPORAL_CONFIG_FILE } : undefined, overrideEnvVars: temporalVariables(env) });
  } catch (err) {
    const variable = env.TEMPORAL_PROFILE ? 'TEMPORAL_PROFILE' : 'TEMPORAL_CONFIG_FILE';
    throw new ConfigValidationError([{ scope: 'environment', field: variable, rule: `could not load the Temporal profile: ${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'}` }]);
  }
  const options = loaded.connectionOptions;
  return {
    address: options.address ?? DEFAULT_TEMPORAL_ADDRESS,
    namespace: loaded.namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
    ...(options.apiKey && typeof options.apiKey === 'string' ? { apiKey: options.apiKey } : {}),
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    ...(options.metadata ? { metadata: options.metadata as Record<string, string> } : {}),
  };
}

/** The parts of the settings a Connection or NativeConnection takes. */
export function connectionOptionsOf(settings: TemporalSettings): { address: string; tls?: ConnectionOptions['tls']; apiKey?: string; metadata?: Record<string, string> } {
  return { address: settings.address, tls: settings.tls, apiKey: settings.apiKey, metadata: settings.metadata };
}

/** The API's lazy, prompt connection (see prompt-calls.ts) with the environment's settings. */
export function lazyClientConnection(env: Env): { connection: Connection; namespace: string } {
  const settings = temporalSettings(env);
  return { connection: Connection.lazy({ ...promptConnectionOptions(settings.address), ...connectionOptionsOf(settings) }), namespace: settings.namespace };
}
