import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadEnv } from '../../config/env.schema';
import { ConfigValidationError } from '../../config/config-error';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { openDatabase } from '../../activities/db/orm';
import { createFirstAdmin, FIRST_ADMIN_REFUSALS, FIRST_ADMIN_ROLES } from '../../activities/identity/first-admin';

const argsSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{2,63}$/, 'must be 3-64 characters: lower-case letters, digits, . _ -'),
  role: z.enum(FIRST_ADMIN_ROLES, { error: 'must be security_admin or administrator' }).default('security_admin'),
});

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/**
 * `npm run admin:first -- --username NAME [--role security_admin|administrator]`: the one-time creation of a
 * national-level administrator on a database without demo users. Prints a random temporary password once; the
 * account can do nothing but change it (403 `password_change_required` elsewhere). Refused once an account of that
 * role works with its own password.
 */
async function main(): Promise<void> {
  const parsed = argsSchema.safeParse({ username: option('username') ?? process.env.FIRST_ADMIN_USERNAME, role: option('role') });
  if (!parsed.success) throw ConfigValidationError.fromZod('arguments', parsed.error);
  const env = loadEnv();
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  try {
    const password = `${randomBytes(12).toString('base64url')}-Aa1`;
    const outcome = await createFirstAdmin(orm, { ...parsed.data, password });
    if (!outcome.created) throw new Error(FIRST_ADMIN_REFUSALS[outcome.reason]);
    console.log(`${parsed.data.role} ${parsed.data.username} created at the national level.`);
    console.log(`temporary password (shown once): ${password}`);
    console.log('log in and change it (POST /api/auth/password or the console); nothing else works until then.');
  } finally {
    await orm.close(true);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
