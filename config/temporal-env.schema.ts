import { accessSync, constants } from 'node:fs';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1');
const readableFile = z
  .string()
  .min(1)
  .refine((path) => {
    try {
      accessSync(path, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }, 'must name a readable file');

/**
 * The Temporal connection variables, the names `@temporalio/envconfig` and the Temporal CLI read (see
 * activities/temporal/connection-settings.ts, which hands them to envconfig with the TOML profile). Validated here
 * with the rest of the environment so a bad combination stops the process at start, naming the variable.
 */
export const temporalEnvFields = {
  /** `host:port` of the frontend; default the profile's, else 127.0.0.1:7233. */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  /** A profile of the TOML file (TEMPORAL_CONFIG_FILE, default ~/.config/temporalio/temporal.toml). */
  TEMPORAL_PROFILE: z.string().min(1).optional(),
  TEMPORAL_CONFIG_FILE: readableFile.optional(),
  /** Temporal Cloud / server API key; implies TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_CLIENT_KEY_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: flag.optional(),
};

type TemporalVars = { [K in keyof typeof temporalEnvFields]?: unknown };

/** The combinations envconfig would accept silently or fail on late; each issue names the variable to fix. */
export function checkTemporalEnv(env: TemporalVars, ctx: z.RefinementCtx): void {
  const issue = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
  for (const what of ['CLIENT_CERT', 'CLIENT_KEY', 'SERVER_CA_CERT'] as const) {
    if (env[`TEMPORAL_TLS_${what}_PATH`] && env[`TEMPORAL_TLS_${what}_DATA`]) issue(`TEMPORAL_TLS_${what}_DATA`, `must not be set together with TEMPORAL_TLS_${what}_PATH`);
  }
  const cert = Boolean(env.TEMPORAL_TLS_CLIENT_CERT_PATH || env.TEMPORAL_TLS_CLIENT_CERT_DATA);
  const key = Boolean(env.TEMPORAL_TLS_CLIENT_KEY_PATH || env.TEMPORAL_TLS_CLIENT_KEY_DATA);
  if (cert && !key) issue('TEMPORAL_TLS_CLIENT_KEY_PATH', 'is required with a client certificate (or TEMPORAL_TLS_CLIENT_KEY_DATA)');
  if (key && !cert) issue('TEMPORAL_TLS_CLIENT_CERT_PATH', 'is required with a client key (or TEMPORAL_TLS_CLIENT_CERT_DATA)');
  if (env.TEMPORAL_TLS === false) {
    if (env.TEMPORAL_API_KEY) issue('TEMPORAL_TLS', 'must not be false with TEMPORAL_API_KEY (an API key is never sent in clear)');
    if (cert || key || env.TEMPORAL_TLS_SERVER_CA_CERT_PATH || env.TEMPORAL_TLS_SERVER_CA_CERT_DATA) issue('TEMPORAL_TLS', 'must not be false while TLS certificates are configured');
  }
}
