import 'reflect-metadata';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { dialectOf, openDatabase } from '../../activities/db/orm';
import { DEMO_PASSWORD, demoUsers } from './demo-users';
import { setupDatabase } from './setup-database';

/**
 * `npm run setup [-- --demo]`, at each release, safe to repeat: migrate the database, load the shipped regions,
 * policies and calendars, fund this year's township reserve funds. Demo users only with `--demo` (npm start does
 * that for a local installation); a first administrator when FIRST_ADMIN_USERNAME and FIRST_ADMIN_PASSWORD are set
 * (or later with `npm run admin:first`). Run before the API and workers start.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const demo = process.argv.includes('--demo');
  const settings = { databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH };
  const orm = await openDatabase(settings, { migrate: true });
  try {
    const firstAdmin = env.FIRST_ADMIN_USERNAME && env.FIRST_ADMIN_PASSWORD ? { username: env.FIRST_ADMIN_USERNAME, password: env.FIRST_ADMIN_PASSWORD, role: env.FIRST_ADMIN_ROLE } : undefined;
    const lines = await setupDatabase(orm, env, { demo, firstAdmin });
    console.log(`database (${dialectOf(settings)}) migrated; ${lines.join('\n')}`);
    if (demo && process.argv.includes('--print-users')) {
      console.log(`demo users (password ${DEMO_PASSWORD}):`);
      for (const u of demoUsers()) console.log(`  ${u.username.padEnd(16)} ${u.role.padEnd(22)} ${u.regionCode}  ${u.region}`);
    }
  } finally {
    await orm.close(true);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
