import 'reflect-metadata';
import { loadEnv } from '../../config/env.schema';
import { encryptPlaintextRows } from '../../activities/security/encrypt-plaintext-rows';
import { backfillStatusLookupDigests } from '../../activities/application/status-lookup-backfill';
import { backfillCheckAuthorizations } from '../../activities/households/authorization-backfill';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { dialectOf, openDatabase } from '../../activities/db/orm';
import { PolicyService } from '../../activities/regions/policy.service';
import { fundReserves } from '../../activities/emergency/reserve-funding';
import { ledgerYear } from '../../workflows/domain/emergency';
import { DEMO_PASSWORD, demoUsers, seedDemoUsers } from './demo-users';

/**
 * One-off setup, safe to repeat: migrate the database, load the shipped regions, policies and calendars, create
 * the demo users, and fund this year's township reserve funds (keyed per township and year, so a repeat adds nothing). Run before the API and workers start (npm start does it for you).
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const settings = { databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH };
  const orm = await openDatabase(settings, { migrate: true });
  try {
    const sealed = await encryptPlaintextRows(orm);
    if (sealed > 0) console.log(`encrypted ${sealed} personal-data values stored in clear before encryption`);
    const digested = await backfillStatusLookupDigests(orm, env.PII_DIGEST_KEY);
    if (digested > 0) console.log(`gave ${digested} older applications their case-status lookup digest`);
    const authorized = await backfillCheckAuthorizations(orm);
    if (authorized > 0) console.log(`recorded the signed check authorisation of ${authorized} older applications`);
    const loaded = await new PolicyService(orm).loadShipped();
    const added = await seedDemoUsers(orm);
    const funded = await fundReserves(orm, new PolicyService(orm), { year: ledgerYear(Date.now()), regionPath: '' });
    console.log(`database (${dialectOf(settings)}) migrated; ${loaded.regions} regions, ${loaded.versionsAdded} new policy versions, ${loaded.calendarsAdded} new calendar years; ${added} new demo users; 备用金 of ${funded.length} townships funded for the year (once per year)`);
    if (process.argv.includes('--print-users')) {
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
