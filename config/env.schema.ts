import { z } from 'zod';
import { ConfigValidationError } from './config-error';
import { checkOpsEnv, opsEnvFields } from './ops-env.schema';
import { checkTemporalEnv, temporalEnvFields } from './temporal-env.schema';

/**
 * The process environment, parsed once and validated: every process role (api, worker, cli) reads its settings from
 * here and nowhere else. Secrets have no defaults; `npm start` generates local ones under data/.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** PostgreSQL connection URL; when absent the embedded SQLite file is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    SQLITE_PATH: z.string().min(1).default('data/jiuzhu.sqlite'),
    ...temporalEnvFields,
    TEMPORAL_TASK_QUEUE: z.string().min(1).optional(),
    /** Task queue of the 救急难 workflows (default: workflows/emergency/definitions.ts EMERGENCY_TASK_QUEUE). */
    TEMPORAL_EMERGENCY_TASK_QUEUE: z.string().min(1).optional(),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** HMAC key for access tokens. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Access token lifetime in seconds (short-lived by design). */
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** Personal-data reveals one user may make per rolling hour; the next is 429 `reveal_limit` and an audit alert. */
    REVEAL_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
    /** Key of the ID-number digest (lookups without reading ID numbers). */
    PII_DIGEST_KEY: z.string().min(32, 'must be at least 32 characters'),
    /**
     * Field-encryption keyring for personal data at rest: `keyId:base64key,…` (32-byte keys, first = active; see
     * activities/security/rotate-keys.ts for rotation). Required: names, ID numbers, addresses and phones are stored
     * encrypted under it.
     */
    PII_ENCRYPTION_KEYS: z
      .string()
      .refine(isKeyringSpec, 'must be keyId:base64key[,keyId:base64key…] with 32-byte keys and distinct ids'),
    /**
     * 国密 option: what new field values are encrypted with — `aes-256-gcm` (default) or `sm4-cbc-hmac-sm3` (SM4-CBC,
     * encrypt-then-MAC with HMAC-SM3). Both decrypt; after a change, `npm run keys:rotate` moves existing values.
     */
    FIELD_CIPHER: z.enum(['aes-256-gcm', 'sm4-cbc-hmac-sm3'], { error: 'must be aes-256-gcm or sm4-cbc-hmac-sm3' }).default('aes-256-gcm'),
    /** Hash of new audit-chain entries: `sha256` (default) or `sm3`; older entries keep verifying under theirs. */
    AUDIT_HASH: z.enum(['sha256', 'sm3'], { error: 'must be sha256 or sm3' }).default('sha256'),
    DEPARTMENTS_URL: z.string().url('must be a URL').default('http://127.0.0.1:7300'),
    /** How often workers anchor the audit head (minutes), and where they copy each anchor (outside the database). */
    AUDIT_ANCHOR_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
    /** Deadline reminders: how often workers sweep (minutes), how many working days ahead, and the messaging platform. */
    REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(10).default(2),
    REMINDER_GATEWAY_URL: z.string().url('must be a URL').optional(),
    /** How long stored answers to Idempotency-Key requests are kept for retries (hours); older ones are swept. */
    IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
    ...opsEnvFields,
  })
  .strip()
  .superRefine((env, ctx) => {
    checkOpsEnv(env, ctx);
    checkTemporalEnv(env, ctx);
  });

/** Shape check of PII_ENCRYPTION_KEYS without echoing any key (the parser in activities/security does the rest). */
function isKeyringSpec(spec: string): boolean {
  const ids = new Set<string>();
  return spec.split(',').every((entry) => {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2})$/.exec(entry.trim());
    if (!m || ids.has(m[1]!)) return false;
    ids.add(m[1]!);
    return Buffer.from(m[2]!, 'base64').length === 32;
  });
}

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses the environment once; throws a ConfigValidationError naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw ConfigValidationError.fromZod('environment', parsed.error);
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
